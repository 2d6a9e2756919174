import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client";
import { DEFAULT_ROUTING, type RoutingConfig } from "../../server/domain/routing/rules";
import { ingestConversation } from "../../server/services/ingest/ingest-conversation";
import { authenticateSourceKey, createSource, type AuthenticatedSource } from "../../server/services/sources";
import { ensureRoutingTeams } from "../support/teams";
import { callerFor, createTestUser } from "../support/users";

// The routing rules editor on the run's real database: a draft is saved, tested on a pasted chat and
// on a past conversation, replayed, published, used by ingest, and rolled back; every step audited,
// and only admins get in. The rule added here fires only on a phrase with this file's tag, so other
// files' conversations route as before; the versions it publishes are removed at the end.

type Caller = Awaited<ReturnType<typeof callerFor>>;
const tag = randomUUID().slice(0, 8);
const phrase = `solar roof ${tag}`;
const vipTeam = `VIP ${tag}`;
let admin: Caller;
let adminId: string;
let source: AuthenticatedSource;
let startVersion: number;
let vipOwner: string;

const chat = (text: string) => [
  { role: "visitor" as const, text },
  { role: "bot" as const, text: "Thanks! Can I take your email so the team can follow up?" },
  { role: "visitor" as const, text: `Sure, jo.${randomUUID().slice(0, 6)}@home.example, yes you can contact me.` },
];

async function ingest(text: string, now = new Date()) {
  return ingestConversation(getDb(), source, { externalId: `route-${randomUUID()}`, messages: chat(text) }, { now });
}

function withVipRule(config: RoutingConfig, team = vipTeam): RoutingConfig {
  return {
    ...config,
    rules: [
      {
        id: `vip-${tag}`,
        name: "Solar leads go to VIP",
        enabled: true,
        when: { keywords: [phrase] },
        assign: { to: "team", team, strategy: "least_open" },
        slaMinutes: 30,
      },
      ...config.rules,
    ],
  };
}

let solarConversation: string;

beforeAll(async () => {
  const db = getDb();
  await ensureRoutingTeams(1);
  const user = await createTestUser("admin");
  adminId = user.id;
  admin = await callerFor(user);
  vipOwner = (await createTestUser("owner", { name: `VIP owner ${tag}` })).id;
  const team = await db.team.create({ data: { name: vipTeam } });
  await db.teamMembership.create({ data: { teamId: team.id, userId: vipOwner } });
  const issued = await createSource(db, null, { name: `routing-${tag}`, kind: "api" });
  source = (await authenticateSourceKey(db, issued.apiKey))!;
  solarConversation = (await ingest(`We'd like a quote for a ${phrase} on our house, about 30 panels.`)).conversationId;
  await ingest("Hi, we'd like a quote for a new kitchen extension, roughly 4 by 5 metres.");
  startVersion = (await admin.routing.editor()).published.version;
});

afterAll(async () => {
  const db = getDb();
  await db.settingsDraft.deleteMany({});
  await db.routingRuleSet.deleteMany({ where: { version: { gt: startVersion } } });
});

