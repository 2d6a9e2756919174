import type { z } from "zod";
import { parsePhoneNumberFromString } from "libphonenumber-js/min";
import { analyzeWithRules, INTENTS, type Brief, type Message } from "../../domain/analysis";
import { parsePastedTranscript } from "../../domain/analysis/pasted-transcript";
import { diffRoutingConfigs, describeAssignment, type RoutingChange } from "../../domain/routing/diff";
import { isWithinBusinessHours, pagePathOf, traceRouting, type RoutingInput } from "../../domain/routing/route";
import { ZRoutingConfig, type RoutingConfig } from "../../domain/routing/rules";
import type { Db } from "../../db/client";
import type { Prisma } from "../../db/generated/prisma/client";
import { isUniqueViolation } from "../../db/errors";
import { AppError } from "../../errors";
import { recordAudit } from "../audit";
import { consumeDraft, writeDraft } from "./drafts";
import { loadRoutingConfig } from "../ingest/routing-config";
import { loadAnalysisSettings, loadTopicLabels } from "./analysis-settings";
import { OWNER_ROLES } from "../review/case-view";
import type { ZPublishInput, ZReplayInput, ZRollbackInput, ZSaveDraftInput, ZTestInput } from "./routing-input";

// The routing rules editor (settings, issue 7): an admin edits a draft, tests it on a pasted chat or
// a past conversation, replays it over recent conversations, and publishes it as the next version.
// Published versions are never changed: a rollback publishes a copy of an older one, so every
// handoff's and case's `ruleVersion` keeps pointing at the rules that routed it.

const DRAFT_KIND = "routing";

