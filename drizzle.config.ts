import { defineConfig } from "drizzle-kit";

// Migrations are generated once for PostgreSQL and serve both PGlite and PostgreSQL.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema.ts",
  out: "./lib/db/migrations",
});
