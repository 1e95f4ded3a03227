import "server-only";
import {
  countedClientLimiter,
  countedSignInThrottle,
  countedSignUpCap,
} from "@/lib/credentials/counted-limiters";
import {
  createClientLimiter,
  createSignInThrottle,
  SERVICE_NEW_USER_LIMIT,
  SIGN_UP_LIMIT,
  withMemoryFallback,
} from "@/lib/credentials/password/throttle";
import { createSignUpCap } from "@/lib/credentials/registration/sign-up-cap";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

// Built on first use: constructing a limiter touches the database. Each one's refusals are
// counted by scope (lib/credentials/counted-limiters.ts).
let signIn: ReturnType<typeof createSignInThrottle> | undefined;
let signUp: ReturnType<typeof createClientLimiter> | undefined;
let serviceNewUser: ReturnType<typeof createClientLimiter> | undefined;
let signUpCapLimiter: ReturnType<typeof createSignUpCap> | undefined;
let tickets: ReturnType<typeof createClientLimiter> | undefined;
let passkeyOptions: ReturnType<typeof createClientLimiter> | undefined;

export function signInThrottle() {
  signIn ??= countedSignInThrottle(createSignInThrottle(db()));
  return signIn;
}

export function signUpLimiter() {
  const limit = { ...SIGN_UP_LIMIT, points: env().SIGN_UPS_PER_ADDRESS_PER_HOUR };
  signUp ??= countedClientLimiter("sign_up", createClientLimiter(db(), "sign-up:client", limit));
  return signUp;
}

export function serviceNewUserLimiter() {
  serviceNewUser ??= countedClientLimiter(
    "service_new_user",
    createClientLimiter(db(), "service-new-user:client", SERVICE_NEW_USER_LIMIT),
  );
  return serviceNewUser;
}

/** Every new account from outside (sign-up and newUser) counts here: SIGN_UP_MAX_PER_HOUR. */
export function signUpCap() {
  signUpCapLimiter ??= countedSignUpCap(createSignUpCap(db(), env().SIGN_UP_MAX_PER_HOUR));
  return signUpCapLimiter;
}

/** Tickets per user (a user id is no address: throttleKey keeps it as it is). */
export function ticketLimiter() {
  const limit = { points: env().TICKETS_PER_MINUTE_PER_USER, durationSeconds: 60 };
  tickets ??= countedClientLimiter(
    "tickets",
    withMemoryFallback(createClientLimiter(db(), "tickets:user", limit), limit),
  );
  return tickets;
}

/**
 * Passkey challenges asked for without a session, per client: each is a row until it expires.
 * Every load of /sign-in asks for one (conditional UI), so the bound is loose: it stops a flood,
 * not a busy network behind one address. The answers count on the sign-in throttle.
 */
export function passkeyOptionsLimiter() {
  passkeyOptions ??= countedClientLimiter(
    "passkey_options",
    createClientLimiter(db(), "passkey-options:client", { points: 120, durationSeconds: 60 }),
  );
  return passkeyOptions;
}
