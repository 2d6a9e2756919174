import type { z } from "zod";
import { analyzeWithRules } from "../../domain/analysis";
import { parsePastedTranscript } from "../../domain/analysis/pasted-transcript";
import { compilePolicy, DEFAULT_POLICY, PolicyPatternError, type AnalysisPolicy } from "../../domain/analysis/policy";
import {
  applyPolicySettings,
  describePolicyChanges,
  EMPTY_POLICY_SETTINGS,
  PolicySettingsError,
  ZPolicySettings,
  type PolicySettings,
} from "../../domain/analysis/policy-settings";
import {
  currentConsentWording,
  DEFAULT_LANGUAGE,
  describeLanguageChanges,
  sentencesOf,
  ZApprovedLanguage,
  type ApprovedLanguage,
} from "../../domain/replies/approved-language";
import { checkReplyForPromises, RISK_NAMES } from "../../domain/replies/promise-check";
import type { Db } from "../../db/client";
import { AppError } from "../../errors";
import { sqlQuery } from "../../db/sql";
import { publishedDocument, type VersionedKind } from "./versioned";

// The escalation policy and approved language as the analysis and the bot use them: the built-in
// policy with the admin's published changes and clarifying questions. Each conversation asks for
// the newest version numbers (one small read); the policy is rebuilt and compiled only when one
// changes, so a publish reaches ingest on the next conversation, without a restart.

function policyCheck(settings: PolicySettings): void {
  try {
    compilePolicy(applyPolicySettings(DEFAULT_POLICY, settings));
  } catch (error) {
    if (error instanceof PolicySettingsError)
      throw new AppError("BAD_REQUEST", `document.${error.message}`, { field: `document.${error.path}` });
    if (error instanceof PolicyPatternError) throw new AppError("BAD_REQUEST", error.message);
    throw error;
  }
}

export const POLICY: VersionedKind<typeof ZPolicySettings> = {
  kind: "policy",
  schema: ZPolicySettings,
  initial: EMPTY_POLICY_SETTINGS,
  describe: describePolicyChanges,
  check: policyCheck,
};

function languageCheck(language: ApprovedLanguage): void {
  for (const sentence of sentencesOf(language)) {
    const risks = checkReplyForPromises(sentence.text);
    if (risks.length > 0) {
      const risk = risks[0]!;
      throw new AppError(
        "BAD_REQUEST",
        `document.${sentence.path}: "${risk.quote}" reads as a promise (${RISK_NAMES[risk.kind]}); approved language may not promise pricing, timing, scope, results or fit`,
        { field: `document.${sentence.path}` },
      );
    }
  }
}

export const LANGUAGE: VersionedKind<typeof ZApprovedLanguage> = {
  kind: "language",
  schema: ZApprovedLanguage,
  initial: DEFAULT_LANGUAGE,
  describe: describeLanguageChanges,
  check: languageCheck,
  checkAgainstPublished: (published, next) => checkWordingsKept(published, next),
  // Consent wordings shown since are kept (records name them); the older version's wording is asked again.
  rollbackDocument: (target, current) => {
    const known = new Set(target.consentWordings.map((w) => w.version));
    const shownSince = current.consentWordings.filter((w) => !known.has(w.version));
    return {
      ...target,
      consentWordings: [...target.consentWordings.slice(0, -1), ...shownSince, target.consentWordings.at(-1)!],
    };
  },
};

/** A published consent wording is never changed or dropped: a visitor's record names it. Add a new version instead. */
export function checkWordingsKept(published: ApprovedLanguage, next: ApprovedLanguage): void {
  const byVersion = new Map(next.consentWordings.map((w) => [w.version, w.text]));
  published.consentWordings.forEach((wording) => {
    const text = byVersion.get(wording.version);
    if (text === undefined)
      throw new AppError(
        "BAD_REQUEST",
        `document.consentWordings: ${wording.version} was shown to visitors and must be kept`,
        { field: "document.consentWordings" },
      );
    if (text !== wording.text) {
      const index = next.consentWordings.findIndex((w) => w.version === wording.version);
      throw new AppError(
        "BAD_REQUEST",
        `document.consentWordings.${index}.text: ${wording.version} was shown to visitors; add a new version instead of changing it`,
        { field: `document.consentWordings.${index}.text` },
      );
    }
  });
}

let cache: { key: string; policy: AnalysisPolicy; language: ApprovedLanguage } | null = null;

