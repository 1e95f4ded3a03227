import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

// Secrets for a zero-config run with the bundled realtime server, generated once per data folder.

const GENERATED = {
  AUTH_SECRET: () => randomBytes(32).toString("base64url"),
  PUSHER_APP_ID: () => String(100_000 + randomBytes(3).readUIntBE(0, 3)),
  PUSHER_KEY: () => randomBytes(10).toString("hex"),
  PUSHER_SECRET: () => randomBytes(20).toString("hex"),
  PUSHER_ENCRYPTION_MASTER_KEY: () => randomBytes(32).toString("base64"),
} as const;

type Secrets = Record<keyof typeof GENERATED, string>;

export function localSecretsFile(dataDir: string): string {
  return path.resolve(dataDir, "local-secrets.json");
}

/** Reads the stored secrets, generating and saving any that are missing. */
export function loadLocalSecrets(dataDir: string): { secrets: Secrets; created: boolean } {
  const file = localSecretsFile(dataDir);
  const stored: Partial<Secrets> = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  const names = Object.keys(GENERATED) as (keyof Secrets)[];
  const secrets = Object.fromEntries(
    names.map((name) => [name, stored[name] ?? GENERATED[name]()]),
  ) as Secrets;
  const created = names.some((name) => stored[name] === undefined);
  if (created) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  }
  return { secrets, created };
}
