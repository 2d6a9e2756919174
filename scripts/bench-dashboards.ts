// npm run bench:dashboards -- [--events 1000000] [--runs 30] [--keep-database] [--json]
//
// Seeds a fresh database on the PostgreSQL server with a quarter of traffic: --events rows in
// `events` over the last 90 days (about one conversation per 5.4 events, so ~185,000 conversations
// for the default), with the conversations, leads, consent records, handoffs and exception cases
// those events describe. Seeding is set-based SQL (INSERT … SELECT over generate_series) from one
// plan row per conversation, because the ingest pipeline would take hours for a million events.
// Then it times the dashboard services in-process (server/services/dashboards), --runs times each
// after a warm-up:
//   overview  : the headline cards over 90 days, the widest window managers use (and 30 days, the default)
//   breakdown : by page, topic, owner, team, campaign and reason over 90 days (p95 over all of them)
//   drilldown : first and second pages of a few slices over 90 days
//   trend     : by day and by week over 90 days
// Prints {"events", "overviewP95Ms", "breakdownP95Ms", "drilldownP95Ms", "trendP95Ms"}; details and
// sanity checks go to stderr. Target on this 2-core machine: each p95 < 1000 ms.
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { z } from "zod";
import { addDays, formatLocalDate, parseLocalDate } from "../server/domain/metrics/zoned-time";
import { ZDrilldownSlice } from "../server/services/dashboards/dashboard-input";
import { openBenchDatabase, rowHash, rowUniform } from "./lib/bench-database";
import { sampleRuns, summarize, type Latency } from "./lib/bench-timing";
import { runCli } from "./lib/run-cli";
import type { Db } from "../server/db/client";
import type * as DashboardsModule from "../server/services/dashboards/dashboards";
import type * as DrilldownModule from "../server/services/dashboards/drilldown";

