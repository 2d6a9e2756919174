import { inject } from "vitest";

// Point the app's modules at this run's database before any test imports them.
const databaseEnv = inject("databaseEnv");
delete process.env.DATABASE_URL;
delete process.env.PGLITE_DATA_DIR;
Object.assign(process.env, databaseEnv, {
  AUTH_SECRET: "integration-tests-secret-that-is-long-enough-0123456789",
  LOG_LEVEL: "error",
});

// Close this file's connection (and the embedded database's lock) before the next file starts.
const { afterAll } = await import("vitest");
const { closeDb } = await import("../../server/db/client");
const { stopJobs } = await import("../../server/jobs/runtime");
afterAll(async () => {
  await stopJobs();
  await closeDb();
});
