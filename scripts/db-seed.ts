// npm run db:seed — creates the demo accounts that are missing. With the embedded PGlite,
// stop the app first: only one process may open its data folder.
import { describeDemoAccounts, seedDemoAccounts } from "../lib/credentials/registration/seed";
import { openScriptDatabase } from "./db";

const connection = openScriptDatabase();
await connection.migrate();
const created = await seedDemoAccounts(connection.db);
await connection.close();
console.log(
  created.length > 0 ? `Created: ${created.join(", ")}` : "The demo accounts already exist.",
);
console.log(describeDemoAccounts());
