// The core's tables, one file per question: Auth.js's (with the users), the sessions, the
// activity log, and what the running app keeps for itself. drizzle.config.ts reads this file.
export * from "./activity";
export * from "./auth";
export * from "./operations";
export * from "./passkeys";
export * from "./sessions";
