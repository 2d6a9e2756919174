import type { Db } from "../db/client";
import { sqlQuery } from "../db/sql";

export interface RateLimitResult {
  allowed: boolean;
  hits: number;
  limit: number;
  retryAfterSeconds: number;
}

/**
 * Counts one hit against `key` in a fixed window and says whether it is within `limit`. The counter
 * lives in PostgreSQL, so every app instance shares it; the upsert is atomic, so concurrent hits
 * each get their own count.
 */
export async function hitRateLimit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
  // Every API request passes here: one statement through the driver, not Prisma.
  const [row] = await sqlQuery<{ hits: number; retry_after: number }>(
    `INSERT INTO rate_limit_counters AS c (key, hits, window_start)
     VALUES ($1::text, 1, now())
     ON CONFLICT (key) DO UPDATE SET
       hits = CASE WHEN c.window_start <= now() - make_interval(secs => $2::int) THEN 1 ELSE c.hits + 1 END,
       window_start = CASE WHEN c.window_start <= now() - make_interval(secs => $2::int) THEN now() ELSE c.window_start END
     RETURNING hits,
       GREATEST(1, CEIL(EXTRACT(EPOCH FROM (window_start + make_interval(secs => $2::int) - now()))))::int AS retry_after`,
    [key, windowSeconds],
  );
  if (!row) throw new Error("rate limit upsert returned no row");
  return { allowed: row.hits <= limit, hits: row.hits, limit, retryAfterSeconds: row.retry_after };
}

export async function resetRateLimit(db: Db, key: string): Promise<void> {
  await db.rateLimitCounter.deleteMany({ where: { key } });
}

/** Drops counters whose window ended long ago (called from housekeeping). */
export async function pruneRateLimits(db: Db, olderThanSeconds = 24 * 3600): Promise<number> {
  const cutoff = new Date(Date.now() - olderThanSeconds * 1000);
  const { count } = await db.rateLimitCounter.deleteMany({ where: { windowStart: { lt: cutoff } } });
  return count;
}
