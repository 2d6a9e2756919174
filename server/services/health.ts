import { getDb, type Db } from "../db/client";
import { listPendingMigrations } from "../db/prepare";

/** Public, so it says how things are and nothing about what they are (no versions, hosts, kinds). */
export interface HealthReport {
  status: "ok" | "unavailable";
  app: { status: "ok" };
  database: {
    status: "ok" | "unavailable" | "migrations_pending";
    latencyMs?: number;
    error?: "timeout" | "connection failed";
  };
}

class Timeout extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Timeout()), ms).unref())]);
}

/** App and database status. Errors are named by kind only: a driver's message can carry host names. */
export async function checkHealth(db: Db = getDb()): Promise<HealthReport> {
  const app = { status: "ok" as const };
  const started = performance.now();
  try {
    await withTimeout(db.$queryRaw`SELECT 1`, 3_000);
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    const pending = await withTimeout(listPendingMigrations(db), 3_000);
    if (pending.length > 0)
      return { status: "unavailable", app, database: { status: "migrations_pending", latencyMs } };
    return { status: "ok", app, database: { status: "ok", latencyMs } };
  } catch (error) {
    const kind = error instanceof Timeout ? "timeout" : "connection failed";
    return { status: "unavailable", app, database: { status: "unavailable", error: kind } };
  }
}
