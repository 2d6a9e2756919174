import { ESCALATION_FLAGS, STOP_BOT_FLAGS } from "../analysis/decide";
import type { Brief } from "../analysis/types";
import type { RoutingDecision } from "../routing/route";
import type { LeadMatchResult } from "./match-lead";

// Handoff or exception. An owner gets a conversation only when it is safe to contact the visitor
// and nothing needs a human's judgement first: contact details, consent given, a clear request, no
// escalation flag, no doubt about who the visitor is or who should have them. Anything else becomes a
// case in the exception queue with every reason that applies, so a reviewer sees why at once.

export const CASE_REASONS = [
  "spam_suspect",
  ...STOP_BOT_FLAGS,
  ...ESCALATION_FLAGS,
  "missing_contact",
  "consent_refused",
  "unclear_consent",
  "low_confidence",
  "duplicate",
  "territory_conflict",
  "existing_customer_conflict",
  "high_value",
  /** Routing found nobody to give it to (an empty team, an account owner who left). */
  "no_owner",
] as const;
export type CaseReason = (typeof CASE_REASONS)[number];

/** Why a conversation needs a person, in a reviewer's words (the queue, dashboards and report). */
export const CASE_REASON_LABELS: Readonly<Record<CaseReason, string>> = {
  spam_suspect: "Possible spam",
  frustration: "Frustrated visitor",
  repetition: "Repeating themselves",
  emergency: "Emergency",
  legal_advice: "Legal advice",
  sensitive_data: "Sensitive data",
  bot_promise: "Bot made a promise",
  guarantee_request: "Wants a guarantee",
  pricing_request: "Pricing question",
  custom_scope: "Custom scope",
  complaint: "Complaint",
  missing_contact: "No contact details",
  consent_refused: "Consent refused",
  unclear_consent: "Consent unclear",
  low_confidence: "Need unclear",
  duplicate: "Possible duplicate",
  territory_conflict: "Territory conflict",
  existing_customer_conflict: "Customer status conflict",
  high_value: "High value",
  no_owner: "No owner found",
};

export type Triage = { kind: "handoff" } | { kind: "case"; reasons: CaseReason[] };

export function triageConversation(input: {
  brief: Brief;
  match: LeadMatchResult;
  routing: RoutingDecision;
  /** Whether routing's choice resolved to a person. */
  ownerFound: boolean;
  /** An email or phone is known, in the transcript or from the platform's contact record or a form. */
  reachable?: boolean;
}): Triage {
  const { brief, match, routing } = input;
  const reasons = new Set<CaseReason>();
  if (brief.intent.value === "spam") reasons.add("spam_suspect");
  for (const flag of [...STOP_BOT_FLAGS, ...ESCALATION_FLAGS]) {
    if (brief.flags.some((f) => f.flag === flag)) reasons.add(flag);
  }
  if (!(input.reachable ?? Boolean(brief.contact.email || brief.contact.phone))) reasons.add("missing_contact");
  if (brief.consent.status === "refused") reasons.add("consent_refused");
  else if (brief.consent.status !== "given") reasons.add("unclear_consent");
  if (!brief.needClear || (!brief.unresolvedQuestion && !brief.statedNeed)) reasons.add("low_confidence");
  if (match.possibleDuplicates.length > 0) reasons.add("duplicate");
  if (routing.territoryConflicts.length > 0) reasons.add("territory_conflict");
  // The visitor says they are a customer, but the record their details match says otherwise.
  if (brief.customerStatus.value === "existing" && match.linked && match.linked.lead.kind !== "customer")
    reasons.add("existing_customer_conflict");
  if (brief.highValue.value) reasons.add("high_value");
  if (!input.ownerFound) reasons.add("no_owner");

  if (reasons.size === 0) return { kind: "handoff" };
  return { kind: "case", reasons: CASE_REASONS.filter((r) => reasons.has(r)) };
}
