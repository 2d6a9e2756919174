import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client";
import type { Prisma } from "../../server/db/generated/prisma/client";
import { csvLine } from "../../server/domain/metrics/csv";
import { DEFAULT_ROUTING } from "../../server/domain/routing/rules";
import { NONE_KEY, ZDrilldownSlice } from "../../server/services/dashboards/dashboard-input";
import { EXPORT_COLUMNS, exportRows } from "../../server/services/dashboards/drilldown";
import { recordHandoffResponse } from "../../server/services/inbox/respond";
import { ingestConversation } from "../../server/services/ingest/ingest-conversation";
import { authenticateSourceKey, createSource } from "../../server/services/sources";
import { ensureRoutingTeams } from "../support/teams";
import { callerFor, createTestUser } from "../support/users";

// The dashboards' numbers checked against values worked out by hand from a fixture of records and
// events (below), on the run's real database. The fixture has its own source and every call filters
// to it, so other test files' conversations never count. The reporting time zone is the default
// rules' Europe/London; July is summer time (UTC+1), so 23:30 UTC is already the next day there.
//
//  id   received (UTC)      local day  intent   outcome                                   page
//  C1   07-01 08:00         07-01      sales    complete handoff, A, answered in 1 h       /pricing
//  C2   07-02 10:00         07-02      sales    case: pricing_request, high_value (open)   /pricing
//  C3   07-03 13:00         07-03      sales    case decided in 2 h -> reassigned twice to  /contact
//                                               B; handed off Fri 16:00, answered Mon 09:30 local
//  C4   07-05 09:00         07-05      sales    case: missing_contact (open), no lead      /contact
//  C5   07-02 23:30         07-03      support  handoff to A (Support), SLA breached        (none)
//  C6   07-07 09:00         07-07      sales    case: high_value, decided in 30 min; the    /pricing
//                                               response was recorded before the handoff
//  C7   07-08 12:00         07-08      spam     case: spam_suspect, marked spam in 10 min  /blog/x
//  C8   06-30 23:30         07-01      other    case: low_confidence (open)                /blog/x
//  C10  07-10 10:00         07-10      sales    handoff withdrawn; case: consent_refused   /blog/x
//  C11  07-14 22:30         07-14      sales    handoff to B without consent (incomplete)  /blog/x
//  C9   06-30 22:30         06-30      sales    complete handoff, answered in 10 min: the previous period
//  C12  07-14 23:30         07-15      sales    complete handoff: after the window

const WINDOW = { from: "2026-07-01", to: "2026-07-14" };
const HOURS = DEFAULT_ROUTING.businessHours;

let sourceId: string;
let ownerA: string;
let ownerB: string;
let reviewerId: string;
let salesTeam: string;
let supportTeam: string;
type Caller = Awaited<ReturnType<typeof callerFor>>;
let manager: Caller;
const ids: Record<string, string> = {};

interface Fixture {
  received: string;
  intent: "sales" | "support" | "spam" | "other";
  page?: string;
  topic?: string;
  lead?: boolean;
  contact?: boolean;
  consent?: "given" | "refused" | "unclear" | "not_asked";
  need?: boolean;
  unresolved?: boolean;
  statedNeed?: string;
  visitorName?: string;
  campaign?: string;
  handoff?: {
    owner: string;
    team: string;
    rule: string;
    at: string;
    status?: "open" | "closed";
    respondedAt?: string;
    breached?: boolean;
  };
  case?: { reasons: string[]; at: string; decidedAt?: string; resolution?: string; rule?: string };
  reassignments?: number;
}