/** The analysis policy and approved language in force. */
export async function loadAnalysisSettings(db: Db): Promise<{ policy: AnalysisPolicy; language: ApprovedLanguage }> {
  // Every conversation asks: one small statement through the driver for both version numbers.
  const newest = await sqlQuery<{ kind: string; version: number }>(
    `SELECT kind, max(version)::int AS version FROM settings_versions WHERE kind IN ('policy', 'language') GROUP BY kind`,
  );
  const versionOf = (kind: string) => newest.find((row) => row.kind === kind)?.version ?? 0;
  const [policyVersion, languageVersion] = [versionOf("policy"), versionOf("language")];
  const key = `${policyVersion}:${languageVersion}`;
  if (cache?.key === key) return cache;
  if (policyVersion === 0 && languageVersion === 0) {
    cache = { key, policy: DEFAULT_POLICY, language: DEFAULT_LANGUAGE };
    return cache;
  }
  const [policy, language] = await Promise.all([publishedDocument(db, POLICY), publishedDocument(db, LANGUAGE)]);
  cache = {
    key,
    policy: buildPolicy(
      policy.document,
      language.document,
      `${DEFAULT_POLICY.version}+p${policyVersion}.l${languageVersion}`,
    ),
    language: language.document,
  };
  return cache;
}

export function buildPolicy(settings: PolicySettings, language: ApprovedLanguage, version?: string): AnalysisPolicy {
  return applyPolicySettings(
    DEFAULT_POLICY,
    settings,
    { byTopic: language.clarifyingQuestions, fallback: language.defaultClarifyingQuestion ?? null },
    version,
  );
}

/** What the analysis flags on sample text under a policy: the flags with their words, and what happens next. */
function analyseSample(policy: AnalysisPolicy, text: string, pageUrl: string | null) {
  const messages = parsePastedTranscript(text);
  if (messages.length === 0)
    throw new AppError("BAD_REQUEST", "text: write or paste something to test", { field: "text" });
  const brief = analyzeWithRules({ messages, pageUrl }, policy);
  return {
    flags: brief.flags.map((flag) => ({
      flag: flag.flag,
      quotes: flag.evidence.map((e) => e.quote),
      byModel: Boolean(flag.model),
    })),
    intent: brief.intent.value,
    topic: brief.topic ? { id: brief.topic.id, label: brief.topic.label } : null,
    highValue: brief.highValue,
    nextAction: brief.nextAction,
    urgency: brief.urgency.level,
  };
}

/** The test box: the draft and the policy in force on the same sample, side by side. */
export async function testPolicyDraft(db: Db, input: { document: unknown; text: string; pageUrl?: string }) {
  const parsed = ZPolicySettings.safeParse(input.document);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const path = ["document", ...(first?.path ?? [])].join(".");
    throw new AppError("BAD_REQUEST", `${path}: ${first?.message}`, { field: path });
  }
  policyCheck(parsed.data);
  const inForce = await loadAnalysisSettings(db);
  const draft = buildPolicy(parsed.data, inForce.language);
  const pageUrl = input.pageUrl?.trim() || null;
  return {
    draft: analyseSample(draft, input.text, pageUrl),
    published: analyseSample(inForce.policy, input.text, pageUrl),
  };
}

/** The choices the policy editor offers: flags, and each topic with its built-in patterns. */
export function policyReference() {
  return {
    flags: Object.fromEntries(
      Object.entries(DEFAULT_POLICY.flags).map(([flag, patterns]) => [flag, patterns]),
    ) as Record<string, string[]>,
    highValue: DEFAULT_POLICY.highValue,
    topics: DEFAULT_POLICY.topics.map((t) => ({
      id: t.id,
      label: t.label,
      patterns: t.patterns,
      clarifyingQuestion: t.clarifyingQuestion,
    })),
    defaultClarifyingQuestion: DEFAULT_POLICY.defaultClarifyingQuestion,
  };
}

/**
 * Topic ids to labels: the topics in force (an admin's new ones and renames), then the built-in
 * ones (so conversations from before a topic was switched off still read well).
 */
export async function loadTopicLabels(db: Db): Promise<Map<string, string>> {
  const { policy } = await loadAnalysisSettings(db);
  return new Map([
    ...DEFAULT_POLICY.topics.map((t) => [t.id, t.label] as const),
    ...policy.topics.map((t) => [t.id, t.label] as const),
  ]);
}

/** The topics in force (built-in and the admin's), each with the question asked when none is approved. */
export async function languageTopics(db: Db) {
  const { policy } = await loadAnalysisSettings(db);
  const builtIn = new Map(DEFAULT_POLICY.topics.map((t) => [t.id, t.clarifyingQuestion]));
  return policy.topics.map((topic) => ({
    id: topic.id,
    label: topic.label,
    clarifyingQuestion: builtIn.get(topic.id) ?? DEFAULT_POLICY.defaultClarifyingQuestion,
  }));
}

export type PolicyDocument = z.infer<typeof ZPolicySettings>;
export { currentConsentWording };