/** Parses a rule set from the editor; a bad one is refused naming the first wrong field's path. */
export function parseRoutingConfig(value: unknown): RoutingConfig {
  const parsed = ZRoutingConfig.safeParse(value);
  if (parsed.success) return parsed.data;
  const [first] = parsed.error.issues;
  const path = ["config", ...(first?.path ?? [])].join(".");
  const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more)` : "";
  throw new AppError("BAD_REQUEST", `${path}: ${first?.message ?? "invalid"}${more}`, {
    field: path,
    issues: parsed.error.issues.map((issue) => ({ path: ["config", ...issue.path].join("."), message: issue.message })),
  });
}

/** Teams and users the rules name that do not exist (or have nobody active to take a handoff). */
export async function referenceProblems(db: Db, config: RoutingConfig): Promise<{ path: string; message: string }[]> {
  const [teams, users] = await Promise.all([
    db.team.findMany({
      select: { name: true, members: { where: { user: { active: true } }, select: { userId: true } } },
    }),
    db.user.findMany({ where: { active: true, role: { in: [...OWNER_ROLES] } }, select: { email: true } }),
  ]);
  const teamByName = new Map(teams.map((team) => [team.name.toLowerCase(), team]));
  const emails = new Set(users.map((user) => user.email));
  const problems: { path: string; message: string }[] = [];
  config.rules.forEach((rule, index) => {
    const path = `config.rules.${index}.assign`;
    if (rule.assign.to === "team") {
      const team = teamByName.get(rule.assign.team.toLowerCase());
      if (!team)
        problems.push({ path: `${path}.team`, message: `Rule "${rule.name}": there is no team ${rule.assign.team}` });
      else if (team.members.length === 0)
        problems.push({
          path: `${path}.team`,
          message: `Rule "${rule.name}": team ${team.name} has no active members`,
        });
    }
    if (rule.assign.to === "user" && !emails.has(rule.assign.email))
      problems.push({
        path: `${path}.email`,
        message: `Rule "${rule.name}": ${rule.assign.email} is not an active owner, manager or admin`,
      });
  });
  config.responseTargets?.targets.forEach((target, index) => {
    if (target.team && !teamByName.has(target.team.toLowerCase()))
      problems.push({
        path: `config.responseTargets.targets.${index}.team`,
        message: `Response target ${index + 1}: there is no team ${target.team}`,
      });
  });
  return problems;
}

async function userNames(db: Db, ids: (string | null | undefined)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(users.map((user) => [user.id, user.name]));
}

/** What the editor opens with: the rules in force, the draft if any, and the choices its pickers offer. */
export async function getRoutingEditor(db: Db) {
  const published = await loadRoutingConfig(db);
  const [row, draft, teams, users] = await Promise.all([
    db.routingRuleSet.findUniqueOrThrow({
      where: { version: published.version },
      select: { publishedAt: true, publishedBy: true, note: true },
    }),
    db.settingsDraft.findUnique({ where: { kind: DRAFT_KIND } }),
    db.team.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.user.findMany({
      where: { active: true, role: { in: [...OWNER_ROLES] } },
      orderBy: { name: "asc" },
      select: { email: true, name: true },
    }),
  ]);
  const names = await userNames(db, [row.publishedBy, draft?.updatedById]);
  // A stored draft no longer valid (a schema change since) opens as the published rules, said so.
  const draftConfig = draft ? ZRoutingConfig.safeParse(draft.document) : null;
  return {
    published: {
      version: published.version,
      config: published.config,
      publishedAt: row.publishedAt,
      publishedBy: row.publishedBy ? (names.get(row.publishedBy) ?? "Former user") : null,
      note: row.note,
    },
    draft:
      draft && draftConfig?.success
        ? {
            config: draftConfig.data,
            baseVersion: draft.baseVersion,
            revision: draft.updatedAt.toISOString(),
            updatedAt: draft.updatedAt,
            updatedBy: draft.updatedById ? (names.get(draft.updatedById) ?? "Former user") : null,
          }
        : null,
    draftUnreadable: Boolean(draft && !draftConfig?.success),
    draftRevision: draft?.updatedAt.toISOString() ?? null,
    choices: {
      intents: INTENTS,
      topics: (await loadAnalysisSettings(db)).policy.topics.map((topic) => ({ id: topic.id, label: topic.label })),
      teams: teams.map((team) => team.name),
      users,
    },
    problems: await referenceProblems(db, draftConfig?.success ? draftConfig.data : published.config),
  };
}

/** Saves the editor's rules as the draft. Refuses when another admin saved a newer draft since. */
export async function saveRoutingDraft(db: Db, actorId: string, input: z.infer<typeof ZSaveDraftInput>) {
  const config = parseRoutingConfig(input.config);
  return db.$transaction(async (tx) => {
    const saved = await writeDraft(tx, {
      kind: DRAFT_KIND,
      document: config,
      baseVersion: input.baseVersion,
      actorId,
      revision: input.draftRevision,
    });
    await recordAudit(tx, {
      actorId,
      action: "routing.draft_saved",
      targetType: "routing",
      targetId: `draft:${input.baseVersion}`,
      after: { rules: config.rules.map((rule) => rule.id) },
    });
    return saved;
  });
}

export async function discardRoutingDraft(db: Db, actorId: string) {
  return db.$transaction(async (tx) => {
    const deleted = await tx.settingsDraft.deleteMany({ where: { kind: DRAFT_KIND } });
    if (deleted.count > 0)
      await recordAudit(tx, { actorId, action: "routing.draft_discarded", targetType: "routing", targetId: "draft" });
    return { discarded: deleted.count > 0 };
  });
}

function territoryOf(e164: string | null | undefined): string | null {
  if (!e164) return null;
  return parsePhoneNumberFromString(e164)?.country ?? null;
}

function visitorText(messages: Message[]): string {
  return messages
    .filter((m) => m.role === "visitor")
    .map((m) => m.text)
    .join("\n");
}

/** What routing reads from a conversation, in words, so the admin sees what the rules saw. */
function describeInput(config: RoutingConfig, input: RoutingInput) {
  return {
    intent: input.brief.intent.value,
    customerStatus: input.brief.customerStatus.value,
    topic: input.brief.topic ? { id: input.brief.topic.id, label: input.brief.topic.label } : null,
    pagePath: pagePathOf(input.brief.source.pageUrl),
    campaign: input.brief.source.campaign?.campaign ?? null,
    territory: input.territory,
    hasAccountOwner: input.accountOwnerId !== null,
    at: input.now,
    insideBusinessHours: isWithinBusinessHours(config.businessHours, input.now),
  };
}

async function accountOwnerFor(db: Db, brief: Brief): Promise<string | null> {
  const email = brief.contact.email?.value ?? null;
  const phone = brief.contact.phone?.e164 ?? null;
  if (!email && !phone) return null;
  const customer = await db.lead.findFirst({
    where: {
      kind: "customer",
      mergedIntoId: null,
      OR: [...(email ? [{ email: email.toLowerCase() }] : []), ...(phone ? [{ phoneE164: phone }] : [])],
    },
    select: { ownerId: true },
  });
  return customer?.ownerId ?? null;
}

async function testInputOf(db: Db, source: z.infer<typeof ZTestInput>["source"]): Promise<RoutingInput> {
  if (source.kind === "transcript") {
    const messages = parsePastedTranscript(source.text);
    if (messages.length === 0)
      throw new AppError("BAD_REQUEST", "source.text: the transcript has no messages", { field: "source.text" });
    const { policy } = await loadAnalysisSettings(db);
    const brief = analyzeWithRules({ messages, pageUrl: source.pageUrl || null }, policy);
    return {
      brief,
      visitorText: visitorText(messages),
      territory: territoryOf(brief.contact.phone?.e164),
      accountOwnerId: await accountOwnerFor(db, brief),
      now: source.at ? new Date(source.at) : new Date(),
    };
  }
  const conversation = await db.conversation.findUnique({
    where: { id: source.conversationId },
    select: {
      brief: true,
      messages: true,
      receivedAt: true,
      lead: { select: { kind: true, ownerId: true, phoneE164: true } },
    },
  });
  if (!conversation)
    throw new AppError("NOT_FOUND", "source.conversationId: no such conversation", { field: "source.conversationId" });
  return replayInput(conversation);
}

interface StoredForReplay {
  brief: Prisma.JsonValue;
  messages: Prisma.JsonValue;
  receivedAt: Date;
  lead: { kind: string; ownerId: string | null; phoneE164: string | null } | null;
}

/** Routing's input for a stored conversation, as it was when the conversation arrived. */
function replayInput(row: StoredForReplay): RoutingInput {
  const brief = row.brief as unknown as Brief;
  return {
    brief,
    visitorText: visitorText(row.messages as unknown as Message[]),
    // (After the retention job, the brief's number may be a "[phone]" label: the lead's number then.)
    territory: territoryOf(brief.contact.phone?.e164?.startsWith("+") ? brief.contact.phone.e164 : row.lead?.phoneE164),
    accountOwnerId: row.lead?.kind === "customer" ? row.lead.ownerId : null,
    now: row.receivedAt,
  };
}

/** "Which rule fires and why", under the draft and under the rules in force, with every rule's verdict. */
export async function testRoutingDraft(db: Db, input: z.infer<typeof ZTestInput>) {
  const draft = parseRoutingConfig(input.config);
  const published = await loadRoutingConfig(db);
  const routingInput = await testInputOf(db, input.source);
  const summarize = (config: RoutingConfig, version: number) => {
    const { decision, rules } = traceRouting(config, version, routingInput);
    return {
      rule: decision.rule,
      assign: describeAssignment(decision.assign),
      priority: decision.priority,
      slaMinutes: decision.slaMinutes,
      slaFrom: decision.slaFrom,
      because: decision.because,
      rules,
    };
  };
  return {
    input: describeInput(draft, routingInput),
    draft: summarize(draft, published.version + 1),
    published: { version: published.version, ...summarize(published.config, published.version) },
  };
}

/**
 * Routes the last `last` conversations under the draft and under the rules in force, with the same
 * inputs (each at its own arrival time), and lists those the draft would send elsewhere: another
 * rule or another target. Who in a team would get it is left out: round robin depends on the moment.
 */
export async function replayRoutingDraft(db: Db, input: z.infer<typeof ZReplayInput>) {
  const draft = parseRoutingConfig(input.config);
  const published = await loadRoutingConfig(db);
  const rows = await db.conversation.findMany({
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: input.last,
    select: {
      id: true,
      brief: true,
      messages: true,
      receivedAt: true,
      intent: true,
      topic: true,
      pagePath: true,
      lead: { select: { kind: true, ownerId: true, phoneE164: true } },
      handoff: { select: { id: true, ruleId: true, ruleVersion: true } },
      exception: { select: { id: true, ruleId: true, ruleVersion: true } },
    },
  });
  const topicLabels = await loadTopicLabels(db);
  const changed = [];
  const moves = new Map<string, { from: string; to: string; count: number }>();
  let skipped = 0;
  for (const row of rows) {
    let before, after;
    try {
      const routingInput = replayInput(row);
      before = traceRouting(published.config, published.version, routingInput).decision;
      after = traceRouting(draft, published.version + 1, routingInput).decision;
    } catch {
      // A brief stored by an older version without a field routing reads: counted, not fatal.
      skipped += 1;
      continue;
    }
    const beforeTarget = describeAssignment(before.assign);
    const afterTarget = describeAssignment(after.assign);
    if (before.rule.id === after.rule.id && beforeTarget === afterTarget && before.slaMinutes === after.slaMinutes)
      continue;
    const key = `${before.rule.id}→${after.rule.id}`;
    const move = moves.get(key) ?? { from: before.rule.name, to: after.rule.name, count: 0 };
    move.count += 1;
    moves.set(key, move);
    const recorded = row.handoff ?? row.exception;
    changed.push({
      conversationId: row.id,
      receivedAt: row.receivedAt,
      intent: row.intent,
      topic: row.topic ? (topicLabels.get(row.topic) ?? row.topic) : null,
      pagePath: row.pagePath,
      /** Where it went: the open handoff, or the case a reviewer saw. */
      link: row.exception ? `/cases/${row.exception.id}` : row.handoff ? `/inbox/${row.handoff.id}` : null,
      recorded: recorded?.ruleId ? { ruleId: recorded.ruleId, version: recorded.ruleVersion } : null,
      from: { rule: before.rule, assign: beforeTarget, slaMinutes: before.slaMinutes },
      to: { rule: after.rule, assign: afterTarget, slaMinutes: after.slaMinutes, because: after.because },
    });
  }
  return {
    publishedVersion: published.version,
    replayed: rows.length - skipped,
    skipped,
    changedCount: changed.length,
    moves: [...moves.values()].sort((a, b) => b.count - a.count),
    /** The first 500 changed conversations, newest first. */
    changed: changed.slice(0, 500),
  };
}

/** The changes a draft makes to the rules in force, as the publish dialog shows them. */
export async function previewRoutingPublish(db: Db, config: unknown) {
  const draft = parseRoutingConfig(config);
  const published = await loadRoutingConfig(db);
  return {
    baseVersion: published.version,
    changes: diffRoutingConfigs(published.config, draft),
    problems: await referenceProblems(db, draft),
  };
}

/**
 * Publishes the editor's rules as the next version, in force for the next conversation. Refused
 * when another version was published since the editor opened (`baseVersion`), when nothing changed,
 * or when a rule names a team or user that cannot take a handoff.
 */
export async function publishRouting(db: Db, actorId: string, input: z.infer<typeof ZPublishInput>) {
  const config = parseRoutingConfig(input.config);
  const problems = await referenceProblems(db, config);
  if (problems.length > 0)
    throw new AppError("BAD_REQUEST", problems.map((p) => p.message).join(". "), { field: problems[0]!.path });
  return writeVersion(db, actorId, {
    config,
    baseVersion: input.baseVersion,
    note: input.note || null,
    restoredFrom: null,
    draftRevision: input.draftRevision,
    action: "routing.published",
  });
}

/** Rolls back by publishing a copy of an earlier version as the newest; the versions between stay in the history. */
export async function rollbackRouting(db: Db, actorId: string, input: z.infer<typeof ZRollbackInput>) {
  const target = await db.routingRuleSet.findUnique({ where: { version: input.toVersion } });
  if (!target)
    throw new AppError("NOT_FOUND", `toVersion: there is no version ${input.toVersion}`, { field: "toVersion" });
  return writeVersion(db, actorId, {
    config: ZRoutingConfig.parse(target.rules),
    baseVersion: input.currentVersion,
    note: `Rolled back to version ${target.version}`,
    restoredFrom: target.version,
    action: "routing.rolled_back",
  });
}

async function writeVersion(
  db: Db,
  actorId: string,
  data: {
    config: RoutingConfig;
    baseVersion: number;
    note: string | null;
    restoredFrom: number | null;
    /** The draft the publisher had open, if any: it goes; another admin's stays. */
    draftRevision?: string | null;
    action: string;
  },
): Promise<{ version: number; changes: RoutingChange[] }> {
  const stale = () =>
    new AppError(
      "CONFLICT",
      "Someone published other routing rules since you opened the editor. Reload to see them, then publish again.",
    );
  try {
    return await db.$transaction(async (tx) => {
      const base = await tx.routingRuleSet.findUnique({ where: { version: data.baseVersion } });
      const newest = await tx.routingRuleSet.findFirst({ orderBy: { version: "desc" }, select: { version: true } });
      if (!base || newest?.version !== data.baseVersion) throw stale();
      const before = ZRoutingConfig.parse(base.rules);
      const changes = diffRoutingConfigs(before, data.config);
      if (changes.length === 0)
        throw new AppError("BAD_REQUEST", "These rules are the ones in force: there is nothing to publish.");
      const version = data.baseVersion + 1;
      // The version is the primary key: of two admins publishing at once, the second gets a unique violation.
      await tx.routingRuleSet.create({
        data: {
          version,
          rules: data.config as unknown as Prisma.InputJsonValue,
          publishedBy: actorId,
          note: data.note,
          restoredFrom: data.restoredFrom,
        },
      });
      // A publish used up the draft; a rollback leaves it, to be rebased or discarded by its author.
      if (data.restoredFrom === null) await consumeDraft(tx, DRAFT_KIND, data.draftRevision);
      await recordAudit(tx, {
        actorId,
        action: data.action,
        targetType: "routing",
        targetId: String(version),
        before: { version: data.baseVersion },
        after: {
          version,
          ...(data.restoredFrom ? { restoredFrom: data.restoredFrom } : {}),
          changes: changes.map((change) => change.text),
        },
      });
      return { version, changes };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw stale();
    throw error;
  }
}

/** Every published version, newest first, each with what it changed from the one before. */
export async function listRoutingVersions(db: Db) {
  const versions = await db.routingRuleSet.findMany({ orderBy: { version: "desc" }, take: 100 });
  const names = await userNames(
    db,
    versions.map((v) => v.publishedBy),
  );
  const byVersion = new Map(versions.map((v) => [v.version, v]));
  const [usage, caseUsage] = await Promise.all([
    db.handoff.groupBy({ by: ["ruleVersion"], _count: { _all: true } }),
    db.exceptionCase.groupBy({ by: ["ruleVersion"], _count: { _all: true } }),
  ]);
  const decisions = new Map<number, number>();
  for (const row of [...usage, ...caseUsage])
    if (row.ruleVersion !== null)
      decisions.set(row.ruleVersion, (decisions.get(row.ruleVersion) ?? 0) + row._count._all);
  return versions.map((v) => {
    const previous = byVersion.get(v.version - 1);
    const config = ZRoutingConfig.safeParse(v.rules);
    const previousConfig = previous ? ZRoutingConfig.safeParse(previous.rules) : null;
    return {
      version: v.version,
      publishedAt: v.publishedAt,
      publishedBy: v.publishedBy ? (names.get(v.publishedBy) ?? "Former user") : null,
      note: v.note,
      restoredFrom: v.restoredFrom,
      ruleCount: config.success ? config.data.rules.length : null,
      /** Handoffs and cases routed by this version. */
      decisions: decisions.get(v.version) ?? 0,
      changes:
        config.success && previousConfig?.success
          ? diffRoutingConfigs(previousConfig.data, config.data)
          : previous
            ? null
            : [{ kind: "added" as const, text: "The first rules" }],
    };
  });
}

/** The last 25 conversations, to test a draft on: when, intent, topic and page; no contact details. */
export async function recentConversationsForTest(db: Db) {
  const rows = await db.conversation.findMany({
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: 25,
    select: { id: true, receivedAt: true, intent: true, topic: true, pagePath: true },
  });
  const topicLabels = await loadTopicLabels(db);
  return rows.map((row) => ({ ...row, topic: row.topic ? (topicLabels.get(row.topic) ?? row.topic) : null }));
}