// ── arguments ────────────────────────────────────────────────────────────────────────────────────
const { values } = parseArgs({
  options: {
    events: { type: "string", default: "1000000" },
    runs: { type: "string", default: "30" },
    "keep-database": { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  },
});

const options = z
  .object({
    events: z.coerce.number().int().min(1_000).max(10_000_000),
    runs: z.coerce.number().int().min(10).max(10_000),
  })
  .parse({ events: values.events, runs: values.runs });

/** With --json, stdout carries only the result line; everything else is for people, on stderr. */
const log = (line: string) => {
  if (!values.json) console.log(line);
  else process.stderr.write(`${line}\n`);
};

const TARGET_MS = 1_000;
const WINDOW_DAYS = 90;
/**
 * A conversation writes about 5.35 events on its way through (received, consent, lead, handoff
 * and/or case, response, decision, the odd reassignment or breach); the rest of --events is brief
 * updates and claims. 5.4 gives ~185,000 conversations for a million events.
 */
const EVENTS_PER_CONVERSATION = 5.4;

// ── what the seeded traffic looks like ───────────────────────────────────────────────────────────
// Ordered most visited first: the seed picks index ⌊n·u^k⌋, so the first few take most of the traffic,
// as on a real site, and the breakdowns have a long tail.
const PAGES = [
  "/",
  "/pricing",
  "/contact",
  "/services/flat-roofs",
  "/book",
  "/orders/track",
  "/services/kitchens",
  "/returns",
  "/billing/invoices",
  "/account/login",
  "/support",
  "/quote",
  "/services/websites",
  "/enterprise",
  "/help/sync",
  "/services/cleaning",
  "/faq",
  "/about",
  "/shipping",
  "/warranty",
  "/services/bathrooms",
  "/services/gutters",
  "/services/solar",
  "/products/boilers",
  "/products/heat-pumps",
  "/locations/leeds",
  "/locations/york",
  "/locations/manchester",
  "/help/billing",
  "/help/account",
  "/help/orders",
  "/case-studies",
  "/compare",
  "/blog/roof-maintenance",
  "/blog/kitchen-trends",
  "/blog/energy-saving",
  "/partners",
  "/careers",
  "/press",
  "/emergency",
];
const CAMPAIGNS = [
  "brand-search",
  "spring-sale",
  "roofing-ppc",
  "retargeting",
  "newsletter-nov",
  "black-friday",
  "local-seo",
  "partner-referral",
  "linkedin-b2b",
  "webinar-q4",
];
// Topic ids of the default policy (server/domain/analysis/policy.ts), by the intent that raises them.
const TOPICS_BY_INTENT = {
  sales: ["quote", "pricing", "booking"],
  support: ["orders", "account", "billing", "technical", "returns"],
  other: ["careers", "press", "legal", "emergency"],
};
const NEEDS: Record<string, string> = {
  quote: "How much would a new flat roof on our garage cost? It's about 20 square metres.",
  pricing: "What are your prices for the business plan with 25 users?",
  booking: "I'd like to book a boiler service next Tuesday morning.",
  orders: "My order hasn't arrived and the tracking page hasn't changed for a week.",
  account: "I can't log in to my account even after resetting my password.",
  billing: "My last invoice shows the wrong VAT number, can you fix it?",
  technical: "The calendar sync keeps failing with an error since yesterday's update.",
  returns: "The kettle I bought arrived damaged, I'd like a replacement.",
  careers: "Are you hiring for the junior designer position?",
  press: "I'm a journalist writing about local businesses, could I interview someone?",
  legal: "My landlord is keeping my deposit. Is that legal?",
  emergency: "A pipe burst and water is coming through the ceiling right now.",
};
// Reasons beyond the ones the conversation's facts imply (spam, no contact, consent, no need): the
// flags, conflicts and routing gaps of server/domain/intake/triage.ts CASE_REASONS.
const EXTRA_REASONS = [
  "pricing_request",
  "high_value",
  "duplicate",
  "frustration",
  "emergency",
  "guarantee_request",
  "existing_customer_conflict",
  "legal_advice",
  "territory_conflict",
  "repetition",
  "no_owner",
  "sensitive_data",
  "bot_promise",
];
const FIRST = ["Aisha", "Ben", "Carla", "Dev", "Elena", "Finn", "Grace", "Hugo", "Ines", "Jonas", "Kira", "Liam"];
const LAST = ["Okafor", "Nguyen", "Schmidt", "Rossi", "Kowalski", "Haddad", "Larsen", "Moreau", "Tanaka", "Silva"];
const HOST = "https://www.acme.example";
const TEAMS = { Sales: 6, Support: 5, "Customer Success": 3, Intake: 2 } as const;
type TeamName = keyof typeof TEAMS;

interface People {
  teams: Record<TeamName, { id: string; owners: string[] }>;
  reviewers: string[];
  sources: string[];
}

// ── seeding ──────────────────────────────────────────────────────────────────────────────────────
const h = (salt: number) => rowHash(salt);
const u = (salt: number) => rowUniform(salt);

/** Teams with their owners, reviewers and sources, through the app's own code (a few dozen rows). */
async function seedPeople(): Promise<People> {
  const { getDb } = await import("../server/db/client");
  const { createSource } = await import("../server/services/sources");
  const db = getDb();
  const teams = {} as People["teams"];
  for (const [name, size] of Object.entries(TEAMS) as [TeamName, number][]) {
    const team = await db.team.create({ data: { name }, select: { id: true } });
    const owners: string[] = [];
    for (let i = 0; i < size; i++) {
      const slug = name.replace(/\s/g, "").toLowerCase();
      const user = await db.user.create({
        data: { email: `${slug}${i}@bench.example`, name: `${name} owner ${i + 1}`, role: "owner" },
        select: { id: true },
      });
      await db.teamMembership.create({ data: { teamId: team.id, userId: user.id } });
      owners.push(user.id);
    }
    teams[name] = { id: team.id, owners };
  }
  const reviewers: string[] = [];
  for (let i = 0; i < 5; i++) {
    const user = await db.user.create({
      data: { email: `reviewer${i}@bench.example`, name: `Reviewer ${i + 1}`, role: "reviewer" },
      select: { id: true },
    });
    reviewers.push(user.id);
  }
  const sources: string[] = [];
  for (const name of ["Website chat", "Help centre", "Intercom"]) {
    sources.push((await createSource(db, null, { name, kind: "api" })).id);
  }
  return { teams, reviewers, sources };
}

/**
 * One row per conversation with every decision about it (what it asks, where from, whether it
 * became a handoff or a case, who answered and when), so each table below is one INSERT … SELECT
 * from the same facts and the events agree with the rows they describe.
 */
async function planConversations(seed: pg.Client, conversations: number, people: People, timeZone: string) {
  const hours = WINDOW_DAYS * 24;
  // Hourly slots over the 90 days, weighted for a B2B site: weekday office hours busiest, evenings
  // light, nights near empty, weekends about half, and traffic growing ~50% over the quarter. Each
  // slot gets its share of the conversations as a range of row numbers g (oldest first).
  await seed.query(`CREATE UNLOGGED TABLE bench_slots (start_at timestamptz, g_from int, g_to int)`);
  await seed.query(
    `INSERT INTO bench_slots
     WITH hours AS (
       SELECT k, date_trunc('hour', now()) - make_interval(hours => k) AS start_at FROM generate_series(1, $1::int) k
     ), weighted AS (
       SELECT start_at,
              (CASE extract(isodow FROM start_at AT TIME ZONE $3::text) WHEN 6 THEN 0.5 WHEN 7 THEN 0.4 ELSE 1 END)
            * (CASE WHEN extract(hour FROM start_at AT TIME ZONE $3::text) BETWEEN 9 AND 17 THEN 1
                    WHEN extract(hour FROM start_at AT TIME ZONE $3::text) BETWEEN 7 AND 21 THEN 0.4 ELSE 0.06 END)
            * (1.25 - 0.5 * k / $1::int) AS w
         FROM hours
     ), cumulative AS (
       SELECT start_at, round(sum(w) OVER (ORDER BY start_at) / sum(w) OVER () * $2::int)::int AS g_to FROM weighted
     )
     SELECT start_at, COALESCE(lag(g_to) OVER (ORDER BY start_at), 0) + 1, g_to FROM cumulative`,
    [hours, conversations, timeZone],
  );

  const { teams } = people;
  await seed.query(`CREATE UNLOGGED TABLE bench_plan (
      g int PRIMARY KEY, id uuid, received_at timestamptz, source_id uuid, intent text, topic text, page_path text,
      campaign text, existing boolean, has_contact boolean, consent text, need_stated boolean, unresolved boolean,
      name text, email text, lead_id uuid, lead_new boolean, priority text, priority_rank int, team_id uuid,
      owner_id uuid, rule_id text, sla_minutes int, reasons text[], case_id uuid, case_at timestamptz,
      case_status text, resolution text, resolved_by_id uuid, resolved_at timestamptz, handoff_id uuid,
      handoff_at timestamptz, due_at timestamptz, h_status text, responded_at timestamptz, response_seconds int,
      response_business_seconds int, breached_at timestamptz, reassignments int)`);
  // Each CTE adds the facts that depend on the previous one's; u(n) is row g's n-th random number.
  // MATERIALIZED: inlined, every later reference would repeat the whole expression tree beneath it
  // (h_status spells out reasons, consent, resolution…), and planning alone took minutes.
  await seed.query(
    `INSERT INTO bench_plan
     WITH slotted AS MATERIALIZED (
       SELECT g, s.start_at + make_interval(secs => ${u(1)} * 3599) AS received_at
         FROM bench_slots s, generate_series(s.g_from, s.g_to) g
     ), asked AS MATERIALIZED (
       SELECT g, received_at,
              CASE WHEN ${u(2)} < 0.55 THEN 'sales' WHEN ${u(2)} < 0.85 THEN 'support'
                   WHEN ${u(2)} < 0.95 THEN 'other' ELSE 'spam' END AS intent,
              ($1::uuid[])[CASE WHEN ${u(3)} < 0.6 THEN 1 WHEN ${u(3)} < 0.9 THEN 2 ELSE 3 END] AS source_id,
              CASE WHEN ${u(4)} >= 0.03 THEN ($2::text[])[1 + floor(cardinality($2::text[]) * power(${u(5)}, 2.2))::int] END
                AS page_path,
              CASE WHEN ${u(6)} >= 0.55 THEN ($3::text[])[1 + floor(cardinality($3::text[]) * power(${u(7)}, 1.8))::int] END
                AS campaign,
              ($13::text[])[1 + ${h(8)} % cardinality($13::text[])] || ' ' || ($14::text[])[1 + ${h(9)} % cardinality($14::text[])]
                AS name
         FROM slotted
     ), facts AS MATERIALIZED (
       SELECT a.*,
              CASE WHEN intent = 'spam' OR ${u(10)} < 0.08 THEN NULL
                   WHEN intent = 'sales' THEN ($4::text[])[1 + floor(cardinality($4::text[]) * ${u(11)})::int]
                   WHEN intent = 'support' THEN ($5::text[])[1 + floor(cardinality($5::text[]) * power(${u(11)}, 1.4))::int]
                   ELSE ($6::text[])[1 + floor(cardinality($6::text[]) * ${u(11)})::int] END AS topic,
              ${u(12)} < CASE intent WHEN 'support' THEN 0.18 WHEN 'sales' THEN 0.08 ELSE 0 END AS existing,
              ${u(13)} < CASE intent WHEN 'sales' THEN 0.85 WHEN 'support' THEN 0.8 WHEN 'other' THEN 0.55 ELSE 0.15 END
                AS has_contact,
              ${u(14)} < CASE WHEN intent = 'spam' THEN 0.1 ELSE 0.92 END AS need_stated,
              ${u(15)} < CASE WHEN intent = 'spam' THEN 0.02 ELSE 0.16 END AS unresolved,
              CASE WHEN ${u(16)} < 0.05 THEN ($7::text[])[1 + floor(cardinality($7::text[]) * power(${u(17)}, 1.5))::int] END
                AS extra_reason
         FROM asked a
     ), routed AS MATERIALIZED (
       SELECT f.*,
              CASE WHEN has_contact THEN
                     CASE WHEN ${u(18)} < 0.8 THEN 'given' WHEN ${u(18)} < 0.9 THEN 'unclear'
                          WHEN ${u(18)} < 0.93 THEN 'refused' ELSE 'not_asked' END
                   ELSE CASE WHEN ${u(18)} < 0.7 THEN 'not_asked' WHEN ${u(18)} < 0.9 THEN 'unclear'
                             WHEN ${u(18)} < 0.95 THEN 'refused' ELSE 'given' END END AS consent,
              -- The default routing rules (server/domain/routing/rules.ts), first match wins.
              CASE WHEN existing AND has_contact THEN 'account-owner' WHEN intent = 'support' THEN 'support'
                   WHEN existing THEN 'existing-customers' WHEN intent = 'sales' THEN 'sales'
                   ELSE 'everything-else' END AS rule_id
         FROM facts f
     ), assigned AS MATERIALIZED (
       SELECT r.*,
              CASE rule_id WHEN 'account-owner' THEN 120 WHEN 'support' THEN 240 WHEN 'existing-customers' THEN 240
                           WHEN 'sales' THEN 60 ELSE 480 END AS sla_minutes,
              CASE rule_id WHEN 'support' THEN '${teams.Support.id}'::uuid WHEN 'sales' THEN '${teams.Sales.id}'::uuid
                           WHEN 'everything-else' THEN '${teams.Intake.id}'::uuid
                           ELSE '${teams["Customer Success"].id}'::uuid END AS team_id,
              -- One owner in 250 has left the company: the handoff keeps no owner (onDelete: SetNull).
              CASE WHEN ${u(19)} < 0.004 THEN NULL
                   WHEN rule_id = 'support' THEN ($9::uuid[])[1 + ${h(20)} % cardinality($9::uuid[])]
                   WHEN rule_id = 'sales' THEN ($8::uuid[])[1 + ${h(20)} % cardinality($8::uuid[])]
                   WHEN rule_id = 'everything-else' THEN ($11::uuid[])[1 + ${h(20)} % cardinality($11::uuid[])]
                   ELSE ($10::uuid[])[1 + ${h(20)} % cardinality($10::uuid[])] END AS owner_id,
              CASE WHEN extra_reason = 'emergency' OR topic = 'emergency' THEN 'urgent' WHEN ${u(21)} < 0.1 THEN 'low'
                   WHEN ${u(21)} < 0.25 THEN 'high' ELSE 'normal' END AS priority,
              -- What triage would make of these facts (server/domain/intake/triage.ts).
              array_remove(ARRAY[
                CASE WHEN intent = 'spam' THEN 'spam_suspect' END,
                CASE WHEN NOT has_contact THEN 'missing_contact' END,
                CASE WHEN consent = 'refused' THEN 'consent_refused' END,
                CASE WHEN consent = 'unclear' THEN 'unclear_consent' END,
                CASE WHEN NOT need_stated AND intent <> 'spam' THEN 'low_confidence' END,
                extra_reason], NULL) AS reasons
         FROM routed r
     ), reviewed AS MATERIALIZED (
       SELECT a.*, cardinality(reasons) > 0 AS is_case, received_at + interval '2 seconds' AS case_at,
              -- Reviewers decide nearly everything older than a day and a half, and some of the rest.
              cardinality(reasons) > 0
                AND ${u(22)} < CASE WHEN received_at < now() - interval '36 hours' THEN 0.96 ELSE 0.4 END AS decided
         FROM assigned a
     ), decided AS MATERIALIZED (
       SELECT r.*,
              CASE WHEN NOT decided THEN NULL
                   WHEN intent = 'spam' THEN CASE WHEN ${u(23)} < 0.9 THEN 'spam' ELSE 'approved' END
                   WHEN ${u(23)} < 0.72 THEN 'approved' WHEN ${u(23)} < 0.8 THEN 'reassigned'
                   WHEN ${u(23)} < 0.92 THEN 'handed_off_after_update' ELSE 'spam' END AS resolution,
              CASE WHEN decided THEN least(now() - interval '1 second',
                                           case_at + make_interval(secs => 240 + power(${u(24)}, 2) * 72000)) END
                AS resolved_at
         FROM reviewed r
     ), handed AS MATERIALIZED (
       SELECT d.*,
              NOT is_case OR COALESCE(resolution IN ('approved', 'reassigned', 'handed_off_after_update'), false)
                AS has_handoff,
              CASE WHEN is_case THEN resolved_at ELSE received_at + interval '2 seconds' END AS handoff_at,
              -- A ~7% slice answers late; the rest answer within the SLA, most of them quickly.
              ${u(25)} < 0.07 AS late,
              CASE WHEN ${u(25)} < 0.07 THEN sla_minutes * 60 + floor(${u(26)} * sla_minutes * 180)::int
                   ELSE 30 + floor(power(${u(26)}, 1.6) * (sla_minutes * 60 - 30))::int END AS answer_seconds
         FROM decided d
     ), answered AS MATERIALIZED (
       SELECT x.*,
              CASE WHEN NOT has_handoff THEN NULL
                   WHEN handoff_at > now() - interval '1 day' THEN
                     CASE WHEN ${u(27)} < 0.45 THEN 'open' WHEN ${u(27)} < 0.5 THEN 'closed' ELSE 'responded' END
                   ELSE CASE WHEN ${u(27)} < 0.03 THEN 'open' WHEN ${u(27)} < 0.08 THEN 'closed' ELSE 'responded' END
              END AS status0
         FROM handed x
     ), final AS MATERIALIZED (
       SELECT a.*,
              CASE WHEN status0 = 'responded' AND handoff_at + make_interval(secs => answer_seconds) > now() THEN 'open'
                   ELSE status0 END AS h_status,
              handoff_at + make_interval(mins => sla_minutes) AS due_at
         FROM answered a
     )
     SELECT g, gen_random_uuid(), received_at, source_id, intent, topic, page_path, campaign, existing, has_contact,
            consent, need_stated, unresolved, name,
            CASE WHEN has_contact THEN lower(replace(name, ' ', '.')) || '.' || g || '@mail.example' END,
            -- Existing customers and one returning visitor in 12 link to a customer lead made long ago.
            CASE WHEN NOT has_contact THEN NULL
                 WHEN existing OR ${u(28)} < 0.08 THEN md5('bench-customer-' || (1 + ${h(29)} % $12::int))::uuid
                 ELSE gen_random_uuid() END,
            has_contact AND NOT existing AND ${u(28)} >= 0.08,
            priority, CASE priority WHEN 'low' THEN 0 WHEN 'high' THEN 2 WHEN 'urgent' THEN 3 ELSE 1 END,
            team_id, owner_id, rule_id, sla_minutes,
            reasons, CASE WHEN is_case THEN gen_random_uuid() END, CASE WHEN is_case THEN case_at END,
            CASE WHEN NOT is_case THEN NULL WHEN decided THEN 'resolved' ELSE 'open' END, resolution,
            -- Ingest resolves "handed off after update" itself: no reviewer decided it.
            CASE WHEN decided AND resolution <> 'handed_off_after_update' THEN ($15::uuid[])[1 + ${h(30)} % cardinality($15::uuid[])] END,
            resolved_at,
            CASE WHEN has_handoff THEN gen_random_uuid() END, CASE WHEN has_handoff THEN handoff_at END,
            CASE WHEN has_handoff THEN due_at END, h_status,
            CASE WHEN h_status = 'responded' THEN handoff_at + make_interval(secs => answer_seconds) END,
            CASE WHEN h_status = 'responded' THEN answer_seconds END,
            -- Business seconds never exceed calendar seconds: most of a handoff made in office hours
            -- is business time; one made in the evening waits overnight, off the business clock.
            CASE WHEN h_status = 'responded' THEN floor(answer_seconds * CASE
                   WHEN extract(isodow FROM handoff_at AT TIME ZONE $16::text) < 6
                    AND extract(hour FROM handoff_at AT TIME ZONE $16::text) BETWEEN 9 AND 16
                   THEN 0.85 + 0.15 * ${u(31)} ELSE 0.1 + 0.5 * ${u(31)} END)::int END,
            CASE WHEN h_status = 'responded' AND late THEN due_at
                 WHEN h_status = 'open' AND due_at < now() THEN due_at
                 WHEN h_status = 'closed' AND late AND due_at < now() THEN due_at END,
            CASE WHEN has_handoff AND (resolution = 'reassigned' OR ${u(32)} < 0.025)
                 THEN CASE WHEN ${u(33)} < 0.2 THEN 2 ELSE 1 END ELSE 0 END
       FROM final`,
    [
      people.sources,
      PAGES,
      CAMPAIGNS,
      TOPICS_BY_INTENT.sales,
      TOPICS_BY_INTENT.support,
      TOPICS_BY_INTENT.other,
      EXTRA_REASONS,
      teams.Sales.owners,
      teams.Support.owners,
      teams["Customer Success"].owners,
      teams.Intake.owners,
      customerLeads(conversations),
      FIRST,
      LAST,
      people.reviewers,
      timeZone,
    ],
  );
}

/** Customer leads made before the window, that existing customers' conversations link to. */
const customerLeads = (conversations: number) => Math.max(50, Math.round(conversations / 40));

/** Leads, conversations, consent records, cases and handoffs, each one INSERT … SELECT from the plan. */
async function seedRecords(seed: pg.Client, conversations: number, people: People) {
  const owners = Object.values(people.teams).flatMap((team) => team.owners);
  await seed.query(
    `INSERT INTO leads (id, kind, name, email, owner_id, created_at, updated_at)
     SELECT md5('bench-customer-' || g)::uuid, 'customer', 'Customer ' || g, 'customer' || g || '@client.example',
            ($2::uuid[])[1 + ${h(1)} % cardinality($2::uuid[])], now() - interval '400 days', now() - interval '400 days'
       FROM generate_series(1, $1::int) g`,
    [customerLeads(conversations), owners],
  );
  await seed.query(
    `INSERT INTO leads (id, kind, name, email, created_at, updated_at)
     SELECT lead_id, 'lead', name, email, received_at, received_at FROM bench_plan WHERE lead_new ORDER BY g`,
  );
  // In received order, as ingest writes them: the heap's order is what index scans by time read.
  await seed.query(
    `INSERT INTO conversations (id, source_id, external_id, page_url, utm, messages, message_count, content_hash, brief,
            analyzer, next_action, lead_id, topic, intent, page_path, campaign, has_contact, consent_status, need_stated,
            unresolved, started_at, received_at, updated_at)
     SELECT id, source_id, 'bench-' || g,
            '${HOST}' || page_path || CASE WHEN campaign IS NOT NULL THEN '?utm_source=google&utm_campaign=' || campaign ELSE '' END,
            CASE WHEN campaign IS NOT NULL THEN jsonb_build_object('utm_source', 'google', 'utm_campaign', campaign) END,
            jsonb_build_array(
              jsonb_build_object('role', 'visitor', 'text', 'Hello. ' || need, 'at', received_at - interval '3 minutes'),
              jsonb_build_object('role', 'bot', 'text', 'Who should our team get back to, and how?', 'at', received_at - interval '2 minutes'),
              jsonb_build_object('role', 'visitor', 'text', CASE WHEN has_contact THEN 'I''m ' || name || ', ' || email
                                 ELSE 'I''d rather not say.' END, 'at', received_at - interval '1 minute')),
            3, md5('bench-' || g),
            jsonb_build_object(
              'analyzer', 'rules', 'fallbackReason', NULL, 'policyVersion', 'bench',
              'intent', jsonb_build_object('value', intent, 'evidence', '[]'::jsonb),
              'customerStatus', jsonb_build_object('value', CASE WHEN existing THEN 'existing' ELSE 'new_or_unknown' END,
                                                   'evidence', '[]'::jsonb),
              'topic', CASE WHEN topic IS NOT NULL THEN jsonb_build_object('id', topic, 'label', initcap(topic), 'evidence', '[]'::jsonb) END,
              'contact', jsonb_build_object(
                 'name', jsonb_build_object('value', name, 'evidence', '[]'::jsonb),
                 'email', CASE WHEN has_contact THEN jsonb_build_object('value', email, 'evidence', '[]'::jsonb) END,
                 'phone', NULL, 'company', NULL),
              'consent', jsonb_build_object('status', consent, 'evidence', NULL, 'question', NULL),
              'needClear', need_stated,
              'statedNeed', CASE WHEN need_stated THEN jsonb_build_object('value', need, 'evidence', '[]'::jsonb) END,
              'unresolvedQuestion', CASE WHEN unresolved THEN jsonb_build_object('value', 'Can someone confirm this today?',
                                                                                  'evidence', '[]'::jsonb) END,
              'urgency', jsonb_build_object('level', CASE priority WHEN 'urgent' THEN 'high' WHEN 'high' THEN 'high'
                                                     WHEN 'low' THEN 'low' ELSE 'normal' END, 'reason', '', 'evidence', '[]'::jsonb),
              'flags', '[]'::jsonb, 'sensitive', '[]'::jsonb,
              'highValue', jsonb_build_object('value', 'high_value' = ANY(reasons), 'reasons', '[]'::jsonb),
              'source', jsonb_build_object('pageUrl', page_path, 'referrer', NULL,
                                           'campaign', CASE WHEN campaign IS NOT NULL THEN jsonb_build_object('campaign', campaign) END),
              'nextAction', jsonb_build_object('action', CASE WHEN case_id IS NOT NULL THEN 'escalate' ELSE 'handoff' END,
                                               'reasons', '[]'::jsonb, 'question', NULL),
              'summary', initcap(intent) || ' enquiry: ' || need),
            'rules', CASE WHEN case_id IS NOT NULL THEN 'escalate' ELSE 'handoff' END, lead_id, topic, intent, page_path,
            campaign, has_contact, consent::"ConsentStatus", need_stated, unresolved,
            received_at - interval '3 minutes', received_at, greatest(received_at, resolved_at, responded_at)
       FROM bench_plan
       CROSS JOIN LATERAL (SELECT COALESCE(($1::jsonb)->>topic, 'I have a question about your services.') AS need) n
      ORDER BY g`,
    [JSON.stringify(NEEDS)],
  );
  await seed.query(
    `INSERT INTO consent_records (id, conversation_id, status, evidence_message, words, recorded_at)
     SELECT gen_random_uuid(), id, consent::"ConsentStatus", CASE WHEN consent IN ('given', 'refused') THEN 2 END,
            CASE consent WHEN 'given' THEN 'Yes, you can contact me.' WHEN 'refused' THEN 'Please don''t contact me.' END,
            received_at
       FROM bench_plan ORDER BY g`,
  );
  await seed.query(
    `INSERT INTO exception_cases (id, conversation_id, reasons, status, priority, priority_rank, suggested_owner_id,
            suggested_team_id, rule_id, rule_version, due_at, resolution, resolved_by_id, resolved_at, version,
            created_at, updated_at)
     SELECT case_id, id, reasons, case_status::"CaseStatus", priority, priority_rank, owner_id, team_id, rule_id, 1,
            case_at + make_interval(mins => sla_minutes), resolution, resolved_by_id, resolved_at,
            CASE WHEN resolved_at IS NULL THEN 1 ELSE 2 END, case_at, COALESCE(resolved_at, case_at)
       FROM bench_plan WHERE case_id IS NOT NULL ORDER BY g`,
  );
  await seed.query(
    `INSERT INTO handoffs (id, conversation_id, owner_id, team_id, priority, due_at, status, rule_id, rule_version,
            responded_at, responded_via, response_seconds, response_business_seconds, version, breached_at, created_at,
            updated_at)
     SELECT handoff_id, id, owner_id, team_id, priority, due_at, h_status::"HandoffStatus", rule_id, 1, responded_at,
            CASE WHEN responded_at IS NOT NULL THEN CASE WHEN ${h(2)} % 3 = 0 THEN 'marked' ELSE 'reply' END END,
            response_seconds, response_business_seconds, 1 + reassignments + (h_status <> 'open')::int, breached_at,
            handoff_at, greatest(handoff_at, responded_at, breached_at)
       FROM bench_plan WHERE handoff_id IS NOT NULL ORDER BY g`,
  );
}

/**
 * Every event the seeded records imply, plus brief updates and claims to make exactly `total`, in
 * time order (as a live system appends them). Returns how many the records implied.
 */
async function seedEvents(seed: pg.Client, total: number, conversations: number): Promise<number> {
  const lifecycle = `
    SELECT 'conversation.received' AS type, id, source_id,
           jsonb_build_object('messages', 3, 'update', false) AS data, received_at AS at FROM bench_plan
    UNION ALL
    SELECT 'consent.recorded', id, source_id, jsonb_build_object('status', consent, 'wordingVersion', NULL), received_at
      FROM bench_plan
    UNION ALL
    SELECT 'lead.created', id, source_id, jsonb_build_object('leadId', lead_id), received_at FROM bench_plan WHERE lead_new
    UNION ALL
    SELECT 'exception.raised', id, source_id, jsonb_build_object('caseId', case_id, 'reasons', to_jsonb(reasons)), case_at
      FROM bench_plan WHERE case_id IS NOT NULL
    UNION ALL
    SELECT 'case.resolved', id, source_id, jsonb_build_object('caseId', case_id, 'resolution', resolution), resolved_at
      FROM bench_plan WHERE resolved_at IS NOT NULL
    UNION ALL
    SELECT 'handoff.created', id, source_id,
           jsonb_build_object('handoffId', handoff_id, 'ownerId', owner_id, 'teamId', team_id, 'ruleId', rule_id,
                              'ruleVersion', 1, 'priority', priority), handoff_at
      FROM bench_plan WHERE handoff_id IS NOT NULL
    UNION ALL
    SELECT 'handoff.responded', id, source_id,
           jsonb_build_object('handoffId', handoff_id, 'responseSeconds', response_seconds), responded_at
      FROM bench_plan WHERE responded_at IS NOT NULL
    UNION ALL
    SELECT 'handoff.sla_breached', id, source_id, jsonb_build_object('handoffId', handoff_id, 'dueAt', due_at), breached_at
      FROM bench_plan WHERE breached_at IS NOT NULL
    UNION ALL
    -- A reassignment follows the handoff within the hour; a second one, the next day.
    SELECT 'handoff.reassigned', id, source_id,
           jsonb_build_object('handoffId', handoff_id, 'toOwnerId', owner_id, 'ruleId', rule_id, 'ruleVersion', 1),
           least(now(), handoff_at + make_interval(mins => n * 20 + (n - 1) * 1440))
      FROM bench_plan, generate_series(1, reassignments) n WHERE reassignments > 0`;
  const [{ implied }] = (await seed.query<{ implied: number }>(`SELECT count(*)::int AS implied FROM (${lifecycle}) e`))
    .rows as [{ implied: number }];
  const extra = total - implied;
  if (extra < 0)
    throw new Error(`the records imply ${implied} events, more than --events ${total}: raise EVENTS_PER_CONVERSATION`);
  // The top-up: conversation k picked by hash; one with a case is claimed, otherwise its brief updated.
  const topUp = `
    SELECT CASE WHEN p.case_id IS NOT NULL AND ${rowUniform(40, "k")} < 0.6 THEN 'case.claimed' ELSE 'brief.updated' END,
           p.id, p.source_id,
           CASE WHEN p.case_id IS NOT NULL AND ${rowUniform(40, "k")} < 0.6 THEN jsonb_build_object('caseId', p.case_id)
                ELSE jsonb_build_object('fields', jsonb_build_array('summary')) END,
           least(now(), p.received_at + make_interval(secs => 30 + ${rowHash(41, "k")} % 7200))
      FROM generate_series(1, $1::int) k
      JOIN bench_plan p ON p.g = 1 + ${rowHash(42, "k")} % $2::int`;
  await seed.query(
    `INSERT INTO events (id, type, conversation_id, source_id, data, occurred_at)
     SELECT gen_random_uuid(), type, id, source_id, data, at FROM (${lifecycle} UNION ALL ${topUp}) e ORDER BY at`,
    [extra, conversations],
  );
  return implied;
}

async function seedDatabase(url: string, totalEvents: number, timeZone: string) {
  const conversations = Math.round(totalEvents / EVENTS_PER_CONVERSATION);
  const people = await seedPeople();
  // A connection of its own, so the bulk settings below never reach the connections being timed.
  const seed = new pg.Client({ connectionString: url });
  await seed.connect();
  try {
    // Sorting a million events and building the plan in memory instead of on disk; a lost commit
    // would only mean a rerun.
    await seed.query(`SET work_mem = '256MB'`);
    await seed.query(`SET synchronous_commit = off`);
    const step = async (label: string, work: () => Promise<unknown>) => {
      const started = performance.now();
      await work();
      log(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    };
    await step(`planned ${conversations} conversations`, () =>
      planConversations(seed, conversations, people, timeZone),
    );
    await step("leads, conversations, consent records, cases, handoffs", () =>
      seedRecords(seed, conversations, people),
    );
    let implied = 0;
    await step(`${totalEvents} events`, async () => (implied = await seedEvents(seed, totalEvents, conversations)));
    log(`    (${implied} from the records, ${totalEvents - implied} brief updates and claims)`);
    await seed.query(`DROP TABLE bench_slots`);
    await step("vacuum analyze", async () => {
      // As autovacuum would have left a live database: statistics for the planner, and a visibility
      // map so index-only scans are possible.
      for (const table of [
        "events",
        "conversations",
        "handoffs",
        "exception_cases",
        "leads",
        "consent_records",
        "conversation_facts",
      ])
        await seed.query(`VACUUM ANALYZE ${table}`);
    });
  } finally {
    await seed.end();
  }
  return { conversations };
}

// ── timing ───────────────────────────────────────────────────────────────────────────────────────
// Imported once DATABASE_URL points at the bench database (the environment is parsed on first use);
// these are types only, erased at run time.
type DashboardServices = typeof DashboardsModule & typeof DrilldownModule;
type Filters = { from: string; to: string };

/** The breakdowns managers open most; source, rule and reviewer group the same way over fewer keys. */
const BREAKDOWN_DIMENSIONS = ["page", "topic", "owner", "team", "campaign", "reason"] as const;

interface Measured {
  label: string;
  latency: Latency;
}

/** Times each (label, work) `runs` times; returns each one's latency and the latency over all of them. */
async function timeGroup(runs: number, cases: [label: string, work: () => Promise<unknown>][]) {
  const all: number[] = [];
  const each: Measured[] = [];
  for (const [label, work] of cases) {
    const samples = await sampleRuns(runs, work);
    all.push(...samples);
    each.push({ label, latency: summarize(samples) });
  }
  return { all: summarize(all), each };
}

async function measureServices(db: Db, services: DashboardServices, window90: Filters, runs: number) {
  const { dashboardOverview, dashboardBreakdown, dashboardTrend, drilldown } = services;
  // The 90-day window is the worst case the console offers by default (a custom range may be longer,
  // up to 400 days); the 30-day default is what most page loads ask for, and its previous period
  // is full too, so both halves of the overview count real rows.
  const overview = await timeGroup(runs, [["overview 90 days", () => dashboardOverview(db, window90)]]);
  const overview30 = await timeGroup(runs, [["overview 30 days (default)", () => dashboardOverview(db, {})]]);
  const breakdown = await timeGroup(
    runs,
    BREAKDOWN_DIMENSIONS.map((dimension) => [
      `breakdown by ${dimension}`,
      () => dashboardBreakdown(db, { ...window90, dimension }),
    ]),
  );
  const trend = await timeGroup(runs, [
    ["trend by day", () => dashboardTrend(db, { ...window90, granularity: "day" })],
    ["trend by week", () => dashboardTrend(db, { ...window90, granularity: "week" })],
  ]);

  // A day in the middle of the window: a trend point's drill-down.
  const middleDay = addDaysTo(window90.from, Math.floor(WINDOW_DAYS / 2));
  const slices = [
    { label: "complete handoffs on /pricing", metric: "complete_handoff", dimension: "page", key: "/pricing" },
    { label: "exceptions for missing_contact", metric: "exception_rate", dimension: "reason", key: "missing_contact" },
    // A rare reason: the newest-first list has to look far back to fill a page.
    { label: "exceptions for legal_advice", metric: "exception_rate", dimension: "reason", key: "legal_advice" },
    { label: `responses on ${middleDay}`, metric: "response_time", bucket: middleDay, granularity: "day" },
  ].map(({ label, ...slice }) => ({ label, slice: ZDrilldownSlice.parse({ ...window90, ...slice }) }));
  const drilldownCases: [string, () => Promise<unknown>][] = [];
  for (const { label, slice } of slices) {
    const first = await drilldown(db, { slice, limit: 50 });
    drilldownCases.push([`drilldown ${label}, page 1`, () => drilldown(db, { slice, limit: 50 })]);
    if (first.nextCursor) {
      const cursor = first.nextCursor;
      drilldownCases.push([`drilldown ${label}, page 2`, () => drilldown(db, { slice, cursor, limit: 50 })]);
    }
  }
  const drill = await timeGroup(runs, drilldownCases);
  return { overview, overview30, breakdown, trend, drill };
}

/** "YYYY-MM-DD" plus `days`, as the business's calendar counts them. */
const addDaysTo = (date: string, days: number) => formatLocalDate(addDays(parseLocalDate(date)!, days));

// ── sanity: the services' numbers against direct counts ──────────────────────────────────────────
/**
 * Counts a few metrics straight from the tables, written independently of metric-sql.ts, and
 * compares them with what the services return for the same window: a fast query that counts the
 * wrong thing would pass every latency target.
 */
async function checkNumbers(db: Db, services: DashboardServices, window90: Filters, url: string) {
  // One clock for both sides: a handoff still waiting counts as breached once its due time passes.
  const now = new Date();
  const overview = await services.dashboardOverview(db, window90, now);
  const window = await services.resolveDashboardWindow(db, window90, now);
  const metric = (id: string) => overview.headlines.find((line) => line.metric === id)!.current;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const problems: string[] = [];
  try {
    const { rows } = await client.query<Record<string, number>>(
      `WITH c AS (SELECT * FROM conversations WHERE received_at >= $1 AND received_at < $2)
       SELECT (SELECT count(*) FROM c)::int AS conversations,
              (SELECT count(*) FROM c WHERE intent = 'sales')::int AS sales,
              (SELECT count(*) FROM c WHERE intent = 'sales' AND lead_id IS NOT NULL)::int AS sales_with_lead,
              (SELECT count(*) FROM c JOIN handoffs h ON h.conversation_id = c.id
                WHERE c.intent = 'sales' AND h.status <> 'closed' AND h.owner_id IS NOT NULL AND c.has_contact
                  AND c.consent_status = 'given' AND c.need_stated)::int AS complete_handoffs,
              (SELECT count(*) FROM c JOIN exception_cases e ON e.conversation_id = c.id)::int AS cases,
              (SELECT count(DISTINCT c.id) FROM c JOIN handoffs h ON h.conversation_id = c.id
                 JOIN events ev ON ev.conversation_id = c.id AND ev.type = 'handoff.reassigned')::int AS reassigned,
              (SELECT count(*) FROM c JOIN handoffs h ON h.conversation_id = c.id
                WHERE h.status <> 'closed' AND h.owner_id IS NOT NULL
                  AND (h.breached_at IS NOT NULL OR h.responded_at > h.due_at
                       OR (h.responded_at IS NULL AND h.due_at < $3)))::int AS breached,
              (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY h.response_seconds) FROM c
                 JOIN handoffs h ON h.conversation_id = c.id
                WHERE h.status <> 'closed' AND h.owner_id IS NOT NULL)::float8 AS response_median,
              (SELECT count(*) FROM c JOIN exception_cases e ON e.conversation_id = c.id
                WHERE e.resolved_by_id IS NOT NULL)::int AS reviewed`,
      [window.start, window.end, now],
    );
    const direct = rows[0]!;
    const pairs: [string, number | null | undefined, number][] = [
      ["conversations", metric("conversations").numerator, direct.conversations!],
      ["conversion denominator (sales)", metric("conversion").denominator, direct.sales!],
      ["conversion numerator (sales with a lead)", metric("conversion").numerator, direct.sales_with_lead!],
      ["complete handoffs", metric("complete_handoff").numerator, direct.complete_handoffs!],
      ["exceptions", metric("exception_rate").numerator, direct.cases!],
      ["reassigned handoffs", metric("wrong_owner").numerator, direct.reassigned!],
      ["SLA breaches", metric("sla_breach").numerator, direct.breached!],
      ["response median (s)", metric("response_time").median, direct.response_median!],
      ["cases decided by a reviewer", metric("review_time").numerator, direct.reviewed!],
    ];
    for (const [label, service, expected] of pairs) {
      const ok = service !== null && service !== undefined && Math.abs(service - expected) < 1e-6;
      log(`  ${ok ? "ok      " : "MISMATCH"} ${label}: service ${service}, direct ${expected}`);
      if (!ok) problems.push(label);
    }
    // The breakdowns and the trend partition the same conversations.
    const byPage = await services.dashboardBreakdown(db, { ...window90, dimension: "page" });
    const pageSum = byPage.rows.reduce((sum, row) => sum + row.metrics.conversations.numerator, 0);
    const trend = await services.dashboardTrend(db, { ...window90, granularity: "day" });
    const trendSum = trend.points.reduce((sum, point) => sum + point.metrics.conversations.numerator, 0);
    for (const [label, sum] of [
      ["page breakdown total", pageSum],
      ["daily trend total", trendSum],
    ] as const) {
      const ok = sum === direct.conversations;
      log(`  ${ok ? "ok      " : "MISMATCH"} ${label}: ${sum}, conversations ${direct.conversations}`);
      if (!ok) problems.push(label);
    }
  } finally {
    await client.end();
  }
  return problems;
}

const loadAverage = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");

// ── output ───────────────────────────────────────────────────────────────────────────────────────
function report(groups: Measured[]) {
  const width = Math.max(...groups.map((group) => group.label.length));
  log(`  ${"query".padEnd(width)}  ${"p50 ms".padStart(8)}  ${"p95 ms".padStart(8)}  ${"max ms".padStart(8)}`);
  for (const { label, latency } of groups) {
    const flag = latency.p95 >= TARGET_MS ? "  over target" : "";
    log(
      `  ${label.padEnd(width)}  ${String(latency.p50).padStart(8)}  ${String(latency.p95).padStart(8)}  ${String(latency.max).padStart(8)}${flag}`,
    );
  }
}

async function main(): Promise<number> {
  const database = await openBenchDatabase("benchdash", "bench:dashboards");
  process.env.LOG_LEVEL ??= "error";
  const { getDb, closeDb } = await import("../server/db/client");
  const services: DashboardServices = {
    ...(await import("../server/services/dashboards/dashboards")),
    ...(await import("../server/services/dashboards/drilldown")),
  };
  const db = getDb();
  try {
    const timeZone = await services.reportingTimeZone(db);
    log(`seeding ${options.events} events over ${WINDOW_DAYS} days (${timeZone})…`);
    const seedStarted = performance.now();
    const { conversations } = await seedDatabase(database.url, options.events, timeZone);
    const seedSeconds = Math.round((performance.now() - seedStarted) / 1000);
    const [counted] = await db.$queryRawUnsafe<{ events: number }[]>(`SELECT count(*)::int AS events FROM events`);
    log(`seeded ${counted!.events} events for ${conversations} conversations in ${seedSeconds} s`);

    // The last 90 days up to today in the business's zone, as the filter bar would send them.
    const today = (await services.resolveDashboardWindow(db, {})).to;
    const window90 = { from: addDaysTo(today, -(WINDOW_DAYS - 1)), to: today };
    log(`checking the services' numbers for ${window90.from}..${window90.to} against direct counts…`);
    const problems = await checkNumbers(db, services, window90, database.url);

    // Latencies on a shared 2-core machine mean little without the load they were taken under.
    log(`timing the services, ${options.runs} runs each after a warm-up (load average ${loadAverage()})…`);
    const timed = await measureServices(db, services, window90, options.runs);
    report([
      ...timed.overview.each,
      ...timed.overview30.each,
      ...timed.breakdown.each,
      { label: "breakdowns, all", latency: timed.breakdown.all },
      ...timed.trend.each,
      ...timed.drill.each,
      { label: "drill-downs, all", latency: timed.drill.all },
    ]);
    log(`load average after timing: ${loadAverage()}`);
    if (problems.length) log(`numbers that disagree with direct counts: ${problems.join(", ")}`);

    const result = {
      events: counted!.events,
      overviewP95Ms: timed.overview.all.p95,
      breakdownP95Ms: timed.breakdown.all.p95,
      drilldownP95Ms: timed.drill.all.p95,
      trendP95Ms: timed.trend.all.p95,
    };
    if (values.json) console.log(JSON.stringify(result));
    else {
      console.log(`\n${"metric".padEnd(16)}  value`);
      for (const [key, value] of Object.entries(result)) console.log(`${key.padEnd(16)}  ${value}`);
      console.log(`target: each p95 < ${TARGET_MS} ms`);
    }
    return 0;
  } finally {
    await closeDb();
    if (values["keep-database"]) log(`kept the database: ${database.url}`);
    else await database.drop().catch(() => {});
  }
}

await runCli(main);
