import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client";
import { EMPTY_POLICY_SETTINGS } from "../../server/domain/analysis/policy-settings";
import { DEFAULT_LANGUAGE } from "../../server/domain/replies/approved-language";
import { handleNextAction } from "../../server/http/next-action-route";
import { ingestConversation } from "../../server/services/ingest/ingest-conversation";
import { authenticateSourceKey, createSource, type AuthenticatedSource } from "../../server/services/sources";
import { ensureRoutingTeams } from "../support/teams";
import { callerFor, createTestUser } from "../support/users";

// The escalation policy and approved language in settings, on the run's real database: the test box
// shows what a draft changes on sample text, a published version reaches ingest and the bot's
// next-action answer at once, promises are refused in approved language and templates, a consent
// wording once shown cannot change, and rollback restores the built-in policy.

type Caller = Awaited<ReturnType<typeof callerFor>>;
const tag = randomUUID().slice(0, 8);
let admin: Caller;
let source: AuthenticatedSource;
let apiKey: string;

beforeAll(async () => {
  const db = getDb();
  await ensureRoutingTeams(1);
  admin = await callerFor(await createTestUser("admin"));
  const issued = await createSource(db, null, { name: `policy-${tag}`, kind: "api" });
  apiKey = issued.apiKey;
  source = (await authenticateSourceKey(db, issued.apiKey))!;
});

afterAll(async () => {
  const db = getDb();
  await db.settingsVersion.deleteMany({});
  await db.settingsDraft.deleteMany({ where: { kind: { in: ["policy", "language"] } } });
});

const draft = {
  ...EMPTY_POLICY_SETTINGS,
  flags: { custom_scope: { add: ["zebra stripes"], remove: [] } },
  stopBotAlso: ["complaint" as const],
  highValue: { minBudget: 1_000, pages: { add: ["/vip/*"], remove: [] } },
  topics: [
    { id: "solar", label: "Solar", phrases: { add: ["solar panel", "solar panels"], remove: [] }, removed: false },
  ],
};

