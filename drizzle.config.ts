import { defineConfig } from "drizzle-kit";

// Migrations are generated once for PostgreSQL and serve both PGlite and PostgreSQL.
export default defineConfig({
  dialect: "postgresql",
  // The core's tables, then the demo's (gone with `npm run demo:remove`; a missing file matches nothing).
  schema: ["./lib/db/schema/index.ts", "./demo/db/schema.*"],
  out: "./lib/db/migrations",
});
