import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client";
import { sqlQuery } from "../../server/db/sql";
import { ingestConversation } from "../../server/services/ingest/ingest-conversation";
import type { QueueListInput } from "../../server/services/review/queue-input";
import { authenticateSourceKey, createSource, type AuthenticatedSource } from "../../server/services/sources";
import { ensureRoutingTeams } from "../support/teams";
import { callerFor, createTestUser } from "../support/users";

// The review queue on the run's database, with cases made by the real ingest pipeline. The run's
// database is shared with other files, so every query here is narrowed to this file's source.

type Caller = Awaited<ReturnType<typeof callerFor>>;

let source: AuthenticatedSource;
let otherSource: AuthenticatedSource;
let reviewer: Caller;
let reviewerId: string;
let otherReviewerId: string;
const ids = {} as Record<Key, string>;

const visitor = (text: string) => ({ role: "visitor" as const, text });

const CHATS = {
  dana: {
    pageUrl: "https://roof.example/pricing?utm_source=google",
    messages: [
      visitor(
        "Hi, how much would a new flat roof cost for our garage? I'm Dana Ruiz, dana.ruiz@roof-test.example. Yes you can email me.",
      ),
    ],
  },
  invoice: {
    pageUrl: "https://roof.example/billing/invoices",
    messages: [visitor("My last invoice shows the wrong VAT number, can you fix it?")],
  },
  priya: {
    pageUrl: "https://law.example/contact",
    messages: [
      visitor(
        "My landlord is keeping my deposit. I'm Priya Shah, you can email priya@shah-test.example about it. Can your lawyer tell me if that's legal?",
      ),
    ],
  },
  sam: {
    pageUrl: "https://roof.example/emergency",
    messages: [
      visitor(
        "Emergency! A pipe burst and water is pouring through the ceiling right now. I'm Sam Patel, call 07700 900123",
      ),
    ],
  },
  vague: { pageUrl: "https://roof.example/services/flat-roofs", messages: [visitor("hi")] },
  lee: {
    pageUrl: "https://roof.example/services/flat-roofs/",
    messages: [
      visitor(
        "We need a new website for our 300 person company with a budget of 80000. I'm Lee Wong, lee@wong-test.example, please email me.",
      ),
    ],
  },
  jo: {
    pageUrl: "https://roof.example/quote",
    messages: [visitor("Hi, we'd like a new flat roof on our garage, about 20 square metres.")],
  },
} as const;

type Key = keyof typeof CHATS;

async function ingest(
  key: Key,
  from: AuthenticatedSource = source,
  extra: { role: "visitor" | "bot"; text: string }[] = [],
) {
  const chat = CHATS[key];
  const outcome = await ingestConversation(getDb(), from, {
    externalId: `queue-${key}-${from.id}`,
    pageUrl: chat.pageUrl,
    messages: [...chat.messages, ...extra],
  });
  return outcome;
}

/** The listed case ids, for this file's source. */
async function list(input: Partial<QueueListInput> = {}, caller: Caller = reviewer) {
  return caller.queue.list({ sourceId: source.id, ...input });
}

async function listIds(input: Partial<QueueListInput> = {}) {
  return (await list(input)).items.map((item) => item.caseId);
}

/** Every page, following the cursors. */
async function allPages(input: Partial<QueueListInput>) {
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await list({ ...input, cursor });
    seen.push(...page.items.map((item) => item.caseId));
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 100);
  return seen;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

const sameSet = (a: string[], b: string[]) => expect([...a].sort()).toEqual([...b].sort());

beforeAll(async () => {
  await ensureRoutingTeams();
  const db = getDb();
  const issue = async (name: string) =>
    (await authenticateSourceKey(db, (await createSource(db, null, { name, kind: "api" })).apiKey))!;
  source = await issue(`queue-${randomUUID().slice(0, 8)}`);
  otherSource = await issue(`queue-other-${randomUUID().slice(0, 8)}`);
  const me = await createTestUser("reviewer", { name: "Quinn Queue" });
  const other = await createTestUser("reviewer", { name: "Rae Other" });
  reviewerId = me.id;
  otherReviewerId = other.id;
  reviewer = await callerFor(me);
  // One at a time: created_at follows the order, which the sort tests rely on.
  for (const key of Object.keys(CHATS) as Key[]) {
    const outcome = await ingest(key);
    expect(outcome.outcome, key).toBe("case");
    ids[key] = outcome.caseId!;
  }
  await ingest("dana", otherSource);
  // Jo gives contact details and consent: the case is resolved by the update (handed off).
  const jo = await ingest("jo", source, [
    { role: "bot", text: "Happy to help. Could our surveyor email you to arrange a visit?" },
    { role: "visitor", text: "Yes please, email me at jo@okafor-test.example. I'm Jo Okafor." },
  ]);
  expect(jo.outcome, JSON.stringify(jo.reasons)).toBe("handoff");
});

