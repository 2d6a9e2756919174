// Runs the job workers on their own (webhooks, owner emails, alerts, the SLA clock, the language
// model's follow-up), for deployments that start the console with JOBS_WORKER=false and scale
// workers separately. PostgreSQL only: the embedded database belongs to the console's process.
import { loadEnvFiles } from "./lib/load-env";
import { closeDb, getDatabaseTarget } from "../server/db/client";
import { getEnv } from "../server/env";
import { registerHandlers } from "../server/jobs/handlers";
import { startJobs, stopJobs } from "../server/jobs/runtime";
import { logger } from "../server/logger";

loadEnvFiles();
getEnv();
if (getDatabaseTarget().kind !== "postgres") {
  console.error(
    "Error: npm run worker needs DATABASE_URL (a PostgreSQL server); on the embedded database the console runs the workers itself.",
  );
  process.exit(1);
}
try {
  await startJobs(registerHandlers);
} catch (error) {
  console.error(`Error: the job worker cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
logger.info("job worker started", { pid: process.pid });
let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info("job worker stopping", { signal });
    void stopJobs()
      .then(() => closeDb())
      .finally(() => process.exit(0));
  });
}
