import "server-only";
import {
  type Env,
  type PublicRealtimeConfig,
  parseEnv,
  publicRealtimeConfig,
} from "@/lib/env-schema";

// Parsed on first use, not at import: `next build` evaluates modules without runtime secrets.
let parsed: Env | undefined;

export function env(): Env {
  parsed ??= parseEnv(process.env);
  return parsed;
}

/** The only realtime settings that may be sent to the browser. */
export function realtimeConfig(): PublicRealtimeConfig {
  return publicRealtimeConfig(env());
}