async function conversation(name: string, f: Fixture) {
  const db = getDb();
  const leadId = f.lead
    ? (
        await db.lead.create({
          data: { name, email: `${name.toLowerCase()}-${randomUUID().slice(0, 6)}@acme.example` },
        })
      ).id
    : null;
  const email = `${name.toLowerCase()}@acme.example`;
  const brief = {
    intent: { value: f.intent, evidence: [] },
    customerStatus: { value: "new_or_unknown", evidence: [] },
    contact: {
      name: { value: f.visitorName ?? `Visitor ${name}`, evidence: [] },
      email: f.contact === false ? null : { value: email },
    },
    statedNeed: f.need === false ? null : { value: f.statedNeed ?? `Need of ${name}, write to ${email}` },
    unresolvedQuestion: f.unresolved ? { value: "Do you cover Leeds?" } : null,
    urgency: { level: "normal" },
    summary: `Summary for ${name}; reach them at ${email} or +44 7700 900123.`,
  };
  const c = await db.conversation.create({
    data: {
      sourceId,
      externalId: `dash-${name}-${randomUUID().slice(0, 8)}`,
      messages: [{ role: "visitor", text: "hello" }],
      messageCount: 1,
      contentHash: randomUUID(),
      brief: brief as Prisma.InputJsonValue,
      analyzer: "rules",
      nextAction: "handoff",
      intent: f.intent,
      pageUrl: f.page ? `https://acme.example${f.page}?utm_campaign=summer` : null,
      pagePath: f.page ?? null,
      campaign: f.campaign ?? null,
      topic: f.topic ?? null,
      hasContact: f.contact !== false,
      consentStatus: f.consent ?? "given",
      needStated: f.need !== false,
      unresolved: f.unresolved ?? false,
      leadId,
      receivedAt: new Date(f.received),
    },
    select: { id: true },
  });
  ids[name] = c.id;
  if (f.case) {
    const decided = f.case.decidedAt ? new Date(f.case.decidedAt) : null;
    const row = await db.exceptionCase.create({
      data: {
        conversationId: c.id,
        reasons: f.case.reasons,
        priority: "normal",
        status: decided || f.case.resolution ? "resolved" : "open",
        resolution: f.case.resolution ?? null,
        resolvedById: decided ? reviewerId : null,
        resolvedAt: decided,
        suggestedTeamId: salesTeam,
        ruleId: f.case.rule ?? "sales",
        createdAt: new Date(f.case.at),
      },
      select: { id: true },
    });
    await db.event.create({
      data: {
        type: "exception.raised",
        conversationId: c.id,
        sourceId,
        data: { caseId: row.id },
        occurredAt: new Date(f.case.at),
      },
    });
    ids[`${name}.case`] = row.id;
  }
  for (let i = 0; i < (f.reassignments ?? 0); i++) {
    await db.event.create({
      data: { type: "handoff.reassigned", conversationId: c.id, sourceId, occurredAt: new Date(f.handoff!.at) },
    });
  }
  if (f.handoff) {
    const h = await db.handoff.create({
      data: {
        conversationId: c.id,
        ownerId: f.handoff.owner,
        teamId: f.handoff.team,
        priority: "normal",
        dueAt: new Date(new Date(f.handoff.at).getTime() + 3_600_000),
        ruleId: f.handoff.rule,
        ruleVersion: 1,
        status: f.handoff.status ?? "open",
        breachedAt: f.handoff.breached ? new Date(new Date(f.handoff.at).getTime() + 3_600_000) : null,
        createdAt: new Date(f.handoff.at),
      },
      select: { id: true },
    });
    ids[`${name}.handoff`] = h.id;
    await db.event.create({
      data: {
        type: "handoff.created",
        conversationId: c.id,
        sourceId,
        data: { handoffId: h.id },
        occurredAt: new Date(f.handoff.at),
      },
    });
    if (f.handoff.respondedAt) {
      // Through the service that records a real response, so both clocks are what production stores.
      await db.$transaction((tx) =>
        recordHandoffResponse(tx, {
          handoffId: h.id,
          via: "marked",
          now: new Date(f.handoff!.respondedAt!),
          hours: HOURS,
          strict: true,
        }),
      );
    }
  }
}

