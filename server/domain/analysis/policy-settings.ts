import { z } from "zod";
import { ESCALATION_FLAGS } from "./decide";
import { FLAGS, type Flag } from "./types";
import type { AnalysisPolicy, TopicDefinition } from "./policy";

// What an admin changes in the escalation policy (settings, issue 7), kept as changes over the
// built-in policy rather than a copy of it, so improvements to the built-in phrase lists still reach
// an install that has edited its own. Admins add plain phrases (matched as whole words, whatever the
// case) and may switch built-in patterns off; nobody writes regular expressions in the console.

const ZPhrase = z
  .string()
  .trim()
  .min(2, "a phrase needs at least 2 characters")
  .max(100, "a phrase is at most 100 characters")
  .refine((phrase) => /[\p{L}\p{N}]/u.test(phrase), "a phrase needs a letter or a digit");

const ZPhraseChanges = z.object({
  /** Plain phrases added to the built-in ones. */
  add: z.array(ZPhrase).max(200, "at most 200 phrases").default([]),
  /** Built-in patterns switched off, by their exact source. */
  remove: z.array(z.string().max(5_000)).max(500).default([]),
});
export type PhraseChanges = z.infer<typeof ZPhraseChanges>;

const ZTopicId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "use lower-case letters, digits, - and _");

export const ZTopicSetting = z.object({
  id: ZTopicId,
  /** Required for a new topic; a built-in topic keeps its label when absent. */
  label: z.string().trim().min(1, "label is required").max(80).optional(),
  phrases: ZPhraseChanges.default({ add: [], remove: [] }),
  /** A built-in topic switched off. */
  removed: z.boolean().default(false),
});

export const ZPolicySettings = z.object({
  flags: z.partialRecord(z.enum(FLAGS), ZPhraseChanges).default({}),
  /** Flags that stop the bot (a person takes over at once) besides frustration and repetition. */
  stopBotAlso: z.array(z.enum(ESCALATION_FLAGS)).max(ESCALATION_FLAGS.length).default([]),
  highValue: z
    .object({
      minCompanySize: z.number().int("use a whole number").min(1, "at least 1").max(10_000_000).optional(),
      minBudget: z.number().min(1, "at least 1").max(1e12).optional(),
      /** Page paths (plain, "*" for any characters) whose visitors are high value. */
      pages: z
        .object({
          add: z
            .array(
              z
                .string()
                .trim()
                .regex(/^\/[^\s]{0,200}$/, "a page path starts with / (use * for any characters)"),
            )
            .max(100)
            .default([]),
          remove: z.array(z.string().max(5_000)).max(100).default([]),
        })
        .default({ add: [], remove: [] }),
    })
    .default({ pages: { add: [], remove: [] } }),
  topics: z.array(ZTopicSetting).max(200).default([]),
});
export type PolicySettings = z.infer<typeof ZPolicySettings>;
export const EMPTY_POLICY_SETTINGS: PolicySettings = ZPolicySettings.parse({});

/** Clarifying questions from approved language (settings), per topic id, and the fallback. */
export interface ClarifyingQuestions {
  byTopic: Record<string, string>;
  fallback: string | null;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A plain phrase as a pattern: whole words, any run of spaces between them. */
export function phrasePattern(phrase: string): string {
  const words = phrase.trim().split(/\s+/).map(escape).join("\\s+");
  const start = /^[\p{L}\p{N}]/u.test(phrase.trim()) ? "\\b" : "";
  const end = /[\p{L}\p{N}]$/u.test(phrase.trim()) ? "\\b" : "";
  return `${start}${words}${end}`;
}

/**
 * A page path with "*" as a pattern the analysis tests on the page's whole address: any scheme and
 * host before it, any query or fragment after ("/pricing" matches https://acme.example/pricing?x=1).
 */
export function pagePattern(path: string): string {
  return `^(?:[a-z][a-z0-9+.-]*://[^/?#]*)?${path.split("*").map(escape).join("[^?#]*")}(?:[?#].*)?$`;
}

function applyChanges(patterns: readonly string[], changes: PhraseChanges | undefined, toPattern = phrasePattern) {
  if (!changes) return [...patterns];
  const removed = new Set(changes.remove);
  return [...patterns.filter((p) => !removed.has(p)), ...changes.add.map(toPattern)];
}

export class PolicySettingsError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = "PolicySettingsError";
  }
}

/**
 * The policy the analysis uses: the built-in one with the admin's changes and approved clarifying
 * questions. Throws PolicySettingsError (with its path) for a new topic without a label or phrases.
 */
