import { sql } from "drizzle-orm";
import { DEMO_ACCOUNTS, demoAccountsOnDemoPassword } from "@/lib/credentials/registration/seed";
import type { Database } from "@/lib/db/connect";
import journal from "@/lib/db/migrations/meta/_journal.json";
import { isUnavailable } from "@/lib/http/unavailable";

// What the server checks before it answers anything. A failed check is a message for whoever
// deploys, not a crash: bootstrap prints it and stops the process.

export class StartupRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StartupRefused";
  }
}

/** postgres.js returns the rows; PGlite returns `{ rows }`. */
function rows(result: unknown): Record<string, unknown>[] {
  return Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows;
}

/** The committed migrations that `db` lacks, by drizzle's record of the last one applied. */
export async function missingMigrations(db: Database): Promise<string[]> {
  const [table] = rows(
    await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations') as name`),
  );
  let last = 0;
  if (table?.name) {
    const [row] = rows(
      await db.execute(sql`select max(created_at) as last from drizzle.__drizzle_migrations`),
    );
    last = Number(row?.last ?? 0);
  }
  return journal.entries.filter((entry) => entry.when > last).map((entry) => entry.tag);
}

/** With MIGRATE_ON_START=false a deploy step migrates; starting before it did is refused. */
export async function refuseUnmigrated(db: Database): Promise<void> {
  const missing = await missingMigrations(db);
  if (missing.length === 0) return;
  throw new StartupRefused(
    `The database lacks ${missing.length} of the app's migrations (${missing.join(", ")}), and ` +
      "MIGRATE_ON_START=false says a deploy step applies them.\n" +
      "  Run `npm run db:migrate` with this DATABASE_URL (the direct, non-pooled one) first,\n" +
      "  or unset MIGRATE_ON_START to let the server migrate when it starts.",
  );
}

/**
 * A deployment must not keep an account whose password the README publishes. The server cannot
 * start to fix it on /admin, so the fix is on the command line.
 */
export async function refuseDemoPasswords(db: Database): Promise<void> {
  const exposed = await demoAccountsOnDemoPassword(db);
  if (exposed.length === 0) return;
  const named = exposed.map((username) => {
    const role = DEMO_ACCOUNTS.find((account) => account.username === username)?.role;
    return role === "admin" ? `${username} (an admin)` : username;
  });
  const example = exposed[0] ?? "alice";
  throw new StartupRefused(
    `${exposed.length === 1 ? "The demo account" : "The demo accounts"} ${named.join(", ")} ` +
      `still ${exposed.length === 1 ? "has" : "have"} the demo password that the README ` +
      "publishes: anyone could sign in as them.\n" +
      "  With this DATABASE_URL, create your own admin:\n" +
      "    npm run user:create -- --admin --username <you>\n" +
      "  then give each demo account a password nobody knows (or ban it on /admin later):\n" +
      `    openssl rand -base64 32 | npm run user:create -- --username ${example}`,
  );
}

// PostgreSQL's refusals of the login or the database named: class 28, and 3D000.
const SETTING_CODES = new Set(["28000", "28P01", "3D000"]);

function codes(error: unknown): string[] {
  const found: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === "object"; depth++) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === "string") found.push(code);
    current = cause;
  }
  return found;
}

/**
 * What to tell the operator when the database cannot be used at start-up: unreachable, or it
 * refuses the login or the database named. Otherwise Next.js would keep a server up that never
 * finished starting.
 */
export function databaseProblem(error: unknown): string | undefined {
  if (!isUnavailable(error) && !codes(error).some((code) => SETTING_CODES.has(code))) return;
  const reason = error instanceof Error ? error.message : String(error);
  return (
    `The database cannot be used (${reason}).\n` +
    "  Check DATABASE_URL: host, port, user, password, database name and sslmode, and that the " +
    "server accepts connections from here."
  );
}
