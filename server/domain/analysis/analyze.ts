import { testAny } from "./text";
import {
  classifyIntent,
  customerSignals,
  decideCustomerStatus,
  detectTopic,
  intentSignals,
  isNoiseOnly,
} from "./classify";
import { detectConsent } from "./consent";
import { extractContact } from "./contact";
import { decideNextAction } from "./decide";
import { detectFlags } from "./flags";
import {
  isNeedClear,
  parseAmount,
  parseCount,
  qualificationOf,
  statedNeed,
  unresolvedQuestion,
  urgencyOf,
} from "./need";
import { compilePolicy, DEFAULT_POLICY, type AnalysisPolicy } from "./policy";
import { ZConversation } from "./schema";
import { maskBrief } from "./mask";
import { findSensitiveSpans } from "./sensitive";
import { summarise } from "./summary";
import { indexMessages } from "./text";
import type { LinearModel } from "./linear";
import type { Brief, Campaign, Conversation, Flag, Intent } from "./types";

export class InvalidConversationError extends Error {
  constructor(readonly issues: { path: string; message: string }[]) {
    super(`Invalid conversation: ${issues.map((i) => `${i.path || "conversation"} ${i.message}`).join("; ")}`);
    this.name = "InvalidConversationError";
  }
}

function campaignOf(conversation: Conversation): Campaign | null {
  if (conversation.campaign) return conversation.campaign;
  if (!conversation.pageUrl) return null;
  try {
    const params = new URL(conversation.pageUrl).searchParams;
    const campaign: Campaign = {
      source: params.get("utm_source"),
      medium: params.get("utm_medium"),
      campaign: params.get("utm_campaign"),
      term: params.get("utm_term"),
      content: params.get("utm_content"),
    };
    return Object.values(campaign).some(Boolean) ? campaign : null;
  } catch {
    return null;
  }
}

/** The learned models to use instead of the shipped ones (training's cross-validation). */
export interface LearnedModels {
  intent?: LinearModel<Intent>;
  flags?: LinearModel<Flag>;
}

/**
 * The rules analyzer: deterministic, explainable, fast, no network. Throws
 * InvalidConversationError (naming the field) for input that is not a conversation; any
 * conversation, however odd, gets a brief.
 */
export function analyzeWithRules(
  input: unknown,
  policy: AnalysisPolicy = DEFAULT_POLICY,
  models: LearnedModels = {},
): Brief {
  const parsed = ZConversation.safeParse(input);
  if (!parsed.success) {
    throw new InvalidConversationError(
      parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  }
  const conversation = parsed.data as Conversation;
  const compiled = compilePolicy(policy);
  const messages = indexMessages(conversation);

  const sensitive = findSensitiveSpans(messages, compiled);
  const signals = intentSignals(messages, compiled);
  const customer = customerSignals(messages, compiled, conversation.pageUrl);
  const needClear = !isNoiseOnly(messages) && isNeedClear(messages, compiled, signals);
  const intent = classifyIntent(messages, compiled, signals, customer, conversation.pageUrl, models.intent);
  const customerStatus = decideCustomerStatus(customer, intent.value);
  const flags = detectFlags(
    messages,
    compiled,
    intent.value,
    sensitive,
    customerStatus.value === "existing",
    models.flags,
  );
  // A complaint is a problem with something the visitor had from the business: support, not small talk.
  const complaint = flags.find((f) => f.flag === "complaint");
  if (intent.value === "other" && complaint) {
    intent.value = "support";
    intent.evidence = complaint.evidence.slice(0, 2);
  }
  // A customer in an emergency needs help with what they have: support.
  const emergency = flags.find((f) => f.flag === "emergency");
  if (intent.value === "sales" && emergency && customerStatus.value === "existing") {
    intent.value = "support";
    intent.evidence = emergency.evidence.slice(0, 2);
  }
  const contact = extractContact(messages, compiled, sensitive, conversation);
  const consent = detectConsent(messages, compiled, contact);
  const topic = detectTopic(
    messages,
    compiled,
    flags.some((f) => f.flag === "emergency"),
  );
  const qualification = qualificationOf(messages);

  const highValueReasons: string[] = [];
  const size = qualification.companySize ? parseCount(qualification.companySize.value) : null;
  if (size !== null && size >= compiled.highValue.minCompanySize)
    highValueReasons.push(`company size ${qualification.companySize!.value}`);
  const budget = qualification.budget ? parseAmount(qualification.budget.value) : null;
  if (budget !== null && budget >= compiled.highValue.minBudget)
    highValueReasons.push(`budget ${qualification.budget!.value}`);
  if (conversation.pageUrl && testAny(compiled.highValue.pages, conversation.pageUrl)) {
    highValueReasons.push("high-value page");
  }

  const nextAction = decideNextAction({
    messages,
    policy: compiled,
    intent: intent.value,
    flags,
    contact,
    consent: consent.status,
    needClear,
    topic,
  });

  const brief: Omit<Brief, "summary"> = {
    analyzer: "rules",
    fallbackReason: null,
    policyVersion: policy.version,
    intent,
    customerStatus,
    topic,
    contact,
    consent,
    needClear,
    statedNeed: statedNeed(messages, compiled),
    unresolvedQuestion: unresolvedQuestion(messages),
    urgency: urgencyOf(messages, compiled, flags),
    qualification,
    flags,
    sensitive,
    highValue: { value: highValueReasons.length > 0, reasons: highValueReasons },
    source: {
      pageUrl: conversation.pageUrl ?? null,
      referrer: conversation.referrer ?? null,
      campaign: campaignOf(conversation),
    },
    nextAction,
  };
  const masked = maskBrief(conversation, brief);
  return { ...masked, summary: summarise(masked) };
}

/**
 * Recomputes what follows from a brief's findings (the next action and the summary) after they
 * were changed, e.g. by merging a language model's grounded claims.
 */
export function redecide(input: Conversation, brief: Brief, policy: AnalysisPolicy = DEFAULT_POLICY): Brief {
  const compiled = compilePolicy(policy);
  const messages = indexMessages(input);
  const nextAction = decideNextAction({
    messages,
    policy: compiled,
    intent: brief.intent.value,
    flags: brief.flags,
    contact: brief.contact,
    consent: brief.consent.status,
    needClear: brief.needClear,
    topic: brief.topic,
  });
  const updated = maskBrief(input, { ...brief, nextAction });
  return { ...updated, summary: summarise(updated) };
}
