import { hashPassword } from "@/lib/credentials/password/hash";
import { type SignUpCap, signUpLimitedMessage } from "@/lib/credentials/registration/sign-up-cap";
import type { SignUpInput } from "@/lib/credentials/validation";
import type { Database } from "@/lib/db/connect";
import { createUser } from "@/lib/db/queries";
import type { User } from "@/lib/db/schema";
import { type Refusal, refusal } from "@/lib/http/errors";
import type { Role } from "@/lib/vocabulary/roles";

// Registering a user, the one way: sign-up, client.newUser, npm run user:create and the seed of
// the demo accounts all create users here. Input is already valid (signUpSchema).

export type Registered =
  | { ok: true; user: User }
  | { ok: false; refusal: Refusal<"sign_up_limited" | "username_taken"> };

/**
 * Creates the user with an argon2id hash of the password. `cap`: the site's hourly cap, for the
 * flows that anyone may start; its place is given back when the username is taken.
 */
export async function registerUser(
  db: Database,
  input: SignUpInput & { role?: Role },
  options: { cap?: SignUpCap } = {},
): Promise<Registered> {
  const { cap } = options;
  const wait = (await cap?.reserve()) ?? 0;
  if (wait > 0) {
    const refused = refusal("sign_up_limited", signUpLimitedMessage(wait));
    return { ok: false, refusal: { ...refused, retryAfterSeconds: wait } };
  }
  const { username, name, password, role } = input;
  const user = await createUser(db, {
    username,
    name,
    passwordHash: await hashPassword(password),
    role,
  });
  if (user) return { ok: true, user };
  await cap?.release();
  return { ok: false, refusal: refusal("username_taken") };
}