const OPEN: Key[] = ["dana", "invoice", "priya", "sam", "vague", "lee"];

describe("queue.list", () => {
  it("shows each case with its reasons, visitor, need, page, topic, SLA and owner, masking contact data", async () => {
    const page = await list({ tab: "open" });
    sameSet(
      page.items.map((i) => i.caseId),
      OPEN.map((k) => ids[k]),
    );
    const dana = page.items.find((i) => i.caseId === ids.dana)!;
    expect(dana).toMatchObject({
      reasons: ["pricing_request"],
      visitorName: "Dana Ruiz",
      statedNeed: "Hi, how much would a new flat roof cost for our garage?",
      pageUrl: "https://roof.example/pricing?utm_source=google",
      topic: "pricing",
      topicLabel: "Pricing and plans",
      priority: "normal",
      status: "open",
      claimedBy: null,
      escalated: false,
      source: { id: source.id },
    });
    expect(dana.suggestedOwner?.name).toMatch(/^Sales owner/);
    expect(dana.dueAt!.getTime() - dana.createdAt.getTime()).toBeGreaterThan(50 * 60_000);
    const invoice = page.items.find((i) => i.caseId === ids.invoice)!;
    expect(invoice.visitorName).toBeNull();
    expect(invoice.reasons).toEqual(["missing_contact", "unclear_consent"]);
    // No email or phone number anywhere in a row.
    expect(JSON.stringify(page.items)).not.toMatch(/dana\.ruiz@|priya@|900123/);
  });

  it("shows a stated need with its card number, password, email and phone masked", async () => {
    const db = getDb();
    const own = (await authenticateSourceKey(
      db,
      (await createSource(db, null, { name: `queue-mask-${randomUUID().slice(0, 8)}`, kind: "api" })).apiKey,
    ))!;
    await ingestConversation(db, own, {
      externalId: `queue-mask-${randomUUID()}`,
      messages: [
        visitor(
          "I need a refund to my card 4111 1111 1111 1111 for the broken kettle, text 07700 900456 or mail kim@mask-test.example, my password is hunter22",
        ),
      ],
    });
    const [row] = (await reviewer.queue.list({ sourceId: own.id })).items;
    expect(row!.statedNeed).toContain("[card number]");
    const shown = JSON.stringify(row);
    for (const secret of ["4111", "hunter22", "900456", "kim@mask-test.example"]) expect(shown).not.toContain(secret);
    // Nor can a search confirm a guessed secret: they are not indexed. The words around them are.
    for (const q of ["hunter22", "4111"])
      expect((await reviewer.queue.list({ sourceId: own.id, q })).items).toHaveLength(0);
    expect((await reviewer.queue.list({ sourceId: own.id, q: "kettle" })).items).toHaveLength(1);
  });

  it("splits the tabs by claim: unclaimed, mine, all open, resolved; a lapsed claim is unclaimed again", async () => {
    const now = Date.now();
    await sqlQuery(
      `UPDATE exception_cases SET claimed_by_id = $1::uuid, claimed_at = $2::timestamptz, claim_active_at = $2::timestamptz
        WHERE id = $3::uuid`,
      [reviewerId, new Date(now - 60_000).toISOString(), ids.priya],
    );
    await sqlQuery(
      `UPDATE exception_cases SET claimed_by_id = $1::uuid, claimed_at = $2::timestamptz, claim_active_at = $2::timestamptz
        WHERE id = $3::uuid`,
      [otherReviewerId, new Date(now - 5 * 60_000).toISOString(), ids.sam],
    );
    // Claimed 16 minutes ago and left: lapsed.
    await sqlQuery(
      `UPDATE exception_cases SET claimed_by_id = $1::uuid, claimed_at = $2::timestamptz, claim_active_at = $2::timestamptz
        WHERE id = $3::uuid`,
      [reviewerId, new Date(now - 16 * 60_000).toISOString(), ids.lee],
    );
    try {
      sameSet(
        await listIds({ tab: "unclaimed" }),
        (["dana", "invoice", "vague", "lee"] as Key[]).map((k) => ids[k]),
      );
      expect(await listIds({ tab: "mine" })).toEqual([ids.priya]);
      sameSet(
        await listIds({ tab: "open" }),
        OPEN.map((k) => ids[k]),
      );
      const resolved = (await list({ tab: "resolved" })).items;
      expect(resolved.map((i) => i.caseId)).toEqual([ids.jo]);
      expect(resolved[0]).toMatchObject({ status: "resolved", resolution: "handed_off_after_update" });
      expect((await list({ tab: "all" })).items).toHaveLength(7);

      const open = (await list({ tab: "open" })).items;
      expect(open.find((i) => i.caseId === ids.priya)!.claimedBy).toEqual({ id: reviewerId, name: "Quinn Queue" });
      expect(open.find((i) => i.caseId === ids.sam)!.claimedBy).toEqual({ id: otherReviewerId, name: "Rae Other" });
      expect(open.find((i) => i.caseId === ids.lee)!.claimedBy).toBeNull();

      expect(await reviewer.queue.counts({ sourceId: source.id })).toEqual({
        unclaimed: 4,
        mine: 1,
        open: 6,
        resolved: 1,
      });
      // Another reviewer's "mine" is theirs.
      const other = await callerFor({ id: otherReviewerId });
      expect((await other.queue.list({ sourceId: source.id, tab: "mine" })).items.map((i) => i.caseId)).toEqual([
        ids.sam,
      ]);
    } finally {
      await sqlQuery(
        `UPDATE exception_cases SET claimed_by_id = NULL, claimed_at = NULL, claim_active_at = NULL
          WHERE id = ANY($1::uuid[])`,
        [[ids.priya, ids.sam, ids.lee]],
      );
    }
  });

  it("filters by reason, topic, page, suggested owner, source and creation date", async () => {
    expect(await listIds({ tab: "open", reason: "pricing_request" })).toEqual([ids.dana]);
    sameSet(await listIds({ tab: "open", reason: "unclear_consent" }), [ids.invoice, ids.priya, ids.sam, ids.vague]);
    expect(await listIds({ tab: "open", topic: "legal" })).toEqual([ids.priya]);
    expect(await listIds({ tab: "open", reason: "emergency", topic: "emergency" })).toEqual([ids.sam]);
    expect(await listIds({ tab: "open", reason: "emergency", topic: "legal" })).toEqual([]);
    // A URL is a prefix; a path is matched exactly, with or without a trailing slash.
    sameSet(await listIds({ tab: "open", page: "https://roof.example/services/" }), [ids.vague, ids.lee]);
    expect(await listIds({ tab: "open", page: "https://law.example" })).toEqual([ids.priya]);
    expect(await listIds({ tab: "open", page: "/billing/invoices" })).toEqual([ids.invoice]);
    sameSet(await listIds({ tab: "open", page: "/services/flat-roofs" }), [ids.vague, ids.lee]);
    expect(await listIds({ tab: "open", page: "/services" })).toEqual([]);
    expect(await listIds({ tab: "open", page: "/pricing" })).toEqual([ids.dana]);

    const dana = (await list({ tab: "open" })).items.find((i) => i.caseId === ids.dana)!;
    const ownerId = dana.suggestedOwner!.id;
    const byOwner = await list({ tab: "open", ownerId });
    expect(byOwner.items.map((i) => i.caseId)).toContain(ids.dana);
    expect(byOwner.items.every((i) => i.suggestedOwner?.id === ownerId)).toBe(true);

    const elsewhere = await reviewer.queue.list({ tab: "open", sourceId: otherSource.id });
    expect(elsewhere.items).toHaveLength(1);
    expect(elsewhere.items[0]!.source.id).toBe(otherSource.id);

    const created = new Date("2026-01-15T10:00:00Z");
    const [before] = await sqlQuery<{ created_at: Date }>(
      `SELECT created_at FROM exception_cases WHERE id = $1::uuid`,
      [ids.vague],
    );
    await sqlQuery(`UPDATE exception_cases SET created_at = $1::timestamptz WHERE id = $2::uuid`, [
      created.toISOString(),
      ids.vague,
    ]);
    try {
      expect(await listIds({ tab: "open", from: "2026-01-15", to: "2026-01-15" })).toEqual([ids.vague]);
      expect(await listIds({ tab: "open", to: "2026-01-14" })).toEqual([]);
      expect(await listIds({ tab: "open", from: "2026-01-15T10:00:01Z", to: "2026-01-16" })).toEqual([]);
      expect(await listIds({ tab: "open", from: "2026-01-15T09:59:59Z", to: "2026-01-15T10:00:00Z" })).toEqual([
        ids.vague,
      ]);
      expect((await listIds({ tab: "open", from: "2026-01-16" })).sort()).toEqual(
        OPEN.filter((k) => k !== "vague")
          .map((k) => ids[k])
          .sort(),
      );
      expect(await reviewer.queue.counts({ sourceId: source.id, to: "2026-01-15" })).toEqual({
        unclaimed: 1,
        mine: 0,
        open: 1,
        resolved: 0,
      });
    } finally {
      await sqlQuery(`UPDATE exception_cases SET created_at = $1::timestamptz WHERE id = $2::uuid`, [
        new Date(before!.created_at).toISOString(),
        ids.vague,
      ]);
    }
  });

  it("searches names, emails and message words, by whole word or its start", async () => {
    expect(await listIds({ tab: "all", q: "Priya" })).toEqual([ids.priya]);
    expect(await listIds({ tab: "all", q: "pri" })).toEqual([ids.priya]);
    expect(await listIds({ tab: "all", q: "priya shah" })).toEqual([ids.priya]);
    expect(await listIds({ tab: "all", q: "priya wong" })).toEqual([]);
    expect(await listIds({ tab: "all", q: "dana.ruiz@roof-test.example" })).toEqual([ids.dana]);
    expect(await listIds({ tab: "all", q: "landlord" })).toEqual([ids.priya]);
    expect(await listIds({ tab: "all", q: "ceiling" })).toEqual([ids.sam]);
    sameSet(await listIds({ tab: "all", q: "roof" }), [ids.dana, ids.jo]);
    expect(await listIds({ tab: "all", q: "jo@okafor-test.example" })).toEqual([ids.jo]);
    // Punctuation alone finds nothing rather than everything; quotes are only text.
    expect(await listIds({ tab: "all", q: "?!" })).toEqual([]);
    expect(await listIds({ tab: "all", q: "o'brien ) | (" })).toEqual([]);
    expect(await reviewer.queue.counts({ sourceId: source.id, q: "landlord" })).toEqual({
      unclaimed: 1,
      mine: 0,
      open: 1,
      resolved: 0,
    });
  });

  it("sorts by SLA due (default), newest and priority", async () => {
    const items = (await list({ tab: "open" })).items;
    const dues = items.map((i) => i.dueAt!.getTime());
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    // Sales' one-hour SLA is due before Intake's eight hours.
    expect(items.findIndex((i) => i.caseId === ids.dana)).toBeLessThan(items.findIndex((i) => i.caseId === ids.vague));

    const newest = (await list({ tab: "open", sort: "newest" })).items.map((i) => i.caseId);
    expect(newest).toEqual([...OPEN].reverse().map((k) => ids[k]));

    const byPriority = (await list({ tab: "open", sort: "priority" })).items;
    expect(byPriority[0]!.caseId).toBe(ids.sam); // urgent: an emergency
    expect(byPriority[1]!.caseId).toBe(ids.lee); // high: high value
    const rest = byPriority.slice(2);
    expect(rest.every((i) => i.priority === "normal")).toBe(true);
    const restDues = rest.map((i) => i.dueAt!.getTime());
    expect(restDues).toEqual([...restDues].sort((a, b) => a - b));
  });

  it("pages with a cursor through every case exactly once, in every sort, with ties and a missing due time", async () => {
    // Three cases due at the same moment, and one without a due time, to test the tie-breaks.
    const tie = new Date(Date.now() + 3_600_000).toISOString();
    await sqlQuery(`UPDATE exception_cases SET due_at = $1::timestamptz WHERE id = ANY($2::uuid[])`, [
      tie,
      [ids.invoice, ids.priya, ids.vague],
    ]);
    const [lee] = await sqlQuery<{ due_at: Date }>(`SELECT due_at FROM exception_cases WHERE id = $1::uuid`, [ids.lee]);
    await sqlQuery(`UPDATE exception_cases SET due_at = NULL WHERE id = $1::uuid`, [ids.lee]);
    try {
      for (const sort of ["due", "newest", "priority"] as const) {
        for (const limit of [1, 2, 3]) {
          const whole = (await list({ tab: "all", sort })).items.map((i) => i.caseId);
          const paged = await allPages({ tab: "all", sort, limit });
          expect(paged, `${sort} by ${limit}`).toEqual(whole);
          expect(new Set(paged).size).toBe(7);
        }
      }
      const due = (await list({ tab: "all" })).items;
      expect(due.at(-1)!.caseId).toBe(ids.lee); // no due time: last
      const tied = due.filter((i) => i.dueAt?.toISOString() === tie).map((i) => i.caseId);
      expect(tied).toEqual([ids.invoice, ids.priya, ids.vague].sort());
    } finally {
      await sqlQuery(`UPDATE exception_cases SET due_at = $1::timestamptz WHERE id = $2::uuid`, [
        new Date(lee!.due_at).toISOString(),
        ids.lee,
      ]);
    }
  });

  it("refuses a cursor it did not make, or one from another sort, naming the cursor", async () => {
    const first = await list({ tab: "all", limit: 2 });
    expect(first.nextCursor).toEqual(expect.any(String));
    await expect(list({ tab: "all", limit: 2, sort: "newest", cursor: first.nextCursor })).rejects.toThrow(/cursor/);
    expect(await codeOf(list({ tab: "all", cursor: "bm90LWEtY3Vyc29y" }))).toBe("BAD_REQUEST");
    expect(await codeOf(list({ tab: "all", cursor: "not a cursor!" }))).toBe("BAD_REQUEST");
    expect(await codeOf(list({ tab: "all", limit: 101 }))).toBe("BAD_REQUEST");
    expect(await codeOf(list({ tab: "all", page: "pricing" }))).toBe("BAD_REQUEST");
    expect(await codeOf(list({ tab: "all", from: "yesterday" }))).toBe("BAD_REQUEST");
  });

  it("is for people who work cases: an owner is refused, a signed-out caller too", async () => {
    const owner = await callerFor(await createTestUser("owner"));
    expect(await codeOf(owner.queue.list({}))).toBe("FORBIDDEN");
    expect(await codeOf(owner.queue.counts({}))).toBe("FORBIDDEN");
    expect(await codeOf(owner.queue.allCases({}))).toBe("FORBIDDEN");
    expect(await codeOf(owner.queue.filterOptions())).toBe("FORBIDDEN");
    const anonymous = await callerFor(null);
    expect(await codeOf(anonymous.queue.list({}))).toBe("UNAUTHORIZED");
    const manager = await callerFor(await createTestUser("manager"));
    expect((await manager.queue.allCases({ sourceId: source.id, tab: "all" })).items).toHaveLength(7);
  });

  it("offers the filters' choices: sources, topics in use, people who can own, reasons", async () => {
    const options = await reviewer.queue.filterOptions();
    expect(options.sources.map((s) => s.id)).toEqual(expect.arrayContaining([source.id, otherSource.id]));
    expect(options.topics).toEqual(
      expect.arrayContaining([
        { id: "legal", label: "Legal matter" },
        { id: "pricing", label: "Pricing and plans" },
      ]),
    );
    expect(options.owners.map((o) => o.name)).toEqual(expect.arrayContaining(["Sales owner 0", "Intake owner 0"]));
    expect(options.owners.map((o) => o.name)).not.toContain("Quinn Queue");
    expect(options.reasons).toEqual(expect.arrayContaining(["pricing_request", "missing_contact", "no_owner"]));
  });
});
