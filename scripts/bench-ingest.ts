// npm run bench:ingest -- [--per-stage 1500] [--stages 4,8,16,32] [--next-action-connections 8]
//                        [--instances 1] [--unix-socket /var/run/postgresql] [--port 3200] [--build] [--json]
//
// Starts the built console (`next start`, building it first when there is no build or --build is
// given) on a fresh database on the PostgreSQL server, then with autocannon:
//   1. posts generated 12-message conversations to POST /api/v1/conversations at rising concurrency;
//   2. a retry storm: every conversation sent again twice at once (nothing may change);
//   3. POST /api/v1/next-action mid-chat calls.
// Counts rows afterwards: `lost` = acknowledged conversations missing from the database,
// `duplicated` = rows beyond one per conversation (conversations, leads per email, handoffs, cases,
// `conversation.received` events), before and after the storm. Targets on a 2-core machine:
// >= 300 conversations/s, p95 <= 150 ms, lost = duplicated = 0; next-action p95 < 50 ms.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { z } from "zod";
import { createTestDatabase } from "../tests/support/test-database";
import { runCli } from "./lib/run-cli";

const { values } = parseArgs({
  options: {
    "per-stage": { type: "string", default: "1500" },
    stages: { type: "string", default: "4,8,16,32" },
    port: { type: "string", default: "3200" },
    "next-action-connections": { type: "string", default: "8" },
    instances: { type: "string", default: "1" },
    "unix-socket": { type: "string" },
    build: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  },
});

const options = z
  .object({
    perStage: z.coerce.number().int().min(10).max(100_000),
    stages: z.array(z.coerce.number().int().min(1).max(512)).min(1),
    port: z.coerce.number().int().min(1024).max(65_535),
    nextActionConnections: z.coerce.number().int().min(1).max(512),
    instances: z.coerce.number().int().min(1).max(16),
  })
  .parse({
    perStage: values["per-stage"],
    stages: values.stages!.split(","),
    port: values.port,
    nextActionConnections: values["next-action-connections"],
    instances: values.instances,
  });

const log = (line: string) => {
  if (!values.json) console.log(line);
  else process.stderr.write(`${line}\n`);
};

// ── conversations ────────────────────────────────────────────────────────────────────────────
const NEEDS = [
  ["a new flat roof on our garage, about 20 square metres", "sales"],
  ["a website redesign for our three dental clinics", "sales"],
  ["weekly cleaning for a 400 square metre office", "sales"],
  ["my last invoice shows the wrong VAT number, can you fix it", "support"],
  ["the boiler you serviced last month is making a banging noise again", "support"],
  ["help with something", "vague"],
  ["how much would a full rewire of a three bedroom house cost", "pricing"],
] as const;
const NAMES = ["Dana Ruiz", "Sam Patel", "Jo Okafor", "Priya Shah", "Lee Wong", "Ana Costa", "Tom Berg", "Mia Novak"];

function conversation(i: number, runId: string) {
  const [need, kind] = NEEDS[i % NEEDS.length]!;
  const name = NAMES[i % NAMES.length]!;
  const email = `visitor-${runId}-${i}@bench.example`;
  const lines: [string, string][] = [
    ["visitor", `Hi there, I'm looking for ${need}.`],
    ["bot", "Thanks for getting in touch. Can you tell me a little more about what you need?"],
    [
      "visitor",
      kind === "vague" ? "not sure really, just browsing" : `It's for ${need}; we would like to get going soon.`,
    ],
    ["bot", "Understood. Is this for a home or a business?"],
    ["visitor", i % 2 ? "It's for our business, about 25 staff." : "It's for my home."],
    ["bot", "Thanks. Where are you based?"],
    ["visitor", i % 3 ? "We're in Leeds." : "Central Manchester."],
    ["bot", "Great. What's the best way for our team to reach you?"],
    ["visitor", `My name is ${name}, email ${email}.`],
    ["bot", "May our team contact you by email about this request?"],
    ["visitor", i % 5 === 4 ? "I'd rather you didn't, I'll come back later." : "Yes, please email me."],
    ["bot", "Thank you, someone will be in touch."],
  ];
  return {
    externalId: `bench-${runId}-${i}`,
    pageUrl: `https://example.com/services/${kind}?utm_source=google&utm_campaign=bench`,
    messages: lines.map(([role, text], m) => ({ role, text, at: new Date(Date.UTC(2026, 11, 1, 9, m)).toISOString() })),
  };
}

type RowCount =
  "conversations" | "leads" | "handoffs" | "cases" | "received" | "dup_conv" | "dup_leads" | "dup_received";

// ── helpers ─────────────────────────────────────────────────────────────────────────────────
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const round = (n: number) => Math.round(n * 10) / 10;

interface Load {
  requests: number;
  errors: number;
  seconds: number;
  latencies: number[];
  statuses: Record<string, number>;
}

