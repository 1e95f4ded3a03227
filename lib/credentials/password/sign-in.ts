import "server-only";
import { recordAuthEvent } from "@/lib/activity-log/record";
import { signInThrottle } from "@/lib/credentials/limiters";
import { verifyCredentials } from "@/lib/credentials/password/verify";
import { db } from "@/lib/db";
import type { User } from "@/lib/db/schema";
import { formatWait } from "@/lib/format";
import { type Refusal, refusal } from "@/lib/http/errors";
import { requestClient } from "@/lib/http/peer-address";
import { knownDevice, rememberThisDevice } from "@/lib/identity/known-device";

// Password sign-in, the one way: NextAuth's authorize (the form), the service flow's
// client.start({ username, password }), "Confirm it's you" and the change of password all come
// here, so they share the check, the throttle's counters, the device cookie and the activity log.

export type PasswordSignIn =
  | { ok: true; user: User }
  | { ok: false; refusal: Refusal<"invalid_credentials" | "user_banned" | "throttled"> };

/** What the check is for, as the activity log names it: a sign-in unless said otherwise. */
export type PasswordCheckPurpose = {
  kind?: "sign_in" | "step_up" | "password_changed";
  detail: "credentials" | "service" | "password";
  logSuccess: boolean;
};

/**
 * Checks `input` ({ username, password }, bounded by signInSchema) for the request with `headers`.
 * A failure is logged here; a success only when `logSuccess` says so (the form's is logged
 * with the web session it starts). A browser that proved the password is remembered.
 */
export async function passwordSignIn(
  input: unknown,
  headers: Headers,
  via: PasswordCheckPurpose,
): Promise<PasswordSignIn> {
  const clientAddress = requestClient(headers);
  const result = await verifyCredentials(
    db(),
    signInThrottle(),
    input,
    clientAddress,
    knownDevice(headers),
  );
  if (!result.ok || via.logSuccess) {
    await recordAuthEvent({
      kind: via.kind ?? "sign_in",
      outcome: result.ok ? "success" : "failure",
      reason: result.ok ? null : result.reason,
      userId: result.ok ? result.user.id : "userId" in result ? result.userId : null,
      detail: via.detail,
      clientAddress,
      userAgent: headers.get("user-agent"),
    });
  }
  if (result.ok) {
    await rememberThisDevice(headers, result.user.id);
    return { ok: true, user: result.user };
  }
  if (result.reason === "throttled") {
    const { retryAfterSeconds } = result;
    const message = `Too many failed attempts. Try again in ${formatWait(retryAfterSeconds)}.`;
    return { ok: false, refusal: { ...refusal("throttled", message), retryAfterSeconds } };
  }
  if (result.reason === "banned") return { ok: false, refusal: refusal("user_banned") };
  return { ok: false, refusal: refusal("invalid_credentials") };
}