describe("the routing rules editor", () => {
  it("keeps a draft, and refuses to overwrite another admin's newer one", async () => {
    const editor = await admin.routing.editor();
    expect(editor.draft).toBeNull();
    expect(editor.published.config).toEqual(DEFAULT_ROUTING);
    expect(editor.choices.teams).toContain(vipTeam);
    const config = withVipRule(editor.published.config);
    const saved = await admin.routing.saveDraft({ config, baseVersion: startVersion, draftRevision: null });
    await expect(
      admin.routing.saveDraft({ config, baseVersion: startVersion, draftRevision: null }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const reopened = await admin.routing.editor();
    expect(reopened.draft).toMatchObject({ baseVersion: startVersion, revision: saved.revision, config });
    const audit = await getDb().auditLog.findFirst({
      where: { actorId: adminId, action: "routing.draft_saved" },
      orderBy: { createdAt: "desc" },
    });
    expect(audit?.after).toMatchObject({ rules: [`vip-${tag}`, ...DEFAULT_ROUTING.rules.map((r) => r.id)] });
  });

  it("says which rule fires and why, on a pasted chat and on a past conversation", async () => {
    const config = withVipRule(DEFAULT_ROUTING);
    const pasted = await admin.routing.test({
      config,
      source: {
        kind: "transcript",
        text: `Visitor: Could you quote for a ${phrase}?\nBot: Sure, what's your email?\nVisitor: sam@home.example, yes contact me`,
      },
    });
    expect(pasted.input.intent).toBe("sales");
    expect(pasted.draft.rule.id).toBe(`vip-${tag}`);
    expect(pasted.draft.because).toEqual([`the visitor wrote "${phrase}"`]);
    expect(pasted.draft.assign).toBe(`team ${vipTeam} (fewest open handoffs)`);
    expect(pasted.published.rule.id).toBe("sales");
    // Every rule's verdict: the sales rule matched too, but the new rule came first.
    const sales = pasted.draft.rules.find((r) => r.ruleId === "sales");
    expect(sales).toMatchObject({ matched: true, decided: false, because: ["intent is sales"] });
    expect(pasted.draft.rules.find((r) => r.ruleId === "support")).toMatchObject({
      matched: false,
      failed: "intent is sales, not support",
    });

    const past = await admin.routing.test({
      config,
      source: { kind: "conversation", conversationId: solarConversation },
    });
    expect(past.draft.rule.id).toBe(`vip-${tag}`);
    expect(past.published.rule.id).toBe("sales");
    await expect(
      admin.routing.test({ config, source: { kind: "conversation", conversationId: randomUUID() } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("replays the draft over recent conversations and lists exactly the ones it moves", async () => {
    // Only this file's chats carry the phrase, so whatever else the run stored, exactly one moves.
    const result = await admin.routing.replay({ config: withVipRule(DEFAULT_ROUTING), last: 2_000 });
    expect(result.replayed).toBeGreaterThanOrEqual(2);
    expect(result.changedCount).toBe(1);
    expect(result.changed.map((c) => c.conversationId)).toEqual([solarConversation]);
    expect(result.changed[0]).toMatchObject({
      from: { rule: { id: "sales" }, slaMinutes: 60 },
      to: { rule: { id: `vip-${tag}` }, slaMinutes: 30 },
      recorded: { ruleId: "sales", version: startVersion },
    });
    expect(result.moves).toEqual([{ from: "New sales inquiries go to Sales", to: "Solar leads go to VIP", count: 1 }]);
  });

  it("names the wrong field, and refuses rules that name nobody", async () => {
    const bad = withVipRule(DEFAULT_ROUTING);
    bad.rules[0]!.slaMinutes = -5;
    await expect(admin.routing.test({ config: bad, source: { kind: "transcript", text: "hi" } })).rejects.toThrow(
      /config\.rules\.0\.slaMinutes/,
    );
    const noCatchAll = { ...DEFAULT_ROUTING, rules: DEFAULT_ROUTING.rules.slice(0, -1) };
    await expect(admin.routing.publish({ config: noCatchAll, baseVersion: startVersion })).rejects.toThrow(
      /the last rule must be enabled and match everything/,
    );
    await expect(
      admin.routing.publish({ config: withVipRule(DEFAULT_ROUTING, `Nobody ${tag}`), baseVersion: startVersion }),
    ).rejects.toThrow(new RegExp(`there is no team Nobody ${tag}`));
    await expect(admin.routing.publish({ config: DEFAULT_ROUTING, baseVersion: startVersion })).rejects.toThrow(
      /nothing to publish/,
    );
  });

  it("publishes a version ingest uses at once, keeps its diff, and rolls back by publishing a copy", async () => {
    const config = withVipRule(DEFAULT_ROUTING);
    const preview = await admin.routing.preview({ config });
    expect(preview.changes.map((c) => c.kind)).toEqual(["added"]);
    // The draft this admin had open is used up by publishing it.
    const { draftRevision } = await admin.routing.editor();
    const published = await admin.routing.publish({
      config,
      baseVersion: startVersion,
      note: "VIP pilot",
      draftRevision,
    });
    expect(published.version).toBe(startVersion + 1);
    expect((await admin.routing.editor()).draft).toBeNull();

    const routed = await ingest(`Hello, can you quote a ${phrase} for our barn?`);
    expect(routed.routedTo).toMatchObject({ ownerId: vipOwner, rule: { id: `vip-${tag}`, version: startVersion + 1 } });

    // Another admin's editor still on the old version cannot publish over this one.
    await expect(
      admin.routing.publish({ config: withVipRule(DEFAULT_ROUTING, "Sales"), baseVersion: startVersion }),
    ).rejects.toMatchObject({ code: "CONFLICT" });

    const rolledBack = await admin.routing.rollback({ toVersion: startVersion, currentVersion: startVersion + 1 });
    expect(rolledBack.version).toBe(startVersion + 2);
    expect(rolledBack.changes.map((c) => c.kind)).toEqual(["removed"]);
    const after = await ingest(`Hello again, a ${phrase} for the shed this time, please.`);
    expect(after.routedTo.rule).toEqual({ id: "sales", version: startVersion + 2 });

    // The earlier decision keeps the version that made it.
    const decision =
      routed.outcome === "handoff"
        ? await getDb().handoff.findFirstOrThrow({ where: { conversationId: routed.conversationId } })
        : await getDb().exceptionCase.findFirstOrThrow({ where: { conversationId: routed.conversationId } });
    expect(decision).toMatchObject({ ruleId: `vip-${tag}`, ruleVersion: startVersion + 1 });

    const versions = await admin.routing.versions();
    // Other files may have published (and removed) a version with this number before: count what is stored.
    const decided =
      (await getDb().handoff.count({ where: { ruleVersion: startVersion + 1 } })) +
      (await getDb().exceptionCase.count({ where: { ruleVersion: startVersion + 1 } }));
    expect(decided).toBeGreaterThanOrEqual(1);
    expect(versions.slice(0, 2)).toMatchObject([
      { version: startVersion + 2, restoredFrom: startVersion, note: `Rolled back to version ${startVersion}` },
      { version: startVersion + 1, note: "VIP pilot", decisions: decided, publishedBy: expect.any(String) },
    ]);
    expect(versions[1]!.changes?.[0]?.text).toMatch(/^Added rule "Solar leads go to VIP"/);
    const audit = await getDb().auditLog.findMany({
      where: { actorId: adminId, action: { in: ["routing.published", "routing.rolled_back"] } },
      orderBy: { createdAt: "asc" },
      select: { action: true, targetId: true },
    });
    expect(audit).toEqual([
      { action: "routing.published", targetId: String(startVersion + 1) },
      { action: "routing.rolled_back", targetId: String(startVersion + 2) },
    ]);
  });

  it("is for admins only", async () => {
    for (const role of ["manager", "reviewer", "owner"] as const) {
      const caller = await callerFor(await createTestUser(role));
      await expect(caller.routing.editor()).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(caller.routing.versions()).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(
        caller.routing.publish({ config: DEFAULT_ROUTING, baseVersion: startVersion }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(caller.routing.rollback({ toVersion: 1, currentVersion: 1 })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      await expect(caller.routing.replay({ config: DEFAULT_ROUTING, last: 1 })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
    const anonymous = await callerFor(null);
    await expect(anonymous.routing.editor()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