export function applyPolicySettings(
  base: AnalysisPolicy,
  settings: PolicySettings,
  questions: ClarifyingQuestions = { byTopic: {}, fallback: null },
  version = `${base.version}+settings`,
): AnalysisPolicy {
  const policy = structuredClone(base) as AnalysisPolicy;
  policy.version = version;
  for (const flag of FLAGS) policy.flags[flag] = applyChanges(base.flags[flag], settings.flags[flag]);
  policy.stopBotAlso = [...settings.stopBotAlso];
  policy.highValue = {
    minCompanySize: settings.highValue.minCompanySize ?? base.highValue.minCompanySize,
    minBudget: settings.highValue.minBudget ?? base.highValue.minBudget,
    pages: applyChanges(base.highValue.pages, settings.highValue.pages, pagePattern),
  };
  const byId = new Map(settings.topics.map((topic) => [topic.id, topic]));
  const topics: TopicDefinition[] = [];
  for (const topic of base.topics) {
    const change = byId.get(topic.id);
    if (change?.removed) continue;
    topics.push({
      ...topic,
      label: change?.label ?? topic.label,
      patterns: applyChanges(topic.patterns, change?.phrases),
    });
  }
  if (questions.fallback) policy.defaultClarifyingQuestion = questions.fallback;
  settings.topics.forEach((topic, index) => {
    if (base.topics.some((t) => t.id === topic.id) || topic.removed) return;
    if (!topic.label) throw new PolicySettingsError(`topics.${index}.label`, "a new topic needs a label");
    if (topic.phrases.add.length === 0)
      throw new PolicySettingsError(`topics.${index}.phrases.add`, "a new topic needs at least one phrase");
    topics.push({
      id: topic.id,
      label: topic.label,
      patterns: topic.phrases.add.map(phrasePattern),
      clarifyingQuestion: policy.defaultClarifyingQuestion,
    });
  });
  for (const topic of topics) topic.clarifyingQuestion = questions.byTopic[topic.id] ?? topic.clarifyingQuestion;
  policy.topics = topics;
  return policy;
}

/** What one set of changes does differently from another, in sentences, for the publish dialog and history. */
export function describePolicyChanges(before: PolicySettings, after: PolicySettings): string[] {
  const lines: string[] = [];
  const listDiff = (label: string, was: PhraseChanges | undefined, now: PhraseChanges | undefined) => {
    const added = (now?.add ?? []).filter((p) => !(was?.add ?? []).includes(p));
    const dropped = (was?.add ?? []).filter((p) => !(now?.add ?? []).includes(p));
    const off = (now?.remove ?? []).filter((p) => !(was?.remove ?? []).includes(p)).length;
    const on = (was?.remove ?? []).filter((p) => !(now?.remove ?? []).includes(p)).length;
    if (added.length) lines.push(`${label}: added ${added.map((p) => `"${p}"`).join(", ")}`);
    if (dropped.length) lines.push(`${label}: removed ${dropped.map((p) => `"${p}"`).join(", ")}`);
    if (off) lines.push(`${label}: switched off ${off} built-in pattern${off === 1 ? "" : "s"}`);
    if (on) lines.push(`${label}: switched on ${on} built-in pattern${on === 1 ? "" : "s"} again`);
  };
  for (const flag of FLAGS) listDiff(`Flag ${flag}`, before.flags[flag as Flag], after.flags[flag as Flag]);
  const stopWas = new Set(before.stopBotAlso);
  const stopNow = new Set(after.stopBotAlso);
  for (const flag of stopNow) if (!stopWas.has(flag)) lines.push(`The bot now also stops on ${flag}`);
  for (const flag of stopWas) if (!stopNow.has(flag)) lines.push(`The bot no longer stops on ${flag}`);
  if (before.highValue.minCompanySize !== after.highValue.minCompanySize)
    lines.push(`High value: company size from ${after.highValue.minCompanySize ?? "the built-in value"}`);
  if (before.highValue.minBudget !== after.highValue.minBudget)
    lines.push(`High value: budget from ${after.highValue.minBudget ?? "the built-in value"}`);
  listDiff("High-value pages", before.highValue.pages, after.highValue.pages);
  const topicIds = new Set([...before.topics, ...after.topics].map((t) => t.id));
  for (const id of topicIds) {
    const was = before.topics.find((t) => t.id === id);
    const now = after.topics.find((t) => t.id === id);
    if (now?.removed && !was?.removed) lines.push(`Topic ${id}: switched off`);
    if (was?.removed && !now?.removed) lines.push(`Topic ${id}: switched on again`);
    if ((now?.label ?? null) !== (was?.label ?? null) && now?.label) lines.push(`Topic ${id}: label "${now.label}"`);
    listDiff(`Topic ${id}`, was?.phrases, now?.phrases);
  }
  return lines;
}
