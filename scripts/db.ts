import nextEnv from "@next/env";
import { type Connection, connectDatabase } from "../lib/db/connect";
import { databaseEnvSchema, EnvError, parseEnv, postgresUrl } from "../lib/env-schema";

/** Opens the configured database for a one-off script, reading .env files as Next.js does. */
export function openScriptDatabase(): Connection {
  nextEnv.loadEnvConfig(process.cwd());
  try {
    const env = parseEnv(process.env, databaseEnvSchema);
    const connection = connectDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });
    const where = postgresUrl(env.DATABASE_URL)
      ? "PostgreSQL (DATABASE_URL)"
      : `PGlite in ${env.DATA_DIR}`;
    console.log(`Database: ${where}`);
    return connection;
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