/** autocannon over `bodies` in order, `connections` at a time; `acked` collects 2xx indices. */
async function load(
  url: string,
  apiKey: string,
  bodies: string[],
  connections: number,
  acked?: (index: number) => void,
): Promise<Load> {
  let next = 0;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const started = performance.now();
  let instance!: autocannon.Instance;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url,
        connections,
        amount: bodies.length,
        timeout: 30,
        requests: [
          {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
            setupRequest: (request, context) => {
              const index = next++ % bodies.length;
              (context as { index?: number }).index = index;
              return { ...request, body: bodies[index] };
            },
            onResponse: (status, _body, context) => {
              statuses[status] = (statuses[status] ?? 0) + 1;
              if (status >= 200 && status < 300) acked?.((context as { index: number }).index);
              else errors++;
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
  instance.on("response", (_client, _status, _bytes, responseTime) => {
    latencies.push(responseTime);
  });
  const result = await finished;
  errors += result.errors + result.timeouts;
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, errors, seconds: (performance.now() - started) / 1000, latencies, statuses };
}

async function waitForHealth(url: string, child: ReturnType<typeof spawn>) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the console exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error("the console did not become healthy within 2 minutes");
}

async function main(): Promise<number> {
  if (values.build || !fs.existsSync(".next/BUILD_ID")) {
    log("building the console (npm run build)…");
    const built = spawnSync("npm", ["run", "build"], { stdio: values.json ? ["ignore", 2, 2] : "inherit" });
    if (built.status !== 0) throw new Error("npm run build failed");
  }
  const database = await createTestDatabase("bench");
  if (database.kind !== "postgres") throw new Error("bench:ingest needs the PostgreSQL server (see STACK.md)");
  // --unix-socket /var/run/postgresql: the consoles reach the server through its Unix socket, as a
  // console on the database's own machine would, instead of TCP on loopback.
  const appDatabaseUrl = values["unix-socket"]
    ? `${database.url}${database.url!.includes("?") ? "&" : "?"}host=${encodeURIComponent(values["unix-socket"])}`
    : database.url!;
  process.env.DATABASE_URL = database.url;
  delete process.env.PGLITE_DATA_DIR;
  process.env.AUTH_SECRET ??= randomBytes(48).toString("base64url");

  const { getDb, closeDb } = await import("../server/db/client");
  const { createSource } = await import("../server/services/sources");
  const db = getDb();
  // The teams the default routing rules name, two owners each.
  for (const name of ["Sales", "Support", "Customer Success", "Intake"]) {
    const team = await db.team.create({ data: { name } });
    for (let i = 0; i < 2; i++) {
      const user = await db.user.create({
        data: {
          email: `${name.replace(/\s/g, "").toLowerCase()}${i}@bench.example`,
          name: `${name} ${i}`,
          role: "owner",
        },
      });
      await db.teamMembership.create({ data: { teamId: team.id, userId: user.id } });
    }
  }
  const source = await createSource(db, null, { name: "bench", kind: "api", rateLimitPerMinute: 100_000 });

  // One console, or several side by side (as behind a load balancer): the load is split evenly.
  const appUrls = Array.from({ length: options.instances }, (_, k) => `http://127.0.0.1:${options.port + k}`);
  const apps = appUrls.map((appUrl, k) =>
    spawn("npx", ["next", "start", "-p", String(options.port + k)], {
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        DATABASE_URL: appDatabaseUrl,
        APP_URL: appUrl,
        LOG_LEVEL: "error",
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        // e.g. BENCH_APP_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the console.
        NODE_OPTIONS: process.env.BENCH_APP_NODE_OPTIONS ?? "",
      },
      detached: true,
    }),
  );
  const stopApp = async () => {
    for (const app of apps) {
      if (app.exitCode === null && app.pid) {
        process.kill(-app.pid, "SIGTERM");
        await new Promise((r) => app.once("exit", r));
      }
    }
  };
  /** `load` split across the instances: body i goes to instance i mod N. */
  const loadAll = async (path: string, bodies: string[], connections: number, acked?: (index: number) => void) => {
    const n = appUrls.length;
    const parts = await Promise.all(
      appUrls.map((url, k) => {
        const mine = bodies.map((_, i) => i).filter((i) => i % n === k);
        return load(
          `${url}${path}`,
          source.apiKey,
          mine.map((i) => bodies[i]!),
          Math.max(1, Math.ceil(connections / n)),
          acked && ((j) => acked(mine[j]!)),
        );
      }),
    );
    const latencies = parts.flatMap((p) => p.latencies).sort((a, b) => a - b);
    const statuses: Record<string, number> = {};
    for (const p of parts) for (const [k, v] of Object.entries(p.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
    return {
      requests: latencies.length,
      errors: parts.reduce((sum, p) => sum + p.errors, 0),
      seconds: Math.max(...parts.map((p) => p.seconds)),
      latencies,
      statuses,
    };
  };
  try {
    await Promise.all(appUrls.map((url, k) => waitForHealth(url, apps[k]!)));
    const runId = randomBytes(4).toString("hex");
    const ingestPath = "/api/v1/conversations";

    // Warm-up (compiles routes' code paths, fills pools); not counted.
    await loadAll(
      ingestPath,
      Array.from({ length: 200 }, (_, i) => JSON.stringify(conversation(i, `warm${runId}`))),
      4,
    );

    const all: string[] = [];
    const acked = new Set<number>();
    const stages: {
      concurrency: number;
      requests: number;
      requestsPerSecond: number;
      p50Ms: number;
      p95Ms: number;
      errors: number;
    }[] = [];
    const latencies: number[] = [];
    let seconds = 0;
    let errors = 0;
    for (const concurrency of options.stages) {
      const offset = all.length;
      const bodies = Array.from({ length: options.perStage }, (_, i) =>
        JSON.stringify(conversation(offset + i, runId)),
      );
      all.push(...bodies);
      const result = await loadAll(ingestPath, bodies, concurrency, (i) => acked.add(offset + i));
      stages.push({
        concurrency,
        requests: result.requests,
        requestsPerSecond: round(result.requests / result.seconds),
        p50Ms: round(percentile(result.latencies, 50)),
        p95Ms: round(percentile(result.latencies, 95)),
        errors: result.errors,
      });
      latencies.push(...result.latencies);
      seconds += result.seconds;
      errors += result.errors;
      log(
        `  ${concurrency} at once: ${JSON.stringify(stages.at(-1))}${result.errors ? ` statuses ${JSON.stringify(result.statuses)}` : ""}`,
      );
    }
    latencies.sort((a, b) => a - b);

    const externalIds = all.map((body) => (JSON.parse(body) as { externalId: string }).externalId);
    const countRows = async () => {
      const [row] = await db.$queryRaw<
        {
          conversations: bigint;
          leads: bigint;
          handoffs: bigint;
          cases: bigint;
          received: bigint;
          dup_conv: bigint;
          dup_leads: bigint;
          dup_received: bigint;
        }[]
      >`
        WITH c AS (SELECT id, external_id FROM conversations WHERE external_id = ANY(${externalIds}))
        SELECT
          (SELECT count(*) FROM c) AS conversations,
          (SELECT count(*) FROM leads WHERE email LIKE ${`visitor-${runId}-%`}) AS leads,
          (SELECT count(*) FROM handoffs WHERE conversation_id IN (SELECT id FROM c)) AS handoffs,
          (SELECT count(*) FROM exception_cases WHERE conversation_id IN (SELECT id FROM c)) AS cases,
          (SELECT count(*) FROM events WHERE type = 'conversation.received' AND conversation_id IN (SELECT id FROM c)) AS received,
          (SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM c GROUP BY external_id) x) AS dup_conv,
          (SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM leads WHERE email LIKE ${`visitor-${runId}-%`} GROUP BY email) x) AS dup_leads,
          (SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM events WHERE type = 'conversation.received' AND conversation_id IN (SELECT id FROM c) GROUP BY conversation_id) x) AS dup_received`;
      const counts = Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)]));
      return counts as Record<RowCount, number>;
    };
    const before = await countRows();
    const foundAcked = await db.conversation.count({
      where: { externalId: { in: [...acked].map((i) => externalIds[i]!) } },
    });
    const lost = acked.size - foundAcked;
    // Handoff or case: one outcome per conversation (plus the duplicates counted in the database).
    const outcomes = before.handoffs + before.cases - before.conversations;

    // Retry storm: every conversation twice, the two copies side by side among 32 connections.
    const storm = all.flatMap((body) => [body, body]);
    const stormResult = await loadAll(ingestPath, storm, 32);
    const after = await countRows();
    const grew = (Object.keys(before) as RowCount[]).filter((k) => after[k] !== before[k]);
    const duplicated =
      before.dup_conv +
      before.dup_leads +
      before.dup_received +
      Math.max(0, outcomes) +
      grew.reduce((sum, k) => sum + Math.abs(after[k] - before[k]), 0);

    // next-action: a bot asking mid-chat, 12 messages each.
    const nextBodies = all.slice(0, 3000).map((body) => {
      const c = JSON.parse(body) as { messages: unknown[]; pageUrl: string };
      return JSON.stringify({ messages: c.messages, pageUrl: c.pageUrl });
    });
    const next = await loadAll("/api/v1/next-action", nextBodies, options.nextActionConnections);

    const result = {
      requests: latencies.length,
      requestsPerSecond: round(latencies.length / seconds),
      p50Ms: round(percentile(latencies, 50)),
      p95Ms: round(percentile(latencies, 95)),
      errors,
      lost,
      duplicated,
      stages,
      retryStorm: {
        requests: stormResult.requests,
        errors: stormResult.errors,
        requestsPerSecond: round(stormResult.requests / stormResult.seconds),
        p95Ms: round(percentile(stormResult.latencies, 95)),
        rowsChanged: grew,
      },
      nextAction: {
        requests: next.requests,
        errors: next.errors,
        requestsPerSecond: round(next.requests / next.seconds),
        p50Ms: round(percentile(next.latencies, 50)),
        p95Ms: round(percentile(next.latencies, 95)),
      },
      rows: after,
    };
    if (values.json) console.log(JSON.stringify(result));
    else console.log(JSON.stringify(result, null, 2));
    await closeDb();
    return 0;
  } finally {
    await stopApp();
    await database.drop().catch(() => {});
  }
}

await runCli(main);
