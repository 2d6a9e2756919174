import packageJson from "../../package.json";
import { getDatabaseTarget, getDb, type Db } from "../db/client";
import { listPendingMigrations } from "../db/prepare";
import type { DatabaseTarget } from "../db/target";

export interface HealthReport {
  status: "ok" | "unavailable";
  app: { status: "ok"; version: string; uptimeSeconds: number };
  database: {
    status: "ok" | "unavailable" | "migrations_pending";
    kind: DatabaseTarget["kind"];
    latencyMs?: number;
    pendingMigrations?: number;
    error?: string;
  };
}

const VERSION = packageJson.version;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref()),
  ]);
}

/** App and database status. Error text is generic: a connection error can carry host names. */
export async function checkHealth(
  db: Db = getDb(),
  kind: DatabaseTarget["kind"] = getDatabaseTarget().kind,
): Promise<HealthReport> {
  const app = { status: "ok" as const, version: VERSION, uptimeSeconds: Math.round(process.uptime()) };
  const started = performance.now();
  try {
    await withTimeout(db.$queryRaw`SELECT 1`, 3_000);
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    const pending = await withTimeout(listPendingMigrations(db), 3_000);
    if (pending.length > 0) {
      return {
        status: "unavailable",
        app,
        database: { status: "migrations_pending", kind, latencyMs, pendingMigrations: pending.length },
      };
    }
    return { status: "ok", app, database: { status: "ok", kind, latencyMs } };
  } catch (error) {
    const timedOut = error instanceof Error && error.message.startsWith("no answer");
    return {
      status: "unavailable",
      app,
      database: { status: "unavailable", kind, error: timedOut ? "timeout" : "connection failed" },
    };
  }
}