beforeAll(async () => {
  const db = getDb();
  sourceId = (await createSource(db, null, { name: `dash-${randomUUID().slice(0, 8)}`, kind: "api" })).id;
  ownerA = (await createTestUser("owner", { name: "Ada Owner" })).id;
  ownerB = (await createTestUser("owner", { name: "Ben Owner" })).id;
  reviewerId = (await createTestUser("reviewer", { name: "Rae Reviewer" })).id;
  salesTeam = (await db.team.upsert({ where: { name: "Sales" }, create: { name: "Sales" }, update: {} })).id;
  supportTeam = (await db.team.upsert({ where: { name: "Support" }, create: { name: "Support" }, update: {} })).id;
  manager = await callerFor(await createTestUser("manager"));

  const sales = (owner: string, at: string, extra: Partial<NonNullable<Fixture["handoff"]>> = {}) => ({
    owner,
    team: salesTeam,
    rule: "sales",
    at,
    ...extra,
  });
  await conversation("C1", {
    received: "2026-07-01T08:00:00Z",
    // Visitors type emails anywhere; the export masks them wherever they are.
    visitorName: "Ada (ada.lovelace@mail.example)",
    campaign: "promo-for-sam@mail.example",
    intent: "sales",
    page: "/pricing",
    topic: "pricing",
    lead: true,
    handoff: sales(ownerA, "2026-07-01T08:00:00Z", { respondedAt: "2026-07-01T09:00:00Z" }),
  });
  await conversation("C2", {
    received: "2026-07-02T10:00:00Z",
    intent: "sales",
    page: "/pricing",
    topic: "pricing",
    lead: true,
    unresolved: true,
    case: { reasons: ["pricing_request", "high_value"], at: "2026-07-02T10:00:00Z" },
  });
  await conversation("C3", {
    received: "2026-07-03T13:00:00Z",
    intent: "sales",
    page: "/contact",
    lead: true,
    case: {
      reasons: ["unclear_consent"],
      at: "2026-07-03T13:00:00Z",
      decidedAt: "2026-07-03T15:00:00Z",
      resolution: "reassigned",
    },
    reassignments: 2,
    // Friday 16:00 in London; answered Monday 09:30 there.
    handoff: sales(ownerB, "2026-07-03T15:00:00Z", { respondedAt: "2026-07-06T08:30:00Z" }),
  });
  await conversation("C4", {
    received: "2026-07-05T09:00:00Z",
    intent: "sales",
    page: "/contact",
    contact: false,
    consent: "not_asked",
    unresolved: true,
    case: { reasons: ["missing_contact"], at: "2026-07-05T09:00:00Z" },
  });
  await conversation("C5", {
    received: "2026-07-02T23:30:00Z",
    intent: "support",
    topic: "billing",
    handoff: { owner: ownerA, team: supportTeam, rule: "support", at: "2026-07-02T23:30:00Z", breached: true },
  });
  await conversation("C6", {
    received: "2026-07-07T09:00:00Z",
    intent: "sales",
    page: "/pricing",
    lead: true,
    statedNeed: '=HYPERLINK("http://evil.example")',
    case: {
      reasons: ["high_value"],
      at: "2026-07-07T09:00:00Z",
      decidedAt: "2026-07-07T09:30:00Z",
      resolution: "approved",
    },
    // Handed off at 10:00; the response was recorded at 09:50, before it.
    handoff: sales(ownerA, "2026-07-07T10:00:00Z", { respondedAt: "2026-07-07T09:50:00Z" }),
  });
  await conversation("C7", {
    received: "2026-07-08T12:00:00Z",
    intent: "spam",
    page: "/blog/x",
    consent: "not_asked",
    case: {
      reasons: ["spam_suspect"],
      at: "2026-07-08T12:00:00Z",
      decidedAt: "2026-07-08T12:10:00Z",
      resolution: "spam",
    },
  });
  await conversation("C8", {
    received: "2026-06-30T23:30:00Z",
    intent: "other",
    page: "/blog/x",
    unresolved: true,
    case: { reasons: ["low_confidence"], at: "2026-06-30T23:30:00Z" },
  });
  await conversation("C10", {
    received: "2026-07-10T10:00:00Z",
    intent: "sales",
    page: "/blog/x",
    lead: true,
    consent: "refused",
    case: { reasons: ["consent_refused"], at: "2026-07-10T11:00:00Z" },
    handoff: sales(ownerB, "2026-07-10T10:00:00Z", { status: "closed" }),
  });
  await conversation("C11", {
    received: "2026-07-14T22:30:00Z",
    intent: "sales",
    page: "/blog/x",
    lead: true,
    consent: "not_asked",
    handoff: sales(ownerB, "2026-07-14T22:30:00Z"),
  });
  await conversation("C9", {
    received: "2026-06-30T22:30:00Z",
    intent: "sales",
    page: "/pricing",
    lead: true,
    handoff: sales(ownerA, "2026-06-30T22:30:00Z", { respondedAt: "2026-06-30T22:40:00Z" }),
  });
  await conversation("C12", {
    received: "2026-07-14T23:30:00Z",
    intent: "sales",
    lead: true,
    handoff: sales(ownerA, "2026-07-14T23:30:00Z"),
  });
});

