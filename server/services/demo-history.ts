import { DEMO_ACCOUNTS, DEMO_SOURCE } from "../auth/demo-accounts";
import { userPermissions } from "../auth/permissions";
import type { Db } from "../db/client";
import type { BusinessHours } from "../domain/routing/rules";
import { recordHandoffResponse } from "./inbox/respond";
import { ingestConversation } from "./ingest/ingest-conversation";
import { loadRoutingConfig } from "./ingest/routing-config";
import { approveCase, markSpam, reassignCase } from "./review/case-actions";
import { claimCase, type Viewer } from "./review/claims";

// Demo mode only: eight weeks of earlier chats, so the dashboards have trends, breakdowns and a
// previous period to compare with. Each goes through the real pipeline at its own time (ingest's
// `now`); the demo reviewer decides most cases through the real case actions, and owners answer
// most handoffs after a realistic delay through the service that records real responses (audit
// entries are dated when the demo was seeded). A fixed seed makes every demo the same. Posted
// once: the ids are fixed.

const DAYS = 56;
const CONSENT_Q = "Is it OK for someone from our team to contact you about this by email or phone?";

type Line = [role: "visitor" | "bot", text: string];

interface Template {
  weight: number;
  path: string;
  campaign?: string;
  lines: (who: { name: string; email: string; phone: string }) => Line[];
}

const TEMPLATES: readonly Template[] = [
  {
    weight: 5,
    path: "/services/flat-roofs",
    campaign: "spring-roofs",
    lines: (v) => [
      ["visitor", "Hi, our garage flat roof leaks when it rains. Could someone come and look at replacing it?"],
      ["bot", "Thanks! Could you tell me your name and the best email to reach you?"],
      ["visitor", `${v.name}, ${v.email}`],
      ["bot", CONSENT_Q],
      ["visitor", "Yes, email is fine."],
    ],
  },
  {
    weight: 3,
    path: "/services/skylights",
    lines: (v) => [
      ["visitor", "We'd like two skylights fitted in our loft conversion. Can your team arrange a survey?"],
      ["bot", "Of course. What's your name and phone number?"],
      ["visitor", `${v.name}, ${v.phone}`],
      ["bot", CONSENT_Q],
      ["visitor", "Yes please, call me."],
      ["visitor", "Do you also handle the building regulations sign-off?"],
    ],
  },
  {
    weight: 3,
    path: "/pricing",
    campaign: "winter-offers",
    lines: (v) => [
      ["visitor", "How much would it cost to re-tile a three bedroom semi? I need a price today."],
      ["bot", "I can't quote a price here, but a specialist can. What's your name and email?"],
      ["visitor", `${v.name}, ${v.email}`],
      ["bot", CONSENT_Q],
      ["visitor", "ok"],
    ],
  },
  {
    weight: 3,
    path: "/account/billing",
    lines: (v) => [
      ["visitor", "My last invoice shows the wrong address. Can you send a corrected one?"],
      ["bot", "Sorry about that. What is your name and email, so our support team can look it up?"],
      ["visitor", `${v.name}, ${v.email}`],
      ["bot", CONSENT_Q],
      ["visitor", "Yes please, email me."],
    ],
  },
  {
    weight: 2,
    path: "/services/skylights",
    lines: () => [
      ["visitor", "We're thinking about a skylight for the landing next year."],
      ["bot", CONSENT_Q],
      ["visitor", "Hmm, maybe. Let me think about it first."],
    ],
  },
  {
    weight: 2,
    path: "/",
    lines: () => [
      ["visitor", "hello, help with something"],
      ["bot", "Happy to help! What are you looking for today?"],
      ["visitor", "not sure really, just browsing"],
    ],
  },
  {
    weight: 1,
    path: "/contact",
    lines: () => [
      ["visitor", "We offer guaranteed first page Google rankings and cheap backlinks. Reply for a free SEO audit!"],
    ],
  },
];

const FIRST = ["Alex", "Sam", "Jordan", "Chris", "Priya", "Tom", "Ana", "Lee", "Maya", "Omar", "Ruth", "Ivan"];
const LAST = ["Reed", "Patel", "Nowak", "Okafor", "Silva", "Berg", "Costa", "Wong", "Hughes", "Khan", "Evans", "Ruiz"];

/** A small deterministic generator (mulberry32): the same demo every time. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T extends { weight: number }>(items: readonly T[], r: number): T {
  let left = r * items.reduce((sum, item) => sum + item.weight, 0);
  for (const item of items) {
    left -= item.weight;
    if (left < 0) return item;
  }
  return items[items.length - 1]!;
}

type Random = () => number;

/** The owner answers after minutes, sometimes hours (a long tail past the SLA), or not yet. */
async function answer(db: Db, hours: BusinessHours, handoffId: string, from: Date, now: Date, next: Random) {
  if (next() >= 0.9) return;
  const respondedAt = new Date(from.getTime() + (3 + next() ** 6 * 1_200) * 60_000);
  if (respondedAt >= now) return;
  await db.$transaction((tx) =>
    recordHandoffResponse(tx, { handoffId, via: "marked", now: respondedAt, hours, strict: false }),
  );
}

