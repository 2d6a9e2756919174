import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { getDatabaseEnv } from "../env";
import { PrismaClient } from "./generated/prisma/client";
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

export class DatabaseInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database in ${dataDir} is in use by process ${pid}. ` +
        "Stop that process (is the console already running?) or set PGLITE_DATA_DIR to another folder.",
    );
    this.name = "DatabaseInUseError";
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** PGlite has no locking of its own: a lock file beside the folder keeps a second process out. */
function lockDataDir(dataDir: string): () => void {
  const lockPath = `${dataDir.replace(/[\\/]+$/, "")}.lock`;
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  for (;;) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holderPid = Number(fs.readFileSync(lockPath, "utf8").trim());
      if (holderPid && holderPid !== process.pid && isProcessAlive(holderPid)) {
        throw new DatabaseInUseError(dataDir, holderPid);
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  const release = () => {
    try {
      if (fs.readFileSync(lockPath, "utf8").trim() === String(process.pid)) fs.rmSync(lockPath);
    } catch {
      // already gone
    }
  };
  process.once("exit", release);
  return release;
}

function openDatabaseState(target: DatabaseTarget): DatabaseState {
  if (target.kind === "postgres") {
    const adapter = new PrismaPg({ connectionString: target.url, connectionTimeoutMillis: 5_000 });
    return { client: new PrismaClient({ adapter }), target };
  }
  const isMemory = target.dataDir.startsWith("memory://");
  const releaseLock = isMemory ? undefined : lockDataDir(target.dataDir);
  const pglite = new PGlite(target.dataDir);
  return { client: new PrismaClient({ adapter: new PrismaPGlite(pglite) }), target, pglite, releaseLock };
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

export async function closeDb(): Promise<void> {
  const state = holder[STATE_KEY];
  if (!state) return;
  holder[STATE_KEY] = undefined;
  await state.client.$disconnect();
  await state.pglite?.close();
  state.releaseLock?.();
}
