import { EnvError, parseEnv } from "@/lib/env-schema";

// Shared by the environment's unit tests: a configuration that parses, and what parseEnv says of one.

/** Every variable a deployment must set, set. */
export const complete = {
  DATABASE_URL: "postgres://app@db.example.com:5432/app",
  AUTH_SECRET: "x".repeat(32),
  PUSHER_APP_ID: "123",
  PUSHER_KEY: "key",
  PUSHER_SECRET: "secret",
  PUSHER_ENCRYPTION_MASTER_KEY: Buffer.alloc(32, 7).toString("base64"),
};

/** The problems parseEnv names in `source`, none when it parses. */
export function issues(source: Record<string, string>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.issues;
    throw error;
  }
  return [];
}
