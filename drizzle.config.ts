import { defineConfig } from "drizzle-kit";

// Migrations are generated once for PostgreSQL and serve both PGlite and PostgreSQL.
export default defineConfig({
  dialect: "postgresql",
  // The core's tables, then each feature's schema file.
  schema: ["./lib/db/schema/index.ts", "./demo/db/schema.ts"],
  out: "./lib/db/migrations",
});
