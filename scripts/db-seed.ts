// npm run db:seed — creates the demo accounts that are missing. With the embedded PGlite,
// stop the app first: only one process may open its data folder.
import nextEnv from "@next/env";
import { describeDemoAccounts, seedDemoAccounts } from "../lib/credentials/registration/seed";
import { isLocalDatabase } from "../lib/env-schema";
import { openScriptDatabase } from "./db";

// The demo accounts' password is published: on a database that is not this machine's, they are
// an open door (a deployment refuses to start while one has it), so the seed asks first.
nextEnv.loadEnvConfig(process.cwd());
if (!isLocalDatabase(process.env.DATABASE_URL) && !process.argv.includes("--yes")) {
  console.error(
    "db:seed writes the demo accounts with their published password, and DATABASE_URL is not " +
      "this machine's database. A server refuses to start while a demo account keeps that " +
      "password. If you mean it (a staging database), run: npm run db:seed -- --yes",
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