const filters = () => ({ ...WINDOW, sourceId });

async function metricsOf() {
  const overview = await manager.dashboards.overview(filters());
  return Object.fromEntries(overview.headlines.map((h) => [h.metric, h])) as Record<
    (typeof overview.headlines)[number]["metric"],
    (typeof overview.headlines)[number]
  >;
}

async function listAll(slice: Record<string, unknown>, limit = 50): Promise<string[]> {
  const names = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
  const found: string[] = [];
  let cursor: string | null = null;
  let total: number | null = null;
  do {
    const page = await manager.dashboards.drilldown({ slice: { ...filters(), ...slice } as never, cursor, limit });
    if (!cursor) total = page.total;
    else expect(page.total).toBeNull();
    found.push(...page.items.map((row) => names[row.conversationId] ?? row.conversationId));
    cursor = page.nextCursor;
  } while (cursor);
  // The first page says how long the whole list is.
  expect(total).toBe(found.length);
  return found;
}

describe("dashboard metrics on a hand-computed fixture", () => {
  it("counts each rate's numerator and denominator exactly", async () => {
    const m = await metricsOf();
    // Ten conversations in the window: C8 (00:30 on 1 July in London) and C11 (23:30 on 14 July)
    // are inside; C9 (23:30 on 30 June) and C12 (00:30 on 15 July) are not.
    expect(m.conversations.current).toMatchObject({ numerator: 10, denominator: 10 });
    expect(m.conversion.current).toMatchObject({ numerator: 6, denominator: 7 });
    // Complete: C1, C3 (consent confirmed, reassigned), C6. C10 was withdrawn, C11 has no consent.
    expect(m.complete_handoff.current).toMatchObject({ numerator: 3, denominator: 7 });
    // Complete handoffs plus documented exceptions (C2, C4, C10); only C11 is neither.
    expect(m.pilot_coverage.current).toMatchObject({ numerator: 6, denominator: 7 });
    // Spam (C7) is left out; C2, C4 and C8 ended with a question.
    expect(m.unresolved.current).toMatchObject({ numerator: 3, denominator: 9 });
    // Six handoffs; C3 was reassigned twice and counts once.
    expect(m.wrong_owner.current).toMatchObject({ numerator: 1, denominator: 6 });
    expect(m.exception_rate.current).toMatchObject({ numerator: 7, denominator: 10 });
    // Live handoffs with an owner: C1, C3, C5, C6, C11 (C10 was withdrawn). Breached: C5 (marked by
    // the SLA clock), C3 (answered after its due time) and C11 (still waiting, long past due).
    expect(m.sla_breach.current).toMatchObject({ numerator: 3, denominator: 5 });
    expect(m.review_time.current).toMatchObject({ numerator: 3, denominator: 7 });
  });

  it("gives response times as median and p90, in calendar time and in business hours", async () => {
    const m = await metricsOf();
    // Responses: C1 1 h; C3 Fri 16:00 -> Mon 09:30 (65.5 h; 1.5 business hours); C6 before the handoff: 0.
    expect(m.response_time.current).toMatchObject({ numerator: 3, denominator: 5 });
    expect(m.response_time.current.median).toBe(3_600);
    // percentile_cont(0.9) over [0, 3600, 235800]: 3600 + 0.8 × (235800 − 3600).
    expect(m.response_time.current.p90).toBeCloseTo(189_360, 6);
    expect(m.response_time.current.businessMedian).toBe(3_600);
    expect(m.response_time.current.businessP90).toBeCloseTo(5_040, 6);
    const stored = await getDb().handoff.findUniqueOrThrow({ where: { id: ids["C6.handoff"]! } });
    expect(stored).toMatchObject({ responseSeconds: 0, responseBusinessSeconds: 0 });
    // Review: C7 10 min, C6 30 min, C3 2 h.
    expect(m.review_time.current.median).toBe(1_800);
    expect(m.review_time.current.p90).toBeCloseTo(6_120, 6);
  });

  it("compares with the previous period of the same length", async () => {
    const overview = await manager.dashboards.overview(filters());
    expect(overview.window).toMatchObject({
      from: "2026-07-01",
      to: "2026-07-14",
      days: 14,
      timeZone: "Europe/London",
      previous: { from: "2026-06-17", to: "2026-06-30" },
    });
    const m = await metricsOf();
    expect(m.complete_handoff.previous).toMatchObject({ numerator: 1, denominator: 1, rate: 1 });
    expect(m.complete_handoff.change).toBeCloseTo(3 / 7 - 1, 9);
    expect(m.response_time.previous.median).toBe(600);
    expect(m.response_time.change).toBe(3_000);
    expect(m.conversations.change).toBe(9);
    expect(overview.pilot).toMatchObject({ threshold: 0.8, verdict: "met" });
    expect(overview.pilot.coverage).toBeCloseTo(6 / 7, 9);
  });

  it("shows no data as no data: null rates, no medians, no verdict", async () => {
    const overview = await manager.dashboards.overview({ from: "2025-01-01", to: "2025-01-14", sourceId });
    for (const headline of overview.headlines) {
      expect(headline.current.denominator).toBe(0);
      expect(headline.current.rate).toBeNull();
      expect(headline.change).toBe(headline.metric === "conversations" ? 0 : null);
    }
    const response = overview.headlines.find((h) => h.metric === "response_time")!;
    expect(response.current.median).toBeNull();
    expect(overview.pilot.verdict).toBe("no_data");
  });

  it("buckets by local day and by week, zeros included", async () => {
    const daily = await manager.dashboards.trend({ ...filters(), granularity: "day" });
    expect(daily.points).toHaveLength(14);
    const day = (d: string) => daily.points.find((p) => p.bucket === d)!.metrics.conversations.numerator;
    expect(day("2026-07-01")).toBe(2); // C1, C8
    expect(day("2026-07-02")).toBe(1); // C2 (C5 is the 3rd in London)
    expect(day("2026-07-03")).toBe(2); // C3, C5
    expect(day("2026-07-04")).toBe(0);
    expect(day("2026-07-14")).toBe(1); // C11
    const weekly = await manager.dashboards.trend({ ...filters(), granularity: "week" });
    expect(weekly.points.map((p) => [p.bucket, p.metrics.conversations.numerator])).toEqual([
      ["2026-06-29", 6],
      ["2026-07-06", 3],
      ["2026-07-13", 1],
    ]);
  });

  it("breaks down by page, owner, rule and reason", async () => {
    const pages = await manager.dashboards.breakdown({ ...filters(), dimension: "page" });
    const page = (key: string) => pages.rows.find((r) => r.key === key)!.metrics.exception_rate;
    expect(page("/pricing")).toMatchObject({ numerator: 2, denominator: 3 });
    expect(page("/blog/x")).toMatchObject({ numerator: 3, denominator: 4 });
    expect(page("/contact")).toMatchObject({ numerator: 2, denominator: 2 });
    expect(page(NONE_KEY)).toMatchObject({ numerator: 0, denominator: 1 });
    expect(pages.rows.find((r) => r.key === NONE_KEY)!.label).toBe("(no page)");

    const owners = await manager.dashboards.breakdown({ ...filters(), dimension: "owner" });
    expect(owners.rows.map((r) => [r.label, r.metrics.conversations.numerator]).sort()).toEqual(
      [
        ["(no owner)", 4],
        ["Ada Owner", 3],
        ["Ben Owner", 3],
      ].sort(),
    );

    const rules = await manager.dashboards.breakdown({ ...filters(), dimension: "rule" });
    const rule = (key: string) => rules.rows.find((r) => r.key === key)!.metrics.wrong_owner;
    expect(rule("sales")).toMatchObject({ numerator: 1, denominator: 5 });
    expect(rule("support")).toMatchObject({ numerator: 0, denominator: 1 });

    const reasons = await manager.dashboards.breakdown({ ...filters(), dimension: "reason" });
    const reason = (key: string) => reasons.rows.find((r) => r.key === key)!.metrics.exception_rate;
    // Out of all ten conversations, whatever their reasons.
    expect(reason("high_value")).toMatchObject({ numerator: 2, denominator: 10 });
    expect(reason("spam_suspect")).toMatchObject({ numerator: 1, denominator: 10 });
  });

  it("filters by team and page", async () => {
    const support = await manager.dashboards.overview({ ...filters(), teamId: supportTeam });
    expect(support.headlines.find((h) => h.metric === "conversations")!.current.numerator).toBe(1);
    const pricing = await manager.dashboards.overview({ ...filters(), page: "/pricing" });
    expect(pricing.headlines.find((h) => h.metric === "conversations")!.current.numerator).toBe(3);
  });
});

