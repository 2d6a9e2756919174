import { CASE_REASON_LABELS, CASE_REASONS, type CaseReason } from "@/server/domain/intake/triage";

type Tone = "neutral" | "green" | "amber" | "red" | "blue";

const TONES: Readonly<Record<CaseReason, Tone>> = {
  spam_suspect: "amber",
  frustration: "red",
  repetition: "amber",
  emergency: "red",
  legal_advice: "amber",
  sensitive_data: "red",
  bot_promise: "amber",
  guarantee_request: "amber",
  pricing_request: "blue",
  custom_scope: "blue",
  complaint: "red",
  missing_contact: "neutral",
  consent_refused: "red",
  unclear_consent: "amber",
  low_confidence: "neutral",
  duplicate: "blue",
  territory_conflict: "amber",
  existing_customer_conflict: "amber",
  high_value: "green",
  no_owner: "amber",
};

/** Why a conversation needs a person, in a reviewer's words, with the colour its chip takes. */
export const REASON_LABELS: Readonly<Record<CaseReason, { label: string; tone: Tone }>> = Object.fromEntries(
  CASE_REASONS.map((reason) => [reason, { label: CASE_REASON_LABELS[reason], tone: TONES[reason] }]),
) as Record<CaseReason, { label: string; tone: Tone }>;

export function reasonLabel(reason: string): { label: string; tone: Tone } {
  return REASON_LABELS[reason as CaseReason] ?? { label: reason.replace(/_/g, " "), tone: "neutral" };
}

export const RESOLUTION_LABELS: Readonly<Record<string, string>> = {
  approved: "Approved",
  reassigned: "Reassigned",
  spam: "Marked as spam",
  handed_off_after_update: "Handed off after an update",
};
