// npm run bench:widget -- [--chats 400] [--concurrency 8] [--json]
//
// The chat widget's server side, in process, on a fresh database on the PostgreSQL server: many
// visitors at once each play a whole chat as the widget sends it (start, their request, the
// contact form, the consent button), and the last turn goes through ingest to a handoff. Prints
// chats per second, each turn's p50 / p95 / max, and then counts what landed: every chat must be
// one conversation with a consent record naming the wording version, and none may be lost.
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { z } from "zod";
import { openBenchDatabase } from "./lib/bench-database";
import { summarize, type Latency } from "./lib/bench-timing";
import { runCli } from "./lib/run-cli";

const { values } = parseArgs({
  options: {
    chats: { type: "string", default: "400" },
    concurrency: { type: "string", default: "8" },
    json: { type: "boolean", default: false },
  },
});
const options = z
  .object({ chats: z.coerce.number().int().min(1).max(100_000), concurrency: z.coerce.number().int().min(1).max(256) })
  .parse({ chats: values.chats, concurrency: values.concurrency });

const NEEDS = [
  "Water is coming through the kitchen ceiling after the storm; we need the roof repaired.",
  "Our gutters are overflowing at the front of the house and need clearing and fixing.",
  "A few slates blew off last night and there's a damp patch upstairs. Can someone fix it?",
  "The flashing around our chimney leaks whenever it rains and needs redoing.",
];

let database: Awaited<ReturnType<typeof openBenchDatabase>> | undefined;

async function main(): Promise<number> {
  database = await openBenchDatabase("benchwidget", "bench:widget");
  Object.assign(process.env, {
    AUTH_SECRET: process.env.AUTH_SECRET ?? "bench-widget-secret-that-is-long-enough-0123456789",
    // The bench plays the widget, which waits this out itself; here it would only add sleep.
    WIDGET_MIN_FIRST_MESSAGE_MS: "0",
    LOG_LEVEL: "warn",
    JOBS_WORKER: "false",
  });
  const { getDb } = await import("../server/db/client");
  const { seedDemoData } = await import("../server/services/demo-seed");
  const { DEMO_WIDGET } = await import("../server/auth/demo-accounts");
  const { findWidgetSource } = await import("../server/services/widget/widget-settings");
  const { startWidgetSession, postWidgetMessage } = await import("../server/services/widget/widget-session");
  const db = getDb();
  await seedDemoData(db);
  const source = (await findWidgetSource(db, DEMO_WIDGET.publicId))!;

  const turns: Record<"start" | "request" | "contact" | "consent", number[]> = {
    start: [],
    request: [],
    contact: [],
    consent: [],
  };
  const timed = async <T>(kind: keyof typeof turns, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    turns[kind].push(performance.now() - started);
    return result;
  };
  const sessionIds: string[] = [];
  let handedOff = 0;
  const playChat = async (n: number) => {
    const session = await timed("start", () =>
      startWidgetSession(db, source, { pageUrl: `https://roofing.example/services/${n % 7}?utm_campaign=bench` }),
    );
    sessionIds.push(session.sessionId);
    const send = (body: Record<string, unknown>) =>
      postWidgetMessage(db, source, session.sessionId, { token: session.token, turnId: randomUUID(), ...body });
    await timed("request", () => send({ text: NEEDS[n % NEEDS.length] }));
    const asked = await timed("contact", () =>
      send({ contact: { name: `Visitor ${n}`, email: `visitor-${n}-${randomUUID().slice(0, 6)}@bench.example` } }),
    );
    const done = await timed("consent", () =>
      send({
        consent: "given",
        consentVersion: asked.ui?.kind === "consent" ? asked.ui.version : undefined,
        text: "Yes",
      }),
    );
    if (done.state === "handed_off") handedOff += 1;
  };

  // A few chats first: plans, caches and the pool, as a running console has them.
  for (let i = 0; i < Math.min(5, options.chats); i++) await playChat(-1 - i);
  for (const list of Object.values(turns)) list.length = 0;
  sessionIds.length = 0;
  handedOff = 0;

  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (next < options.chats) await playChat(next++);
    }),
  );
  const seconds = (performance.now() - started) / 1000;

  const conversations = await db.conversation.findMany({
    where: { sourceId: source.id, externalId: { in: sessionIds } },
    select: { consentRecords: { select: { wordingVersion: true } }, handoff: { select: { id: true } } },
  });
  const result = {
    chats: options.chats,
    concurrency: options.concurrency,
    chatsPerSecond: Math.round((options.chats / seconds) * 10) / 10,
    turnsPerSecond: Math.round(((options.chats * 4) / seconds) * 10) / 10,
    turns: Object.fromEntries(Object.entries(turns).map(([kind, samples]) => [kind, summarize(samples)])) as Record<
      keyof typeof turns,
      Latency
    >,
    handedOff,
    conversations: conversations.length,
    withHandoff: conversations.filter((c) => c.handoff).length,
    consentWithVersion: conversations.filter((c) => c.consentRecords.some((r) => r.wordingVersion)).length,
    lost: options.chats - conversations.length,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  if (values.json) console.log(JSON.stringify(result));
  else {
    console.log(`${result.chats} widget chats, ${result.concurrency} at once (4 turns each, the last one ingested)`);
    console.log(`  ${result.chatsPerSecond} chats/s, ${result.turnsPerSecond} turns/s`);
    for (const [kind, latency] of Object.entries(result.turns))
      console.log(`  ${kind.padEnd(8)} p50 ${latency.p50} ms, p95 ${latency.p95} ms, max ${latency.max} ms`);
    console.log(
      `  conversations ${result.conversations} (lost ${result.lost}), handed off ${result.withHandoff}, consent with its wording version ${result.consentWithVersion}`,
    );
    console.log(`  peak RSS ${result.peakRssMb} MB`);
  }
  return result.lost === 0 && result.consentWithVersion === result.conversations ? 0 : 1;
}

await runCli(main, async () => {
  const { closeDb } = await import("../server/db/client");
  const { stopJobs } = await import("../server/jobs/runtime");
  await stopJobs();
  await closeDb();
  await database?.drop();
});