describe("drill-down: the conversations behind each number", () => {
  it("lists exactly the numerator's and the denominator's conversations, newest first", async () => {
    expect(await listAll({ metric: "complete_handoff" })).toEqual(["C6", "C3", "C1"]);
    expect((await listAll({ metric: "complete_handoff", part: "denominator" })).sort()).toEqual(
      ["C1", "C2", "C3", "C4", "C6", "C10", "C11"].sort(),
    );
    expect(await listAll({ metric: "wrong_owner" })).toEqual(["C3"]);
    expect(await listAll({ metric: "sla_breach" })).toEqual(["C11", "C3", "C5"]);
  });

  it("pages with a cursor without repeating or skipping", async () => {
    const paged = await listAll({ metric: "conversations" }, 3);
    expect(paged).toHaveLength(10);
    expect(new Set(paged).size).toBe(10);
    expect(paged).toEqual(await listAll({ metric: "conversations" }, 50));
  });

  it("drills into a trend point and a breakdown row, the reason's denominator being every conversation", async () => {
    expect((await listAll({ metric: "conversations", bucket: "2026-07-03" })).sort()).toEqual(["C3", "C5"]);
    expect(await listAll({ metric: "exception_rate", dimension: "page", key: "/pricing" })).toEqual(["C6", "C2"]);
    expect(await listAll({ metric: "exception_rate", dimension: "reason", key: "high_value" })).toEqual(["C6", "C2"]);
    expect(
      await listAll({ metric: "exception_rate", dimension: "reason", key: "high_value", part: "denominator" }),
    ).toHaveLength(10);
    expect(await listAll({ metric: "conversations", dimension: "page", key: NONE_KEY })).toEqual(["C5"]);
  });

  it("says where each conversation opens: its case, or else its handoff", async () => {
    const page = await manager.dashboards.drilldown({
      slice: { ...filters(), teamId: supportTeam, metric: "sla_breach" } as never,
      limit: 10,
    });
    expect(page.items[0]).toMatchObject({ href: `/inbox/${ids["C5.handoff"]}`, outcome: "handoff", breached: true });
    const cases = await manager.dashboards.drilldown({
      slice: { ...filters(), metric: "wrong_owner" } as never,
      limit: 10,
    });
    expect(cases.items[0]).toMatchObject({ href: `/cases/${ids["C3.case"]}`, reassigned: true, owner: "Ben Owner" });
    expect(cases.title).toBe("Wrong-owner rate · reassigned handoffs");
    const byReason = await manager.dashboards.drilldown({
      slice: { ...filters(), metric: "exception_rate", dimension: "reason", key: "high_value" } as never,
      limit: 10,
    });
    expect(byReason.title).toBe("Exception rate · chats with an exception · Exception reason: High value");
  });
});

