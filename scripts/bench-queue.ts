// npm run bench:queue -- [--cases 100000] [--runs 40] [--port 3250] [--build] [--skip-browser] [--json]
//
// Seeds a fresh database on the PostgreSQL server with --cases conversations, each with its
// exception case (set-based SQL from generate_series over briefs the real analyzer wrote, with
// varied names, emails, needs, topics, reasons, pages, priorities, claims and statuses), then:
//   1. times the queue service in-process (server/services/review/queue.ts) against it, --runs
//      times each after a warm-up: the first page of the default view (unclaimed, soonest SLA
//      first), a filtered page (reason + topic) and a search by a visitor's last name;
//   2. starts the built console (`next start`, building first when there is no build or --build)
//      and loads /queue in Chromium as a signed-in reviewer, reading Largest Contentful Paint.
// Prints {"cases", "firstPageP95Ms", "filteredP95Ms", "searchP95Ms", "lcpMs"}; details go to stderr.
// Targets on this 2-core machine: each p95 <= 150 ms, LCP <= 2.5 s.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { CHROMIUM_ARGS } from "../playwright.config";
import { openBenchDatabase, rowHash } from "./lib/bench-database";
import { percentile, time } from "./lib/bench-timing";
import { runCli } from "./lib/run-cli";

const { values } = parseArgs({
  options: {
    cases: { type: "string", default: "100000" },
    runs: { type: "string", default: "40" },
    port: { type: "string", default: "3250" },
    build: { type: "boolean", default: false },
    "skip-browser": { type: "boolean", default: false },
    "keep-database": { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  },
});

const options = z
  .object({
    cases: z.coerce.number().int().min(100).max(2_000_000),
    runs: z.coerce.number().int().min(30).max(10_000),
    port: z.coerce.number().int().min(1024).max(65_535),
  })
  .parse({ cases: values.cases, runs: values.runs, port: values.port });

const log = (line: string) => {
  if (!values.json) console.log(line);
  else process.stderr.write(`${line}\n`);
};

// ── what the seeded conversations say ───────────────────────────────────────────────────────────
// Each template is analysed once by the real analyzer with a stand-in visitor; the SQL then puts a
// different name and email into the brief, the messages and the search text of every row.
const NAME_STAND_IN = "Dana Ruiz";
const EMAIL_STAND_IN = "dana.ruiz@standin.example";

const NEEDS: [path: string, text: string][] = [
  ["/services/flat-roofs", "How much would a new flat roof on our garage cost? It's about 20 square metres."],
  ["/pricing", "What are your prices for the business plan with 25 users, and is there a discount for a year?"],
  ["/billing/invoices", "My last invoice shows the wrong VAT number, can you fix it?"],
  ["/book", "I'd like to book an appointment for a boiler service next Tuesday morning if there's a slot."],
  ["/orders/track", "My order hasn't arrived yet and the tracking page hasn't changed for a week."],
  ["/returns", "The kettle I bought arrived damaged, I'd like a refund or a replacement."],
  ["/account/login", "I can't log in to my account, it says my password is wrong even after resetting it."],
  ["/help/sync", "The calendar sync integration keeps failing with an error since yesterday's update."],
  ["/contact", "My landlord is keeping my deposit. Can your lawyer tell me if that's legal?"],
  ["/careers", "Are you hiring for the junior designer position you posted last month?"],
  ["/press", "I'm a journalist writing an article about local businesses, could I interview someone?"],
  ["/partners", "We'd like to discuss a referral partnership with your team."],
  ["/emergency", "Emergency! A pipe burst and water is pouring through the ceiling right now."],
  ["/", "hi"],
  ["/services/kitchens", "We need a new kitchen fitted, can you guarantee it'll be done before Christmas?"],
  ["/support", "This is the third time I'm asking. Nobody has answered and I'm really frustrated now."],
  ["/enterprise", "We're a 400 person company looking for a platform rollout with a budget of 120000."],
  ["/services/websites", "We need a new website for our three dental clinics with online booking."],
  ["/contact", "Can you build a custom integration between your system and our bespoke warehouse software?"],
  ["/services/cleaning", "Weekly cleaning for a 400 square metre office in Leeds, starting next month."],
];

const FIRST = [
  "Aisha",
  "Ben",
  "Carla",
  "Dev",
  "Elena",
  "Finn",
  "Grace",
  "Hugo",
  "Ines",
  "Jonas",
  "Kira",
  "Liam",
  "Maya",
  "Nico",
  "Olga",
  "Pavel",
  "Quinn",
  "Rosa",
  "Sven",
  "Tara",
  "Umar",
  "Vera",
  "Wes",
  "Xena",
  "Yusuf",
  "Zoe",
  "Amir",
  "Bea",
  "Cyril",
  "Dora",
  "Emil",
  "Fatima",
  "Gus",
  "Hana",
  "Ivan",
  "Jade",
  "Kofi",
  "Lena",
  "Milo",
  "Nora",
  "Omar",
  "Pia",
  "Raj",
  "Sofia",
  "Theo",
  "Uma",
  "Viktor",
  "Wanda",
  "Yara",
  "Zane",
];
const LAST = [
  "Okafor",
  "Nguyen",
  "Schmidt",
  "Rossi",
  "Kowalski",
  "Haddad",
  "Larsen",
  "Moreau",
  "Tanaka",
  "Silva",
  "Brennan",
  "Dubois",
  "Fischer",
  "Garcia",
  "Holm",
  "Ivanova",
  "Jensen",
  "Kim",
  "Lopez",
  "Murphy",
  "Novak",
  "Olsen",
  "Petrov",
  "Quinlan",
  "Reyes",
  "Sato",
  "Torres",
  "Underwood",
  "Varga",
  "Walsh",
  "Xu",
  "Yilmaz",
  "Zielinski",
  "Abbott",
  "Baker",
  "Castillo",
  "Diaz",
  "Evans",
  "Farah",
  "Gupta",
  "Hughes",
  "Ito",
  "Jovanovic",
  "Khan",
  "Lindqvist",
  "Mensah",
  "Nakamura",
  "Oduya",
  "Park",
  "Quist",
];
const HOSTS = ["https://www.acme-roofing.example", "https://help.acme.example", "https://acme.example"];

interface Template {
  k: number;
  path: string;
  messages: unknown;
  brief: unknown;
  topic: string | null;
  reasons: string[];
  priority: string;
  sla: number;
  rule: string;
  searchText: string;
}

async function buildTemplates(): Promise<Template[]> {
  const { analyzeWithRules } = await import("../server/domain/analysis");
  const { routeConversation } = await import("../server/domain/routing/route");
  const { DEFAULT_ROUTING } = await import("../server/domain/routing/rules");
  const { triageConversation } = await import("../server/domain/intake/triage");
  const templates: Template[] = [];
  for (const [path, need] of NEEDS) {
    // With contact details but no clear consent, and without any contact details.
    for (const withContact of [true, false]) {
      const texts: [string, string][] = [
        ["visitor", `Hello. ${need}`],
        ["bot", "Thanks for getting in touch. Can you tell me a bit more?"],
        ["visitor", need.length > 10 ? "That's it really, it would be good to sort it out soon." : "not sure"],
        ["bot", "Who should our team get back to, and how?"],
        [
          "visitor",
          withContact
            ? `I'm ${NAME_STAND_IN}, ${EMAIL_STAND_IN}. Maybe, let me think about it.`
            : "I'd rather not say.",
        ],
      ];
      const messages = texts.map(([role, text], m) => ({
        role: role as "visitor" | "bot",
        text,
        at: new Date(Date.UTC(2026, 11, 1, 9, m)).toISOString(),
      }));
      const pageUrl = `${HOSTS[0]}${path}`;
      const brief = analyzeWithRules({ messages, pageUrl, referrer: null, campaign: null, locale: null });
      const routing = routeConversation(DEFAULT_ROUTING, 1, {
        brief,
        visitorText: texts
          .filter(([role]) => role === "visitor")
          .map(([, t]) => t)
          .join("\n"),
        territory: null,
        accountOwnerId: null,
        now: new Date(),
      });
      const triage = triageConversation({
        brief,
        match: { linked: null, possibleDuplicates: [] },
        routing,
        ownerFound: true,
        reachable: withContact,
      });
      templates.push({
        k: templates.length,
        path,
        messages,
        brief,
        topic: brief.topic?.id ?? null,
        reasons: triage.kind === "case" ? triage.reasons : ["low_confidence"],
        priority: routing.priority,
        sla: routing.slaMinutes,
        rule: routing.rule.id,
        searchText: [withContact ? `${NAME_STAND_IN} ${EMAIL_STAND_IN}` : "", ...texts.map(([, t]) => t)].join("\n"),
      });
    }
  }
  return templates;
}

// ── measuring ──────────────────────────────────────────────────────────────────────────────────
/** A non-negative pseudo-random integer from the row number `g`, one stream per salt. */
const h = (salt: number) => rowHash(salt);

async function waitForHealth(url: string, child: ReturnType<typeof spawn>) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the console exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error("the console did not become healthy within 2 minutes");
}