/**
 * The reviewer's decision, minutes to hours after the case was raised: spam is marked spam, most
 * others approved (consent confirmed from the transcript), some given to another owner; refused
 * consent, and recent cases, stay in the queue.
 */
async function decide(
  db: Db,
  reviewer: Viewer,
  outcome: { caseId: string; reasons: string[] },
  raisedAt: Date,
  context: { day: number; owners: string[]; now: Date; next: Random },
): Promise<{ handoffId: string; at: Date } | null> {
  const { next } = context;
  if (next() < (context.day <= 2 ? 0.7 : 0.12) || outcome.reasons.includes("consent_refused")) return null;
  if (outcome.reasons.includes("missing_contact") && !outcome.reasons.includes("spam_suspect") && next() < 0.7)
    return null;
  const at = new Date(raisedAt.getTime() + (10 + next() ** 3 * 600) * 60_000);
  if (at >= context.now) return null;
  const { version } = await claimCase(db, reviewer, { caseId: outcome.caseId });
  const ref = { caseId: outcome.caseId, version };
  if (outcome.reasons.includes("spam_suspect")) {
    await markSpam(db, reviewer, ref, at);
    return null;
  }
  const { suggestedOwnerId } = await db.exceptionCase.findUniqueOrThrow({
    where: { id: outcome.caseId },
    select: { suggestedOwnerId: true },
  });
  const suggested = suggestedOwnerId ?? context.owners[0]!;
  const other = context.owners.find((id) => id !== suggested);
  const result =
    other && next() < 0.15
      ? await reassignCase(
          db,
          reviewer,
          { ...ref, ownerId: other, consentConfirmed: true, reason: "Covers this area this month" },
          at,
        )
      : await approveCase(db, reviewer, { ...ref, ownerId: suggested, consentConfirmed: true }, at);
  return { handoffId: result.handoffId, at };
}

/** Posts the history (demo mode only; the caller checks). Returns how many chats it added. */
export async function seedDemoHistory(db: Db, now = new Date()): Promise<number> {
  const source = await db.source.findUnique({
    where: { name: DEMO_SOURCE.name },
    select: { id: true, name: true, kind: true, signingSecret: true, rateLimitPerMinute: true },
  });
  if (!source) throw new Error("seed the demo source before the demo history");
  if (await db.conversation.findFirst({ where: { sourceId: source.id, externalId: { startsWith: "history-" } } }))
    return 0;
  const reviewerEmail = DEMO_ACCOUNTS.find((a) => a.role === "reviewer")!.email;
  const reviewerRow = await db.user.findUniqueOrThrow({
    where: { email: reviewerEmail },
    select: { id: true, name: true, role: true, canRevealSensitive: true },
  });
  const reviewer: Viewer = {
    id: reviewerRow.id,
    name: reviewerRow.name,
    permissions: userPermissions(reviewerRow.role, { canRevealSensitive: reviewerRow.canRevealSensitive }),
  };
  const owners = (
    await db.user.findMany({ where: { role: "owner", active: true }, select: { id: true }, orderBy: { email: "asc" } })
  ).map((u) => u.id);
  const { config } = await loadRoutingConfig(db);
  const next = random(20261207);
  let created = 0;
  for (let day = DAYS; day >= 1; day--) {
    // Busier on weekdays, and a little busier lately.
    const date = new Date(now.getTime() - day * 86_400_000);
    const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
    const count = (weekend ? 1 : 2) + Math.floor(next() * 3) + (day <= 21 ? 1 : 0);
    for (let i = 0; i < count; i++) {
      const template = pick(TEMPLATES, next());
      const first = FIRST[Math.floor(next() * FIRST.length)]!;
      const last = LAST[Math.floor(next() * LAST.length)]!;
      const n = `${day}-${i}`;
      const who = {
        name: `${first} ${last}`,
        email: `${first}.${last}.${n}@example.org`.toLowerCase(),
        phone: `07700 9${String(Math.floor(next() * 100_000)).padStart(5, "0")}`,
      };
      const midnight = date.getTime() - (date.getTime() % 86_400_000);
      const at = new Date(midnight + (8 + next() * 10) * 3_600_000);
      const lines = template.lines(who);
      const received = new Date(at.getTime() + lines.length * 40_000);
      const outcome = await ingestConversation(
        db,
        source,
        {
          externalId: `history-${n}`,
          pageUrl: `https://www.example-roofing.test${template.path}`,
          ...(template.campaign ? { utm: { source: "google", campaign: template.campaign } } : {}),
          messages: lines.map(([role, text], k) => ({
            role,
            text,
            at: new Date(at.getTime() + k * 40_000).toISOString(),
          })),
          locale: "en-GB",
        },
        { now: received },
      );
      if (outcome.created) created += 1;
      let handoff =
        outcome.outcome === "handoff" && outcome.handoffId ? { handoffId: outcome.handoffId, at: received } : null;
      if (outcome.outcome === "case" && outcome.caseId) {
        handoff = await decide(db, reviewer, { caseId: outcome.caseId, reasons: outcome.reasons }, received, {
          day,
          owners,
          now,
          next,
        });
      }
      if (handoff) await answer(db, config.businessHours, handoff.handoffId, handoff.at, now, next);
    }
  }
  return created;
}