describe("CSV export", () => {
  it("writes one masked row per conversation behind the view", async () => {
    const slice = ZDrilldownSlice.parse({ ...filters(), metric: "complete_handoff" });
    const lines = [csvLine(EXPORT_COLUMNS)];
    for await (const row of exportRows(getDb(), slice, "https://desk.example")) lines.push(csvLine(row));
    const csv = lines.join("");
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^conversation_id,received_at,source,/);
    // Emails and phone numbers are masked everywhere, as the case view shows them before a reveal.
    expect(csv).not.toContain("c1@acme.example");
    expect(csv).not.toContain("ada.lovelace@mail.example");
    expect(csv).not.toContain("sam@mail.example");
    expect(csv).not.toContain("7700 900123");
    expect(csv).toContain(`https://desk.example/cases/${ids["C3.case"]}`);
    // A visitor's words never run as a spreadsheet formula.
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
  });
});

describe("the pilot report", () => {
  it("covers 14 days with the verdict and the pages, topics and reasons with most exceptions", async () => {
    const report = await manager.dashboards.pilotReport({ from: "2026-07-01", sourceId });
    expect(report.window).toMatchObject({ from: "2026-07-01", to: "2026-07-14", days: 14 });
    expect(report.pilot.verdict).toBe("met");
    expect(report.topPages.map((p) => [p.key, p.exceptions, p.conversations])).toEqual([
      ["/blog/x", 3, 4],
      ["/contact", 2, 2],
      ["/pricing", 2, 3],
    ]);
    expect(report.topReasons[0]).toMatchObject({ key: "high_value", label: "High value", exceptions: 2 });
    await expect(manager.dashboards.pilotReport({ from: "2026-02-31" })).rejects.toThrow(/from is not a real date/);
  });
});

