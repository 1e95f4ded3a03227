import {
  type AuthenticationResponseJSON,
  browserSupportsWebAuthn,
  browserSupportsWebAuthnAutofill,
  startAuthentication,
  startRegistration,
} from "@simplewebauthn/browser";

// The browser's half of every passkey ceremony, by @simplewebauthn/browser: ask the app for a
// challenge (the answer sets the challenge's cookie), hand it to the authenticator, return what
// it signed. Each step's failure is the app's JSON refusal, or the browser's own.

export { browserSupportsWebAuthn, browserSupportsWebAuthnAutofill };

export type PasskeyFailure = { ok: false; code: string; message: string };

/** When the browser or the user stopped the ceremony (closed the prompt, no passkey here). */
const NOT_USED: PasskeyFailure = {
  ok: false,
  code: "passkey_cancelled",
  message: "No passkey was used. Try again, or use another way.",
};

async function post(url: string, body?: unknown): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: body === undefined ? undefined : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** The app's JSON refusal as a failure (its `error` code and `message`). */
export async function refusalOf(answer: Response): Promise<PasskeyFailure> {
  const body: unknown = await answer.json().catch(() => null);
  const field = (name: string) =>
    typeof body === "object" && body && name in body ? String(body[name as keyof typeof body]) : "";
  return {
    ok: false,
    code: field("error") || `http_${answer.status}`,
    message: field("message") || `The request failed (${answer.status}).`,
  };
}

/**
 * A passkey's answer to a challenge from `optionsUrl`; `autofill` waits for the user to pick one
 * in the username field's suggestions (conditional UI) instead of opening a prompt.
 */
export async function answerWithPasskey(
  optionsUrl: string,
  autofill = false,
): Promise<{ ok: true; response: AuthenticationResponseJSON } | PasskeyFailure> {
  const options = await post(optionsUrl);
  if (!options.ok) return refusalOf(options);
  try {
    const response = await startAuthentication({
      optionsJSON: await options.json(),
      useBrowserAutofill: autofill,
    });
    return { ok: true, response };
  } catch {
    return NOT_USED;
  }
}

/** "Confirm it's you" with a passkey: this session counts as freshly signed in. */
export async function confirmWithPasskey(): Promise<{ ok: true } | PasskeyFailure> {
  const used = await answerWithPasskey("/api/account/confirmation/passkey/options");
  if (!used.ok) return used;
  const answer = await post("/api/account/confirmation/passkey", { response: used.response });
  return answer.ok ? { ok: true } : refusalOf(answer);
}

/** "Add a passkey": a new one for the signed-in user (401 step_up_required when too old). */
export async function addPasskey(): Promise<{ ok: true } | PasskeyFailure> {
  const options = await post("/api/account/passkeys/options");
  if (!options.ok) return refusalOf(options);
  let response: Awaited<ReturnType<typeof startRegistration>>;
  try {
    response = await startRegistration({ optionsJSON: await options.json() });
  } catch {
    return NOT_USED;
  }
  const answer = await post("/api/account/passkeys", { response });
  return answer.ok ? { ok: true } : refusalOf(answer);
}
