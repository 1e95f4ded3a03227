// npm run user:create -- --admin [--username NAME] [--name NAME]
// npm run user:create -- --username NAME [--name NAME]
// Creates a user on the configured database (DATABASE_URL, or the embedded PGlite), or gives an
// existing one a new password and ends their sessions. The password is prompted for on a
// terminal, and read from stdin otherwise:  npm run user:create -- --admin < password-file
import { parseArgs } from "node:util";
import { provisionUser } from "../lib/credentials/registration/provision-user";
import { openScriptDatabase } from "./db";
import { PasswordInputError, readPassword } from "./read-password";

const USAGE = "Usage: npm run user:create -- [--admin] [--username NAME] [--name NAME]";

function fail(message: string, code = 1): never {
  console.error(`✖ ${message}`);
  process.exit(code);
}

function parseOptions() {
  try {
    const { values } = parseArgs({
      options: {
        admin: { type: "boolean", default: false },
        username: { type: "string" },
        name: { type: "string" },
      },
    });
    // The first admin of a deployment is "admin" unless named; anyone else must be named.
    const username = values.username ?? (values.admin ? "admin" : undefined);
    if (!username) fail(`Name the user with --username.\n${USAGE}`, 2);
    return { admin: values.admin, username, name: values.name };
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`, 2);
  }
}

/** Creates or updates the user; returns what went wrong, if anything. */
async function run(options: ReturnType<typeof parseOptions>): Promise<string | undefined> {
  const connection = openScriptDatabase();
  try {
    await connection.migrate();
    const password = await readPassword(options.username);
    const result = await provisionUser(connection.db, { ...options, password });
    if (!result.ok) return result.errors.join("\n  ");
    const { user, created } = result;
    if (created) {
      console.log(`Created ${user.role === "admin" ? "admin" : "user"} ${user.username}.`);
    } else {
      console.log(
        `${user.username} existed: new password set, every session ended; role ${user.role}.`,
      );
    }
    if (user.bannedAt) console.log(`${user.username} is banned: unban them on /admin.`);
  } catch (error) {
    if (error instanceof PasswordInputError) return error.message;
    return `The user was not saved: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    // Closed before exiting, so that the embedded database is left consistent.
    await connection.close();
  }
}

const problem = await run(parseOptions());
if (problem) fail(problem);