describe("what ingest records for the dashboards", () => {
  it("writes the facts the metrics read beside the brief", async () => {
    await ensureRoutingTeams(1);
    const issued = await createSource(getDb(), null, { name: `dash-ingest-${randomUUID().slice(0, 8)}`, kind: "api" });
    const source = (await authenticateSourceKey(getDb(), issued.apiKey))!;
    const now = new Date("2026-07-20T10:00:00Z");
    const outcome = await ingestConversation(
      getDb(),
      source,
      {
        externalId: `dash-ingest-${randomUUID().slice(0, 8)}`,
        pageUrl: "https://acme.example/services/audit/?utm_campaign=spring-promo&utm_source=google",
        messages: [
          { role: "visitor", text: "Hi, we'd like a quote for a website accessibility audit for our shop." },
          { role: "bot", text: "Happy to help. Can I take your name and email so the team can follow up?" },
          { role: "visitor", text: "Sam Reed, sam.reed@shop.example. Yes, you can contact me about this." },
        ],
      },
      { now },
    );
    const row = await getDb().conversation.findUniqueOrThrow({
      where: { id: outcome.conversationId },
      select: {
        intent: true,
        pagePath: true,
        campaign: true,
        hasContact: true,
        consentStatus: true,
        needStated: true,
        unresolved: true,
        receivedAt: true,
        brief: true,
      },
    });
    const brief = row.brief as { intent: { value: string }; consent: { status: string } };
    expect(row).toMatchObject({
      intent: brief.intent.value,
      pagePath: "/services/audit",
      campaign: "spring-promo",
      hasContact: true,
      consentStatus: brief.consent.status,
      needStated: true,
      // The ingest clock, not the database's, so a test (or a replay) dates it as it says.
      receivedAt: now,
    });
  });
});

