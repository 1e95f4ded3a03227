import { type Env, passkeyOrigin, passkeyRpId } from "@/lib/env-schema";

// Who the passkeys belong to, from the validated environment (PASSKEY_ORIGIN, PASSKEY_RP_ID, or
// AUTH_URL): never from the request's Host, which the client chooses.

export type RelyingParty = {
  /** The RP ID the browser binds each passkey to: its hash is in every signed answer. */
  id: string;
  name: string;
  /** The origin an answer's clientDataJSON must name, given the one it names. */
  expectedOrigin: (claimed: string) => string;
};

/** Any port of http://localhost: a local run, where the app's port is the launcher's choice. */
const LOCAL_ORIGIN = /^http:\/\/localhost(:\d{1,5})?$/;

export function relyingParty(
  env: Pick<Env, "PASSKEY_ORIGIN" | "PASSKEY_RP_ID" | "AUTH_URL">,
): RelyingParty {
  const origin = passkeyOrigin(env);
  return {
    id: passkeyRpId(env),
    name: "Realtime Auth Kit",
    // Unconfigured, the RP ID is localhost, and a browser signs for it from localhost alone: any
    // port of it may answer. Configured, the one origin must.
    expectedOrigin: (claimed) =>
      origin ?? (LOCAL_ORIGIN.test(claimed) ? claimed : "http://localhost:3000"),
  };
}
