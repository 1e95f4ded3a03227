import "server-only";
import { describeDemoAccounts, seedDemoAccounts } from "@/lib/credentials/registration/seed";
import { db, migrateOnce } from "@/lib/db";
import { env } from "@/lib/env";
import { EnvError, isDeployment } from "@/lib/env-schema";
import { startExpirySweeper } from "@/lib/sessions/expiry";
import { listenForUserChanges } from "@/lib/sessions/user-cache";
import {
  databaseProblem,
  refuseDemoPasswords,
  refuseUnmigrated,
  StartupRefused,
} from "@/lib/startup-checks";

/** Runs once when the server starts, before it answers any request. */
export async function bootstrap(): Promise<void> {
  try {
    await start();
  } catch (error) {
    // A refusal tells whoever deploys what to fix: print it, without a stack trace, and stop.
    const refusal =
      error instanceof EnvError || error instanceof StartupRefused
        ? error.message
        : databaseProblem(error);
    if (refusal) {
      console.error(`\n✖ ${refusal}\n`);
      process.exit(1);
    }
    throw error;
  }
}

async function start(): Promise<void> {
  // Where a deploy step migrates (Vercel), every cold start would otherwise migrate again.
  if (env().MIGRATE_ON_START) await migrateOnce();
  else await refuseUnmigrated(db());
  await listenForUserChanges();
  startExpirySweeper();
  // Reachable from other machines counts too: anyone there could sign in as alice (an admin).
  const deployment = isDeployment(env());
  if (deployment) await refuseDemoPasswords(db());
  // A local run with the bundled realtime server gets its demo accounts; a deployment does not.
  if (env().REALTIME_SERVER === "bundled" && !deployment) {
    const created = await seedDemoAccounts(db());
    if (created.length > 0) console.log(`\n${describeDemoAccounts()}\n`);
  }
}