describe("conversation_facts", () => {
  it("matches the records it is made from, for every conversation in the database", async () => {
    // Every test file's conversations are here too: ingested, reviewed, answered, merged, erased.
    const [row] = await getDb().$queryRawUnsafe<{ total: number; differing: number }[]>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE f.conversation_id IS NULL
          OR (f.received_at, f.source_id, f.page_path, f.campaign, f.topic, f.intent, f.lead_id, f.has_contact,
              f.consent_status, f.need_stated, f.unresolved)
             IS DISTINCT FROM (c.received_at, c.source_id, c.page_path, c.campaign, c.topic, c.intent, c.lead_id,
              c.has_contact, c.consent_status, c.need_stated, c.unresolved)
          OR (f.h_id, f.h_status, f.h_owner, f.h_team, f.h_rule, f.response_seconds, f.response_business_seconds,
              f.responded_at, f.due_at, f.breached_at)
             IS DISTINCT FROM (h.id, h.status, h.owner_id, h.team_id, h.rule_id, h.response_seconds,
              h.response_business_seconds, h.responded_at, h.due_at, h.breached_at)
          OR (f.e_id, f.e_status, f.reasons, f.resolved_by_id, f.resolved_at, f.e_created, f.e_team, f.e_rule)
             IS DISTINCT FROM (e.id, e.status, e.reasons, e.resolved_by_id, e.resolved_at, e.created_at,
              e.suggested_team_id, e.rule_id)
          OR f.reassigned IS DISTINCT FROM EXISTS (SELECT 1 FROM events v
              WHERE v.conversation_id = c.id AND v.type = 'handoff.reassigned'))::int AS differing
         FROM conversations c
         LEFT JOIN handoffs h ON h.conversation_id = c.id
         LEFT JOIN exception_cases e ON e.conversation_id = c.id
         LEFT JOIN conversation_facts f ON f.conversation_id = c.id`,
    );
    expect(row!.total).toBeGreaterThanOrEqual(12);
    expect(row!.differing).toBe(0);
    const [orphans] = await getDb().$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM conversation_facts f
        WHERE NOT EXISTS (SELECT 1 FROM conversations c WHERE c.id = f.conversation_id)`,
    );
    expect(orphans!.n).toBe(0);
  });

  it("follows a handoff's and a case's changes and goes with the conversation", async () => {
    const db = getDb();
    const id = ids["C11"]!;
    const handoffId = ids["C11.handoff"]!;
    await db.handoff.update({ where: { id: handoffId }, data: { teamId: supportTeam } });
    expect(await db.conversationFact.findUniqueOrThrow({ where: { conversationId: id } })).toMatchObject({
      handoffTeamId: supportTeam,
    });
    await db.event.create({ data: { type: "handoff.reassigned", conversationId: id } });
    expect(await db.conversationFact.findUniqueOrThrow({ where: { conversationId: id } })).toMatchObject({
      reassigned: true,
    });
    await db.handoff.update({ where: { id: handoffId }, data: { teamId: salesTeam } });
    const c12 = ids["C12"]!;
    await db.handoff.delete({ where: { id: ids["C12.handoff"]! } });
    expect(await db.conversationFact.findUniqueOrThrow({ where: { conversationId: c12 } })).toMatchObject({
      handoffId: null,
      handoffOwnerId: null,
    });
    await db.conversation.delete({ where: { id: c12 } });
    expect(await db.conversationFact.findUnique({ where: { conversationId: c12 } })).toBeNull();
  });
});

describe("who may read the dashboards", () => {
  it("refuses owners and reviewers on the server, and tells a bad filter which field is wrong", async () => {
    const owner = await callerFor(await createTestUser("owner"));
    const reviewer = await callerFor(await createTestUser("reviewer"));
    await expect(owner.dashboards.overview(filters())).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      reviewer.dashboards.drilldown({ slice: { ...filters(), metric: "conversations" } as never }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(manager.dashboards.overview({ ...filters(), from: "2026-02-30" })).rejects.toThrow(/from/);
    await expect(manager.dashboards.overview({ ...filters(), to: "2026-06-01" })).rejects.toThrow(
      /to: must be on or after from/,
    );
    const admin = await callerFor(await createTestUser("admin"));
    await expect(admin.dashboards.overview(filters())).resolves.toMatchObject({ window: { days: 14 } });
  });
});
