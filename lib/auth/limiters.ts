import "server-only";
import { createClientLimiter, createSignInThrottle, SIGN_UP_LIMIT } from "@/lib/auth/throttle";
import { db } from "@/lib/db";

// Built on first use: constructing a limiter touches the database.
let signIn: ReturnType<typeof createSignInThrottle> | undefined;
let signUp: ReturnType<typeof createClientLimiter> | undefined;

export function signInThrottle() {
  signIn ??= createSignInThrottle(db());
  return signIn;
}

export function signUpLimiter() {
  signUp ??= createClientLimiter(db(), "sign-up:client", SIGN_UP_LIMIT);
  return signUp;
}
