import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { getDatabaseEnv } from "../env";
import { PrismaClient } from "./generated/prisma/client";
import { createPgliteAdapter } from "./pglite-adapter";
import { lockEmbeddedDatabase } from "./pglite-lock";
import { resolveDatabaseTarget, type DatabaseTarget } from "./target";

export type Db = PrismaClient;

interface DatabaseState {
  client: PrismaClient;
  target: DatabaseTarget;
  /** Set for the embedded database: the one PGlite instance this process may open on its folder. */
  pglite?: PGlite;
  releaseLock?: () => void;
}

// Next can evaluate a module more than once (instrumentation, route bundles, dev reloads); an embedded
// database opened twice on one folder would corrupt it, so the instance lives on globalThis.
const STATE_KEY = Symbol.for("handoff-desk.database");
const holder = globalThis as typeof globalThis & { [STATE_KEY]?: DatabaseState };

function openDatabaseState(target: DatabaseTarget): DatabaseState {
  if (target.kind === "postgres") {
    const adapter = new PrismaPg({ connectionString: target.url, connectionTimeoutMillis: 5_000 });
    return { client: new PrismaClient({ adapter }), target };
  }
  const isMemory = target.dataDir.startsWith("memory://");
  const releaseLock = isMemory ? undefined : lockEmbeddedDatabase(target.dataDir);
  const pglite = new PGlite(target.dataDir);
  return { client: new PrismaClient({ adapter: createPgliteAdapter(pglite) }), target, pglite, releaseLock };
}

function getState(): DatabaseState {
  holder[STATE_KEY] ??= openDatabaseState(resolveDatabaseTarget(readTargetEnv()));
  return holder[STATE_KEY];
}

function readTargetEnv() {
  const env = getDatabaseEnv();
  return { databaseUrl: env.DATABASE_URL, pgliteDataDir: env.PGLITE_DATA_DIR };
}

/** The process's Prisma client, on PostgreSQL or the embedded database as configured. */
export function getDb(): Db {
  return getState().client;
}

export function getDatabaseTarget(): DatabaseTarget {
  return getState().target;
}

/** The open embedded database, for the migrator to share (never a second instance on one folder). */
export function getOpenPglite(): PGlite | undefined {
  return getState().pglite;
}

const POOL_KEY = Symbol.for("handoff-desk.driver-pool");
const poolHolder = globalThis as typeof globalThis & { [POOL_KEY]?: pg.Pool };

/**
 * A `pg` pool beside Prisma's, on the PostgreSQL server only: for the statements where Prisma's
 * per-query cost matters (server/db/sql.ts). Closed by closeDb().
 */
export function getDriverPool(url: string): pg.Pool {
  if (!poolHolder[POOL_KEY]) {
    const created = new pg.Pool({
      connectionString: url,
      max: 10,
      connectionTimeoutMillis: 5_000,
      // Set per connection at start-up, so they cost nothing per query: nothing waits forever.
      statement_timeout: 30_000,
      lock_timeout: 10_000,
      idle_in_transaction_session_timeout: 60_000,
    });
    created.on("error", () => {}); // an idle connection dropped: the next query reports it
    poolHolder[POOL_KEY] = created;
  }
  return poolHolder[POOL_KEY];
}

export async function closeDb(): Promise<void> {
  const pool = poolHolder[POOL_KEY];
  poolHolder[POOL_KEY] = undefined;
  await pool?.end().catch(() => {});
  const state = holder[STATE_KEY];
  if (!state) return;
  await state.client.$disconnect();
  await state.pglite?.close();
  state.releaseLock?.();
  // Forgotten only once closed: a getDb() meanwhile gets the closing instance, never a second one.
  if (holder[STATE_KEY] === state) holder[STATE_KEY] = undefined;
}
