import { z } from "zod";

// The browser's answers (@simplewebauthn/browser's JSON), bounded before anything reads them:
// a malformed one is a 400, never a throw deeper down.

const base64url = z
  .string()
  .regex(/^[A-Za-z0-9_-]*$/, "must be base64url")
  .max(16_384);
const credentialId = z.string().regex(/^[A-Za-z0-9_-]{1,1366}$/, "must be a credential id");

const common = {
  id: credentialId,
  rawId: credentialId,
  type: z.literal("public-key"),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  clientExtensionResults: z.object({
    credProps: z.object({ rk: z.boolean().optional() }).optional(),
  }),
};

export const authenticationResponseSchema = z.object({
  ...common,
  response: z.object({
    clientDataJSON: base64url,
    authenticatorData: base64url,
    signature: base64url,
    userHandle: base64url.optional(),
  }),
});

export const registrationResponseSchema = z.object({
  ...common,
  response: z.object({
    clientDataJSON: base64url,
    attestationObject: base64url,
    transports: z
      .array(z.enum(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"]))
      .max(10)
      .optional(),
  }),
});

/** The id of a passkey in a path: /api/account/passkeys/[id]. */
export const passkeyIdSchema = credentialId;

/** A passkey's name, as its owner types it. */
export const passkeyNameSchema = z
  .string("Give the passkey a name.")
  .trim()
  .min(1, "Give the passkey a name.")
  .max(64, "A passkey's name has at most 64 characters.")
  // Control and format characters (U+202E and its kind) would show the name other than it is.
  .refine((name) => !/[\p{Cc}\p{Cf}]/u.test(name), "A passkey's name has an invisible character.");