/** Largest Contentful Paint of /queue, signed in as the reviewer: a warm-up load, then the median of five. */
async function measureLcp(appUrl: string, reviewer: { email: string; password: string }) {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const signIn = await context.newPage();
    await signIn.goto(`${appUrl}/sign-in`);
    await signIn.getByLabel("Email").fill(reviewer.email);
    await signIn.getByLabel("Password").fill(reviewer.password);
    await signIn.getByRole("button", { name: "Sign in", exact: true }).click();
    await signIn.waitForURL((url) => !url.pathname.startsWith("/sign-in"), { timeout: 30_000 });
    await signIn.close();
    await context.addInitScript(() => {
      const w = window as unknown as { __lcp: number };
      w.__lcp = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__lcp = entry.startTime;
      }).observe({ type: "largest-contentful-paint", buffered: true });
    });
    const samples: number[] = [];
    for (let i = 0; i < 6; i++) {
      const page = await context.newPage();
      await page.goto(`${appUrl}/queue`);
      await page.getByTestId("queue-row").first().waitFor({ timeout: 30_000 });
      await page.waitForTimeout(1_000);
      const lcp = await page.evaluate(() => (window as unknown as { __lcp: number }).__lcp);
      await page.close();
      if (i > 0) samples.push(lcp);
    }
    samples.sort((a, b) => a - b);
    return { median: Math.round(percentile(samples, 50)), samples: samples.map(Math.round) };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<number> {
  if (!values["skip-browser"] && (values.build || !fs.existsSync(".next/BUILD_ID"))) {
    log("building the console (npm run build)…");
    const built = spawnSync("npm", ["run", "build"], { stdio: values.json ? ["ignore", 2, 2] : "inherit" });
    if (built.status !== 0) throw new Error("npm run build failed");
  }
  const database = await openBenchDatabase("benchqueue", "bench:queue");
  process.env.AUTH_SECRET ??= randomBytes(48).toString("base64url");
  process.env.LOG_LEVEL ??= "error";

  const { getDb, closeDb } = await import("../server/db/client");
  const { sqlQuery } = await import("../server/db/sql");
  const { hashPassword } = await import("../server/auth/password");
  const { createSource } = await import("../server/services/sources");
  const { listQueue, queueCounts } = await import("../server/services/review/queue");
  const db = getDb();
  let app: ReturnType<typeof spawn> | null = null;
  try {
    // ── people and sources ──
    const owners: string[] = [];
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
        owners.push(user.id);
      }
    }
    const password = randomBytes(12).toString("base64url");
    const reviewerAccount = { email: "reviewer@bench.example", password };
    const reviewers: { id: string; permissions: readonly ["queue:work", "cases:read"] }[] = [];
    for (let i = 0; i < 3; i++) {
      const user = await db.user.create({
        data: {
          email: i === 0 ? reviewerAccount.email : `reviewer${i}@bench.example`,
          name: `Reviewer ${i}`,
          role: "reviewer",
          passwordHash: i === 0 ? await hashPassword(password) : null,
        },
      });
      reviewers.push({ id: user.id, permissions: ["queue:work", "cases:read"] });
    }
    const sources: string[] = [];
    for (const name of ["Website chat", "Help centre", "Intercom"]) {
      sources.push((await createSource(db, null, { name, kind: "api" })).id);
    }

    // ── conversations and cases, set-based ──
    const seedStarted = performance.now();
    const templates = await buildTemplates();
    await sqlQuery(`CREATE UNLOGGED TABLE bench_templates (k int PRIMARY KEY, path text, messages text, brief text,
                      topic text, reasons text[], priority text, sla int, rule text, search_text text)`);
    for (const t of templates) {
      await sqlQuery(
        `INSERT INTO bench_templates VALUES ($1::int, $2::text, $3::text, $4::text, $5::text, $6::text[], $7::text,
                $8::int, $9::text, $10::text)`,
        [
          t.k,
          t.path,
          JSON.stringify(t.messages),
          JSON.stringify(t.brief),
          t.topic,
          t.reasons,
          t.priority,
          t.sla,
          t.rule,
          t.searchText,
        ],
      );
    }
    const total = options.cases;
    const chunk = 20_000;
    // Row g (1..total) is received (total - g) * 25 s before now: the newest is g = total.
    const spacingSeconds = Math.max(1, Math.floor((30 * 86_400) / total));
    for (let start = 1; start <= total; start += chunk) {
      const end = Math.min(total, start + chunk - 1);
      // h(n): a hash of the row number, so the choices (template, name, page, status…) do not move
      // together the way g % 20 and g % 40 would.
      await sqlQuery(
        `WITH rows AS (
           SELECT g, t.*,
                  ($3::text[])[1 + ${h(2)} % 50] AS first_name, ($4::text[])[1 + ${h(3)} % 50] AS last_name,
                  ($5::text[])[1 + ${h(4)} % 3] AS host, ($6::uuid[])[1 + ${h(5)} % 3] AS source_id,
                  ${h(6)} % 5 = 0 AS utm,
                  now() - make_interval(secs => ($7::int - g) * $8::int + ${h(7)} % 20) AS at
             FROM generate_series($1::int, $2::int) g
             JOIN bench_templates t ON t.k = ${h(1)} % $9::int
         ), named AS (
           SELECT r.*, first_name || ' ' || last_name AS name,
                  lower(first_name || '.' || last_name) || '.' || g || '@mail' || (g % 7) || '.example' AS email
             FROM rows r
         )
         INSERT INTO conversations (id, source_id, external_id, page_url, messages, message_count, content_hash, brief,
                analyzer, next_action, topic, search, started_at, received_at, updated_at)
         SELECT gen_random_uuid(), source_id, 'bench-' || g,
                host || path || CASE WHEN utm THEN '?utm_source=google&utm_campaign=spring' ELSE '' END,
                replace(replace(messages, '${NAME_STAND_IN}', name), '${EMAIL_STAND_IN}', email)::jsonb, 5, md5(g::text),
                replace(replace(brief, '${NAME_STAND_IN}', name), '${EMAIL_STAND_IN}', email)::jsonb,
                'rules', 'escalate', topic,
                to_tsvector('simple', replace(replace(search_text, '${NAME_STAND_IN}', name), '${EMAIL_STAND_IN}', email)),
                at, at, at
           FROM named`,
        [start, end, FIRST, LAST, HOSTS, sources, total, spacingSeconds, templates.length],
      );
      await sqlQuery(
        `INSERT INTO exception_cases (id, conversation_id, reasons, status, priority, priority_rank, suggested_owner_id,
                rule_id, rule_version, due_at, claimed_by_id, claimed_at, claim_active_at, escalated_at, waiting_for,
                resolution, resolved_at, version, created_at, updated_at)
         SELECT gen_random_uuid(), c.id,
                t.reasons || CASE WHEN ${h(10)} % 23 = 0 THEN ARRAY['duplicate'] ELSE ARRAY[]::text[] END
                          || CASE WHEN ${h(11)} % 41 = 0 THEN ARRAY['territory_conflict'] ELSE ARRAY[]::text[] END,
                s.status::"CaseStatus", p.priority, p.rank, ($4::uuid[])[1 + ${h(12)} % 8], t.rule, 1,
                c.received_at + make_interval(mins => t.sla),
                CASE WHEN s.claimed THEN ($5::uuid[])[1 + ${h(13)} % 3] END,
                CASE WHEN s.claimed THEN now() - make_interval(mins => ${h(14)} % 30) END,
                CASE WHEN s.claimed THEN now() - make_interval(mins => ${h(14)} % 30) END,
                CASE WHEN ${h(15)} % 97 = 0 THEN c.received_at END,
                CASE WHEN s.status = 'open' AND ${h(16)} % 53 = 0 THEN 'consent' END,
                CASE WHEN s.status = 'resolved' THEN (ARRAY['approved', 'reassigned', 'spam', 'handed_off_after_update'])[1 + ${h(17)} % 4] END,
                CASE WHEN s.status = 'resolved' THEN c.received_at + interval '20 minutes' END,
                1 + g % 3, c.received_at, c.received_at
           FROM generate_series($1::int, $2::int) g
           JOIN conversations c ON c.external_id = 'bench-' || g
           JOIN bench_templates t ON t.k = ${h(1)} % $3::int
           -- The newest fifth is open, and one older case in 25 is still open.
           CROSS JOIN LATERAL (SELECT CASE WHEN g > $6::int * 0.8 OR ${h(8)} % 25 = 0 THEN 'open' ELSE 'resolved' END AS status) s0
           CROSS JOIN LATERAL (SELECT s0.status, s0.status = 'open' AND ${h(9)} % 10 = 0 AS claimed) s
           CROSS JOIN LATERAL (
             SELECT CASE WHEN t.priority = 'urgent' THEN 'urgent' WHEN ${h(18)} % 20 < 3 THEN 'low'
                         WHEN ${h(18)} % 20 >= 16 OR t.priority = 'high' THEN 'high' ELSE 'normal' END AS priority) p0
           CROSS JOIN LATERAL (
             SELECT p0.priority, CASE p0.priority WHEN 'low' THEN 0 WHEN 'high' THEN 2 WHEN 'urgent' THEN 3 ELSE 1 END AS rank) p`,
        [start, end, templates.length, owners, reviewers.map((r) => r.id), total],
      );
      log(`  seeded ${end} of ${total}`);
    }
    await sqlQuery(`DROP TABLE bench_templates`);
    await sqlQuery(`VACUUM ANALYZE conversations`);
    await sqlQuery(`VACUUM ANALYZE exception_cases`);
    const [seeded] = await sqlQuery<{ cases: number; open: number }>(
      `SELECT count(*)::int AS cases, count(*) FILTER (WHERE status = 'open')::int AS open FROM exception_cases`,
    );
    log(
      `seeded ${seeded!.cases} cases (${seeded!.open} open) in ${Math.round((performance.now() - seedStarted) / 1000)} s`,
    );

    // ── the service, in-process ──
    const viewer = reviewers[0]!;
    const lastName = LAST[7]!;
    const queries = {
      firstPage: { tab: "unclaimed" as const },
      filtered: { tab: "unclaimed" as const, reason: "missing_contact", topic: "billing" },
      search: { tab: "unclaimed" as const, q: lastName },
    };
    const firstPage = await time(options.runs, () => listQueue(viewer, queries.firstPage));
    const filtered = await time(options.runs, () => listQueue(viewer, queries.filtered));
    const search = await time(options.runs, () => listQueue(viewer, queries.search));
    log(
      `first page ${JSON.stringify(firstPage)}; filtered ${JSON.stringify(filtered)}; search "${lastName}" ${JSON.stringify(search)}`,
    );
    for (const [label, input] of Object.entries(queries)) {
      const page = await listQueue(viewer, input);
      log(`  ${label}: ${page.items.length} rows${page.nextCursor ? ", more" : ""}`);
    }
    // Beside the targets, for the record: deeper pages, other sorts and tabs, the counts.
    const second = await listQueue(viewer, queries.firstPage);
    const extras = {
      secondPage: await time(options.runs, () =>
        listQueue(viewer, { ...queries.firstPage, cursor: second.nextCursor }),
      ),
      newest: await time(options.runs, () => listQueue(viewer, { tab: "open", sort: "newest" })),
      priority: await time(options.runs, () => listQueue(viewer, { tab: "unclaimed", sort: "priority" })),
      resolved: await time(options.runs, () => listQueue(viewer, { tab: "resolved" })),
      mine: await time(options.runs, () => listQueue(viewer, { tab: "mine" })),
      pagePath: await time(options.runs, () => listQueue(viewer, { tab: "unclaimed", page: "/billing/invoices" })),
      searchWord: await time(options.runs, () => listQueue(viewer, { tab: "all", q: "invoice" })),
      searchEmailPrefix: await time(options.runs, () => listQueue(viewer, { tab: "all", q: "maya.okafor" })),
      counts: await time(options.runs, () => queueCounts(viewer, {})),
      countsFiltered: await time(options.runs, () => queueCounts(viewer, queries.filtered)),
      countsSearch: await time(options.runs, () => queueCounts(viewer, queries.search)),
    };
    for (const [label, result] of Object.entries(extras)) log(`  ${label}: ${JSON.stringify(result)}`);

    // ── the page, in Chromium ──
    let lcpMs: number | null = null;
    if (!values["skip-browser"]) {
      const appUrl = `http://localhost:${options.port}`;
      app = spawn("npx", ["next", "start", "-p", String(options.port)], {
        stdio: ["ignore", "ignore", "inherit"],
        env: {
          ...process.env,
          DATABASE_URL: database.url,
          APP_URL: appUrl,
          LOG_LEVEL: "error",
          NODE_ENV: "production",
          NEXT_TELEMETRY_DISABLED: "1",
        },
        detached: true,
      });
      await waitForHealth(`http://127.0.0.1:${options.port}`, app);
      const lcp = await measureLcp(appUrl, reviewerAccount);
      log(`LCP of /queue: ${JSON.stringify(lcp)}`);
      lcpMs = lcp.median;
    }

    const result = {
      cases: seeded!.cases,
      firstPageP95Ms: firstPage.p95,
      filteredP95Ms: filtered.p95,
      searchP95Ms: search.p95,
      lcpMs,
    };
    console.log(values.json ? JSON.stringify(result) : JSON.stringify(result, null, 2));
    return 0;
  } finally {
    if (app?.pid && app.exitCode === null) {
      process.kill(-app.pid, "SIGTERM");
      await new Promise((r) => app!.once("exit", r));
    }
    await closeDb();
    if (values["keep-database"]) log(`kept the database: ${database.url}`);
    else await database.drop().catch(() => {});
  }
}

await runCli(main);
