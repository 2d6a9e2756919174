import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { lockEmbeddedDatabase } from "../pglite-lock";
import type { DatabaseTarget } from "../target";
import { withWholeScriptExecution } from "./schema-engine";

export interface MigrationConnection {
  factory: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
}

/** A throwaway in-memory PGlite: the shadow database the engine replays migrations into. */
async function connectShadowDatabase(opened: PGlite[]) {
  const shadow = new PGlite();
  opened.push(shadow);
  const adapter = await new PrismaPGlite(shadow).connect();
  return withWholeScriptExecution(adapter, (script) => shadow.exec(script));
}

/**
 * Connects the schema engine to a target. For a server, one pooled connection (`max: 1`) so the
 * engine's advisory lock and the migration scripts share a session, serialising concurrent deploys.
 */
export async function openMigrationConnection(
  target: DatabaseTarget,
  options: { existingPglite?: PGlite } = {},
): Promise<MigrationConnection> {
  const shadows: PGlite[] = [];
  const closeShadows = async () => {
    await Promise.all(shadows.map((db) => db.close().catch(() => {})));
  };

  if (target.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: target.url, max: 1, connectionTimeoutMillis: 10_000 });
    // An idle connection dropping is reported to the query that next uses the pool; do not crash.
    pool.on("error", () => {});
    const inner = new PrismaPg(pool);
    return {
      factory: {
        provider: "postgres",
        adapterName: inner.adapterName,
        connect: async () => withWholeScriptExecution(await inner.connect(), (script) => pool.query(script)),
        connectToShadowDb: () => connectShadowDatabase(shadows),
      },
      close: async () => {
        await closeShadows();
        await pool.end();
      },
    };
  }

  // Our own instance of an on-disk database takes the same lock as the app, so the two never overlap.
  const isMemory = target.dataDir.startsWith("memory://");
  const releaseLock = options.existingPglite || isMemory ? undefined : lockEmbeddedDatabase(target.dataDir);
  const db = options.existingPglite ?? (await PGlite.create(target.dataDir));
  const inner = new PrismaPGlite(db);
  return {
    factory: {
      provider: "postgres",
      adapterName: inner.adapterName,
      connect: async () => withWholeScriptExecution(await inner.connect(), (script) => db.exec(script)),
      connectToShadowDb: () => connectShadowDatabase(shadows),
    },
    close: async () => {
      await closeShadows();
      if (!options.existingPglite) await db.close();
      releaseLock?.();
    },
  };
}
