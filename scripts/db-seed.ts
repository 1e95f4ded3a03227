// npm run db:seed — creates the demo accounts that are missing. With the embedded PGlite,
// stop the app first: only one process may open its data folder.
import nextEnv from "@next/env";
import { describeDemoAccounts, seedDemoAccounts } from "../lib/credentials/registration/seed";
import { isLocalDatabase, namesPublicUrl } from "../lib/env-schema";
import { openScriptDatabase } from "./db";

// The demo accounts' password is published: on a database that is not this machine's, or under a
// public AUTH_URL (a deployment's database is often on 127.0.0.1 too), they are an open door. A
// deployment refuses to start while one has it, but a server already running would let them in:
// so the seed asks first.
nextEnv.loadEnvConfig(process.cwd());
const where = namesPublicUrl(process.env.AUTH_URL)
  ? "AUTH_URL names a public site"
  : !isLocalDatabase(process.env.DATABASE_URL)
    ? "DATABASE_URL is not this machine's database"
    : undefined;
if (where && !process.argv.includes("--yes")) {
  console.error(
    `db:seed writes the demo accounts with their published password, and ${where}. A server ` +
      "refuses to start while a demo account keeps that password, but one already running lets " +
      "them in. If you mean it (a staging site), run: npm run db:seed -- --yes",
  );
  process.exit(1);
}

const connection = openScriptDatabase();
await connection.migrate();
const created = await seedDemoAccounts(connection.db);
await connection.close();
console.log(
  created.length > 0 ? `Created: ${created.join(", ")}` : "The demo accounts already exist.",
);
console.log(describeDemoAccounts());
