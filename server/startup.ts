import { getDatabaseTarget, getDb } from "./db/client";
import { DatabaseInUseError } from "./db/pglite-lock";
import { DatabaseUnavailableError, PendingMigrationsError, prepareDatabase } from "./db/prepare";
import { describeDatabaseTarget } from "./db/target";
import { EnvError, getEnv } from "./env";
import { registerHandlers } from "./jobs/handlers";
import { startJobs, stopJobs } from "./jobs/runtime";
import { logger } from "./logger";
import { pruneRateLimits } from "./services/rate-limit";
import { pruneSessions } from "./services/session-user";
import { seedReplyTemplates } from "./services/replies/templates";

const EXPECTED_FAILURES = [EnvError, DatabaseUnavailableError, PendingMigrationsError, DatabaseInUseError];

/**
 * Server start-up: a bad environment, an unreachable database or a missing migration stops the
 * process with one readable message (no stack trace) and exit code 1.
 */
export async function startServer(): Promise<void> {
  try {
    const env = getEnv();
    const target = getDatabaseTarget();
    const started = Date.now();
    // The embedded database migrates itself; a server is migrated by `npm run db:deploy` (npm start runs it).
    const { applied } = await prepareDatabase({ migrate: target.kind === "pglite" });
    // Approved first-reply wording must exist before anyone can reply (missing defaults only, by name).
    await seedReplyTemplates(getDb());
    logger.info("console ready", {
      database: describeDatabaseTarget(target),
      migrationsApplied: applied,
      demoMode: env.DEMO_MODE,
      startupMs: Date.now() - started,
    });
    // Job workers run in the console unless JOBS_WORKER=false (then `npm run worker` runs them).
    await startJobs(env.JOBS_WORKER ? registerHandlers : undefined);
    logger.info("job queue ready", { worker: env.JOBS_WORKER });
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      process.once(signal, () => {
        void stopJobs().finally(() => process.exit(0));
      });
    }
    scheduleHousekeeping();
  } catch (error) {
    const expected = EXPECTED_FAILURES.some((kind) => error instanceof kind);
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`\nHandoff Desk cannot start.\n${message}\n\n`);
    if (!expected) logger.error("unexpected start-up failure", { err: error });
    process.exit(1);
  }
}

const HOUSEKEEPING_INTERVAL_MS = 60 * 60 * 1000;

/** Hourly clean-up of expired rate-limit counters and ended sessions. Idempotent, so every instance may run it. */
function scheduleHousekeeping() {
  const run = async () => {
    try {
      const db = getDb();
      const [counters, sessions] = await Promise.all([pruneRateLimits(db), pruneSessions(db)]);
      if (counters + sessions > 0) logger.debug("housekeeping", { counters, sessions });
    } catch (error) {
      logger.warn("housekeeping failed", { err: error });
    }
  };
  void run();
  setInterval(run, HOUSEKEEPING_INTERVAL_MS).unref();
}
