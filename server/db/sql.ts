import { createHash, randomBytes } from "node:crypto";
import type pg from "pg";
import { getDatabaseEnv } from "../env";
import { getDatabaseTarget, getDriverPool, getOpenPglite } from "./client";

// SQL straight through the database driver, for the one path where Prisma's per-statement cost
// decides throughput: ingesting a conversation (about 15 statements in one transaction). Measured
// on this machine: a Prisma findUnique costs 0.63 ms of CPU, the same query through `pg` 0.06 ms.
// Everything else uses Prisma. Works on both databases: a `pg` pool on the PostgreSQL server, and
// the console's one PGlite instance on the embedded database.
//
// Conventions for callers: every parameter is cast in the SQL ($1::uuid, $2::jsonb with
// JSON.stringify, $3::"EnumName"), counts are cast to int, and ids are generated here (uuidv7),
// as Prisma would, since the tables have no database defaults for them.

export interface Sql {
  query<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
}

const names = new Map<string, string>();
let prepared: boolean | undefined;

/**
 * Named, so each connection parses and plans a statement once and reuses the plan (PostgreSQL's CPU
 * per conversation halved). Behind a pooler in transaction mode (PgBouncer, most managed poolers)
 * named statements do not survive between transactions: DATABASE_PREPARED_STATEMENTS=false.
 */
function statement(text: string, values?: unknown[]): pg.QueryConfig {
  prepared ??= getDatabaseEnv().DATABASE_PREPARED_STATEMENTS;
  if (!prepared) return { text, values };
  let name = names.get(text);
  if (!name) {
    name = `hd_${createHash("sha1").update(text).digest("hex").slice(0, 16)}`;
    names.set(text, name);
  }
  return { name, text, values };
}

/** One statement outside a transaction, through the driver. */
export async function sqlQuery<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<R[]> {
  const target = getDatabaseTarget();
  if (target.kind === "pglite") {
    const pglite = getOpenPglite();
    if (!pglite) throw new Error("the embedded database is not open");
    return (await pglite.query<R>(text, values)).rows;
  }
  const result = await getDriverPool(target.url).query(statement(text, values));
  return result.rows as R[];
}

/** Runs `work` in one transaction: committed when it returns, rolled back when it throws. */
export async function withSqlTransaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
  const target = getDatabaseTarget();
  if (target.kind === "pglite") {
    const pglite = getOpenPglite();
    if (!pglite) throw new Error("the embedded database is not open");
    return pglite.transaction(async (tx) =>
      work({ query: async <R>(text: string, values?: unknown[]) => (await tx.query<R>(text, values)).rows }),
    );
  }
  const client = await getDriverPool(target.url).connect();
  let broken = false;
  // A connection the server drops mid-transaction (failover, a timeout) reports here, not as an
  // uncaught exception; the query in flight fails and the connection is thrown away.
  const onError = () => {
    broken = true;
  };
  client.on("error", onError);
  try {
    await client.query("BEGIN");
    const result = await work({
      query: async <R>(text: string, values?: unknown[]) => (await client.query(statement(text, values))).rows as R[],
    });
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.off("error", onError);
    client.release(broken);
  }
}

/** A time-ordered UUID (RFC 9562 version 7), as Prisma's uuid(7) makes them. */
export function uuidv7(now = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A read planned for its own values (the queue and the dashboards), on one process unless `parallel`.
 * The driver names its statements, and PostgreSQL switches a named statement to one generic plan after five runs; for these filters that
 * plan guesses a reason matches 0.5% of cases, and a count over the half that do took 10x longer.
 * A page is 51 rows read in index order: starting parallel workers cost more than they saved
 * (a filtered page: 9 ms alone, 128 ms with a worker, on 100,000 cases).
 */
export async function readPlannedQuery<R>(
  text: string,
  values: unknown[],
  options: { parallel?: boolean } = {},
): Promise<R[]> {
  return withSqlTransaction(async (sql) => {
    await sql.query("SET LOCAL plan_cache_mode = force_custom_plan");
    // JIT compiled the dashboards' aggregates for longer than they ran (2.7 s of a 2.9 s breakdown
    // by reason, whose unnest the planner overestimates tenfold); these reads never gain from it.
    await sql.query("SET LOCAL jit = off");
    // Aggregates over months of conversations (the dashboards) may use workers.
    if (!options.parallel) await sql.query("SET LOCAL max_parallel_workers_per_gather = 0");
    return sql.query<R>(text, values);
  });
}
