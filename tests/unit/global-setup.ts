import type { TestProject } from "vitest/node";
import { startTestPostgres } from "../services";

declare module "vitest" {
  export interface ProvidedContext {
    testDatabaseUrl: string;
  }
}

/** One PostgreSQL server for the whole run; the workers get its address through `inject`. */
export default async function globalSetup(project: TestProject) {
  const postgres = await startTestPostgres();
  project.provide("testDatabaseUrl", postgres.url);
  return postgres.stop;
}
