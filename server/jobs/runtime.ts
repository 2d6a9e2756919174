import { PgBoss, fromPglite, fromPrisma, type SendOptions } from "pg-boss";
import { getDatabaseTarget, getOpenPglite } from "../db/client";
import type { Prisma } from "../db/generated/prisma/client";
import type { Sql } from "../db/sql";
import { getEnv } from "../env";
import { logger } from "../logger";
import { DEAD_LETTER_QUEUE, QUEUES, type JobPayload } from "./queues";

// Durable jobs on pg-boss, in the application's own database: a `pgboss` schema on the PostgreSQL
// server, and the same schema in the embedded database (pg-boss runs on PGlite through its adapter,
// one session shared in turn with Prisma). A job is a row written in the caller's transaction, so
// it exists exactly when the work that asked for it committed.

export type JobHandlers = (boss: PgBoss) => Promise<void>;

interface Runtime {
  boss: PgBoss;
  working: boolean;
}

const KEY = Symbol.for("handoff-desk.jobs");
const holder = globalThis as typeof globalThis & { [KEY]?: Promise<Runtime> };

function createBoss(work: boolean): PgBoss {
  const env = getEnv();
  const target = getDatabaseTarget();
  const common = {
    schema: "pgboss",
    // Only a process that works jobs runs the scheduler and the supervisor (which retries the jobs of a
    // worker that died); a process that only sends jobs needs neither.
    supervise: work,
    schedule: work,
    superviseIntervalSeconds: env.JOBS_SUPERVISE_INTERVAL_SECONDS,
    monitorIntervalSeconds: env.JOBS_SUPERVISE_INTERVAL_SECONDS,
    migrate: true,
  };
  if (target.kind === "postgres") {
    return new PgBoss({ ...common, connectionString: target.url, max: 4, application_name: "handoff-desk-jobs" });
  }
  const pglite = getOpenPglite();
  if (!pglite) throw new Error("the embedded database is not open");
  return new PgBoss({ ...common, db: fromPglite(pglite), backend: "pglite" });
}

async function createQueues(boss: PgBoss) {
  if (!(await boss.getQueue(DEAD_LETTER_QUEUE))) {
    await boss.createQueue(DEAD_LETTER_QUEUE, { retentionSeconds: 30 * 86_400, deleteAfterSeconds: 30 * 86_400 });
  }
  for (const queue of Object.values(QUEUES)) {
    const options = { ...queue.options, deadLetter: DEAD_LETTER_QUEUE };
    if (await boss.getQueue(queue.name)) await boss.updateQueue(queue.name, options);
    else await boss.createQueue(queue.name, options);
  }
}

async function start(work: boolean, handlers?: JobHandlers): Promise<Runtime> {
  const boss = createBoss(work);
  boss.on("error", (error) => logger.error("job queue error", { err: error }));
  await boss.start();
  await createQueues(boss);
  if (work && handlers) await handlers(boss);
  return { boss, working: work };
}

/**
 * Starts the job queue for this process: `handlers` registers the workers (the console does this at
 * start unless JOBS_WORKER=false); without them the process only sends jobs.
 */
export function startJobs(handlers?: JobHandlers): Promise<Runtime> {
  holder[KEY] ??= start(Boolean(handlers), handlers).catch((error: unknown) => {
    holder[KEY] = undefined;
    throw error;
  });
  return holder[KEY];
}

/** The started job queue (started to send only, if nothing started it yet). */
export async function getJobs(): Promise<JobSender> {
  const { boss } = await startJobs();
  return new JobSender(boss);
}

export async function stopJobs(): Promise<void> {
  const runtime = holder[KEY];
  if (!runtime) return;
  holder[KEY] = undefined;
  const { boss } = await runtime.catch(() => ({ boss: null }));
  await boss?.stop({ graceful: true, timeout: 10_000 });
}

type Tx = Pick<Prisma.TransactionClient, "$queryRawUnsafe"> | Sql;

/** Sends jobs inside a Prisma transaction: they are written, and later run, only if it commits. */
export class JobSender {
  constructor(readonly boss: PgBoss) {}

  async send<Q extends keyof typeof QUEUES>(
    tx: Tx,
    queue: Q,
    data: JobPayload<Q>,
    options: Pick<SendOptions, "startAfter" | "singletonKey"> = {},
  ): Promise<string | null> {
    const spec = QUEUES[queue];
    const db =
      "$queryRawUnsafe" in tx
        ? fromPrisma(tx)
        : { executeSql: async (text: string, values?: unknown[]) => ({ rows: await tx.query(text, values) }) };
    return this.boss.send(spec.name, spec.payload.parse(data) as object, { ...options, db });
  }
}