describe("the escalation policy", () => {
  it("shows on sample text what the draft flags, beside the policy in force", async () => {
    const zebra = await admin.policy.test({
      document: draft,
      text: "Visitor: Could you paint our fence in zebra stripes?",
    });
    expect(zebra.draft.flags.map((f) => f.flag)).toContain("custom_scope");
    expect(zebra.draft.flags.find((f) => f.flag === "custom_scope")?.quotes.join(" ")).toContain("zebra stripes");
    expect(zebra.published.flags.map((f) => f.flag)).not.toContain("custom_scope");
    expect(zebra.draft.nextAction.action).toBe("escalate");

    const money = await admin.policy.test({
      document: draft,
      text: "Visitor: We'd like solar panels on the roof; our budget is about £5,000.",
      pageUrl: "https://acme.example/vip/offer",
    });
    expect(money.draft.topic).toEqual({ id: "solar", label: "Solar" });
    // A high-value page added as a path matches the page's full address, query and all.
    const page = await admin.policy.test({
      document: draft,
      text: "Visitor: Hello, could someone tell me more about your offer?",
      pageUrl: "https://acme.example/vip/offer?utm_campaign=spring",
    });
    expect(page.draft.highValue.value).toBe(true);
    expect(page.published.highValue.value).toBe(false);
    expect(money.draft.highValue.value).toBe(true);
    expect(money.published.highValue.value).toBe(false);

    const complaint = await admin.policy.test({
      document: draft,
      text: "Visitor: I'm not happy with the work your team did on our roof and want to raise a complaint.",
    });
    expect(complaint.draft.flags.map((f) => f.flag)).toContain("complaint");
    expect(complaint.draft.nextAction.action).toBe("stop_bot");
    expect(complaint.published.nextAction.action).not.toBe("stop_bot");
  });

  it("names the wrong field", async () => {
    await expect(
      admin.policy.test({ document: { ...draft, topics: [{ id: "new-one", phrases: { add: ["x y"] } }] }, text: "hi" }),
    ).rejects.toThrow(/document\.topics\.0\.label: a new topic needs a label/);
    await expect(
      admin.policy.test({ document: { ...draft, flags: { custom_scope: { add: ["!"] } } }, text: "hi" }),
    ).rejects.toThrow(/document\.flags\.custom_scope\.add\.0/);
  });

  it("reaches ingest once published, keeps versions, and rolls back to the built-in policy", async () => {
    const editor = await admin.policy.editor();
    expect(editor.published.version).toBe(0);
    const saved = await admin.policy.saveDraft({ document: draft, baseVersion: 0, draftRevision: null });
    // A second first save (another admin's, made from no draft) is refused, not overwritten.
    await expect(
      admin.policy.saveDraft({ document: draft, baseVersion: 0, draftRevision: null }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const preview = await admin.policy.preview({ document: draft });
    expect(preview.changes).toEqual(
      expect.arrayContaining(['Flag custom_scope: added "zebra stripes"', "The bot now also stops on complaint"]),
    );
    const published = await admin.policy.publish({
      document: draft,
      baseVersion: 0,
      note: "zebra",
      draftRevision: saved.revision,
    });
    expect(published.version).toBe(1);
    expect((await admin.policy.editor()).draft).toBeNull();

    const outcome = await ingestConversation(getDb(), source, {
      externalId: `zebra-${tag}`,
      messages: [
        { role: "visitor", text: "Could you paint our garden fence in zebra stripes? I'm Jo, jo@zebra.example" },
      ],
    });
    expect(outcome.reasons).toContain("custom_scope");
    const brief = (await getDb().conversation.findUniqueOrThrow({ where: { id: outcome.conversationId } })).brief as {
      flags: { flag: string }[];
    };
    expect(brief.flags.map((f) => f.flag)).toContain("custom_scope");

    await expect(admin.policy.publish({ document: draft, baseVersion: 0 })).rejects.toMatchObject({ code: "CONFLICT" });
    await admin.policy.rollback({ toVersion: 0, currentVersion: 1 });
    const versions = await admin.policy.versions();
    expect(versions.map((v) => [v.version, v.restoredFrom])).toEqual([
      [2, 0],
      [1, null],
    ]);
    const after = await ingestConversation(getDb(), source, {
      externalId: `zebra-again-${tag}`,
      messages: [{ role: "visitor", text: "Could you paint our shed in zebra stripes too?" }],
    });
    expect(after.reasons).not.toContain("custom_scope");
  });
});

describe("approved language", () => {
  const nextAction = async (messages: { role: string; text: string }[]) => {
    const response = await handleNextAction(
      new Request("http://localhost/api/v1/next-action", {
        method: "POST",
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({ messages }),
      }),
    );
    expect(response.status).toBe(200);
    return (await response.json()) as { action: string; reply: string | null; consentWordingVersion: string | null };
  };
  const askingConsent = [
    { role: "visitor", text: "We'd like someone to fix a leaking tap in our kitchen. I'm Kim, kim@home.example" },
  ];

  it("refuses a promise in any sentence, and a change to a consent wording visitors saw", async () => {
    const promising = {
      ...DEFAULT_LANGUAGE,
      botReplies: { ...DEFAULT_LANGUAGE.botReplies, handoff: "Thank you. We will be in touch within 24 hours." },
    };
    await expect(admin.language.publish({ document: promising, baseVersion: 0 })).rejects.toThrow(
      /document\.botReplies\.handoff: "will be in touch within 24 hours" reads as a promise \(/,
    );
    const changed = {
      ...DEFAULT_LANGUAGE,
      consentWordings: [{ version: "consent-1", text: "May we email you about this?" }],
    };
    await expect(admin.language.publish({ document: changed, baseVersion: 0 })).rejects.toThrow(
      /consentWordings\.0\.text: consent-1 was shown to visitors; add a new version/,
    );
  });

  it("gives the bot the newest consent wording with its version, and the clarifying question per topic", async () => {
    expect(await nextAction(askingConsent)).toMatchObject({
      action: "ask_consent",
      reply: DEFAULT_LANGUAGE.consentWordings[0]!.text,
      consentWordingVersion: "consent-1",
    });
    const language = {
      ...DEFAULT_LANGUAGE,
      consentWordings: [
        ...DEFAULT_LANGUAGE.consentWordings,
        { version: "consent-2", text: "May our team email or call you about this request?" },
      ],
      clarifyingQuestions: { quote: "What would you like us to do, and where?" },
    };
    const { version } = await admin.language.publish({ document: language, baseVersion: 0 });
    expect(version).toBe(1);
    expect(await nextAction(askingConsent)).toMatchObject({
      action: "ask_consent",
      reply: "May our team email or call you about this request?",
      consentWordingVersion: "consent-2",
    });
    const vague = await nextAction([{ role: "visitor", text: "Hi, I have a question about a project" }]);
    expect(vague).toMatchObject({ action: "clarify", reply: "What would you like us to do, and where?" });

    // Rolling back asks with the built-in wording again, but keeps consent-2: records name it.
    await admin.language.rollback({ toVersion: 0, currentVersion: 1 });
    expect((await admin.language.editor()).published.document.consentWordings.map((w) => w.version)).toEqual([
      "consent-2",
      "consent-1",
    ]);
    expect(await nextAction(askingConsent)).toMatchObject({ consentWordingVersion: "consent-1" });
  });

  it("keeps first-reply templates free of promises", async () => {
    await expect(
      admin.language.saveTemplate({
        name: `Fast ${tag}`,
        body: "Hi {{name}}, we'll have it fitted by Friday at no extra cost. {{owner}}",
        active: true,
      }),
    ).rejects.toThrow(/^body: ".*" reads as a promise/);
    await expect(
      admin.language.saveTemplate({
        name: `Bad ${tag}`,
        body: "Hi {{nmae}}, thanks for writing to us today.",
        active: true,
      }),
    ).rejects.toThrow(/only placeholders are/);
    const saved = await admin.language.saveTemplate({
      name: `Ask more ${tag}`,
      body: "Hi {{name}}, thank you for getting in touch. Could you tell me a little more about what you need? {{owner}}",
      active: true,
    });
    const templates = await admin.language.templates();
    expect(templates.find((t) => t.id === saved.id)).toMatchObject({ name: `Ask more ${tag}`, active: true });
    const audit = await getDb().auditLog.findFirstOrThrow({ where: { targetId: saved.id } });
    expect(audit.action).toBe("reply_template.created");
  });
});
