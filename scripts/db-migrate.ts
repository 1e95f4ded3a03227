// npm run db:migrate — the app also does this on every start. With the embedded PGlite,
// stop the app first: only one process may open its data folder.
import { openScriptDatabase } from "./db";

const connection = openScriptDatabase();
await connection.migrate();
await connection.close();
console.log("Migrations applied.");
