import { hash, verify } from "@node-rs/argon2";

// OWASP Password Storage Cheat Sheet: argon2id (the library's default algorithm), m=19 MiB, t=2, p=1.
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

// Verified against when the user does not exist, so that both cases cost the same time.
let dummyHash: Promise<string> | undefined;

/** Constant work whether or not there is a hash: an unknown user costs one full verification. */
export async function verifyPassword(
  storedHash: string | null,
  password: string,
): Promise<boolean> {
  if (storedHash) return verify(storedHash, password);
  dummyHash ??= hashPassword("dummy password that never matches anything");
  await verify(await dummyHash, password);
  return false;
}
