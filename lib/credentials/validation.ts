import { z } from "zod";

// Shared by the sign-up form, the Credentials provider and the service endpoints.

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, "Username must be at least 3 characters")
  .max(32, "Username must be at most 32 characters")
  .regex(/^[a-z0-9_-]+$/, "Use only lowercase letters, digits, _ and -");

export const passwordSchema = z
  .string()
  .min(12, "Password must be at least 12 characters")
  .max(128, "Password must be at most 128 characters");

export const signUpSchema = z.object({
  username: usernameSchema,
  name: z
    .string()
    .trim()
    .max(64, "Name must be at most 64 characters")
    // Control characters (a NUL) cannot be stored, and have no place in a name anyway.
    .regex(/^\P{Cc}*$/u, "Name must not contain control characters")
    .optional(),
  password: passwordSchema,
});

// Sign-in only bounds the input: a rule that changed after sign-up must not lock anyone out,
// and a precise message here would tell an attacker which usernames are well-formed. A control
// character (a NUL) is no username's, and PostgreSQL cannot even compare it.
export const signInSchema = z.object({
  username: z
    .string("Send a username.")
    .trim()
    .toLowerCase()
    .min(1, "Send a username.")
    .max(64, "The username is longer than any account's.")
    .regex(/^\P{Cc}*$/u, "A username has no control characters."),
  password: z
    .string("Send a password.")
    .min(1, "Send a password.")
    .max(256, "The password is longer than any account's."),
});

export type SignUpInput = z.infer<typeof signUpSchema>;
export type SignInInput = z.infer<typeof signInSchema>;
