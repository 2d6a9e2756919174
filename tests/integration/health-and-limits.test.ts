import { PrismaPg } from "@prisma/adapter-pg";
import { describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client";
import { PrismaClient } from "../../server/db/generated/prisma/client";
import { checkHealth } from "../../server/services/health";
import { hitRateLimit, pruneRateLimits } from "../../server/services/rate-limit";

describe("health", () => {
  it("reports the app and a reachable, migrated database", async () => {
    const report = await checkHealth(getDb());
    expect(report.status).toBe("ok");
    expect(report.database).toMatchObject({ status: "ok" });
    expect(report.database.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("reports an unreachable database as unavailable, without connection details", async () => {
    const unreachable = new PrismaClient({
      adapter: new PrismaPg({
        connectionString: "postgresql://handoff:s3cret-pw@127.0.0.1:1/handoff",
        connectionTimeoutMillis: 1_000,
      }),
    });
    const report = await checkHealth(unreachable);
    await unreachable.$disconnect();
    expect(report.status).toBe("unavailable");
    expect(report.database).toEqual({ status: "unavailable", error: "connection failed" });
    expect(JSON.stringify(report)).not.toMatch(/s3cret|127\.0\.0\.1|handoff:/);
  });
});

describe("rate limit counters in the database", () => {
  it("gives each of many concurrent hits its own count", async () => {
    const key = `test:concurrent:${Date.now()}`;
    const results = await Promise.all(Array.from({ length: 20 }, () => hitRateLimit(key, 15, 60)));
    expect(results.map((r) => r.hits).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(results.filter((r) => r.allowed)).toHaveLength(15);
  });

  it("starts a new window once the old one has passed", async () => {
    const key = `test:window:${Date.now()}`;
    await hitRateLimit(key, 1, 60);
    expect((await hitRateLimit(key, 1, 60)).allowed).toBe(false);
    await getDb().rateLimitCounter.update({ where: { key }, data: { windowStart: new Date(Date.now() - 61_000) } });
    expect(await hitRateLimit(key, 1, 60)).toMatchObject({ allowed: true, hits: 1 });
  });

  it("prunes counters whose window ended long ago", async () => {
    const key = `test:prune:${Date.now()}`;
    await hitRateLimit(key, 5, 60);
    await getDb().rateLimitCounter.update({
      where: { key },
      data: { windowStart: new Date(Date.now() - 2 * 86_400_000) },
    });
    expect(await pruneRateLimits(getDb())).toBeGreaterThanOrEqual(1);
    expect(await getDb().rateLimitCounter.findUnique({ where: { key } })).toBeNull();
  });
});
