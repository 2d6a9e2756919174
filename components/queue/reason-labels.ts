import type { CaseReason } from "@/server/domain/intake/triage";

type Tone = "neutral" | "green" | "amber" | "red" | "blue";

/** Why a conversation needs a person, in a reviewer's words, with the colour its chip takes. */
export const REASON_LABELS: Readonly<Record<CaseReason, { label: string; tone: Tone }>> = {
  spam_suspect: { label: "Possible spam", tone: "amber" },
  frustration: { label: "Frustrated visitor", tone: "red" },
  repetition: { label: "Repeating themselves", tone: "amber" },
  emergency: { label: "Emergency", tone: "red" },
  legal_advice: { label: "Legal advice", tone: "amber" },
  sensitive_data: { label: "Sensitive data", tone: "red" },
  bot_promise: { label: "Bot made a promise", tone: "amber" },
  guarantee_request: { label: "Wants a guarantee", tone: "amber" },
  pricing_request: { label: "Pricing question", tone: "blue" },
  custom_scope: { label: "Custom scope", tone: "blue" },
  complaint: { label: "Complaint", tone: "red" },
  missing_contact: { label: "No contact details", tone: "neutral" },
  consent_refused: { label: "Consent refused", tone: "red" },
  unclear_consent: { label: "Consent unclear", tone: "amber" },
  low_confidence: { label: "Need unclear", tone: "neutral" },
  duplicate: { label: "Possible duplicate", tone: "blue" },
  territory_conflict: { label: "Territory conflict", tone: "amber" },
  existing_customer_conflict: { label: "Customer status conflict", tone: "amber" },
  high_value: { label: "High value", tone: "green" },
  no_owner: { label: "No owner found", tone: "amber" },
};

export function reasonLabel(reason: string): { label: string; tone: Tone } {
  return REASON_LABELS[reason as CaseReason] ?? { label: reason.replace(/_/g, " "), tone: "neutral" };
}

export const RESOLUTION_LABELS: Readonly<Record<string, string>> = {
  approved: "Approved",
  reassigned: "Reassigned",
  spam: "Marked as spam",
  handed_off_after_update: "Handed off after an update",
};
