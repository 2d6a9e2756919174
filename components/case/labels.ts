import { CASE_REASON_LABELS } from "@/server/domain/intake/triage";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

// The case view's data (as the cases router returns it) and the words the view uses for codes.

export type CaseReview = inferRouterOutputs<AppRouter>["cases"]["get"];
export type ViewEvidence = CaseReview["brief"]["flags"][number]["evidence"][number];
export type ViewMessage = CaseReview["messages"][number];
export type Candidate = CaseReview["candidates"][number];

export type DialogName = "approve" | "reassign" | "merge" | "spam" | "consent" | "edit" | "note" | "escalate" | "help";

export const EDITABLE_FIELDS = [
  { field: "statedNeed", label: "Stated need" },
  { field: "unresolvedQuestion", label: "Unresolved question" },
  { field: "urgency", label: "Urgency" },
  { field: "topic", label: "Topic" },
  { field: "contactName", label: "Contact name" },
  { field: "company", label: "Company" },
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number]["field"];

export const FLAG_LABELS: Record<string, string> = {
  pricing_request: "Pricing request",
  custom_scope: "Custom scope",
  legal_advice: "Legal advice",
  emergency: "Emergency",
  guarantee_request: "Guarantee request",
  frustration: "Frustration",
  repetition: "Repetition",
  sensitive_data: "Sensitive data",
  complaint: "Complaint",
  bot_promise: "Bot promise",
};

/** The queue's words for a case's reasons, so a reason reads the same on every screen. */
export const REASON_LABELS: Record<string, string> = CASE_REASON_LABELS;

export const ROLE_LABELS = { visitor: "Visitor", bot: "Bot", agent: "Agent (human)" } as const;

export const CONSENT_LABELS: Record<string, { label: string; tone: "green" | "red" | "amber" }> = {
  given: { label: "Given", tone: "green" },
  refused: { label: "Refused", tone: "red" },
  unclear: { label: "Unclear", tone: "amber" },
  not_asked: { label: "Not asked", tone: "amber" },
};

export const RESOLUTION_LABELS: Record<string, string> = {
  approved: "Approved",
  reassigned: "Reassigned",
  spam: "Spam",
  handed_off_after_update: "Handed off after a new message",
};

export const ACTION_LABELS: Record<string, string> = {
  "case.claimed": "Claimed the case",
  "case.claim_taken_over": "Took over the claim",
  "case.released": "Released the claim",
  "case.approved": "Approved the handoff",
  "case.reassigned": "Reassigned the handoff",
  "case.spam": "Marked as spam",
  "case.consent_requested": "Requested consent",
  "case.brief_edited": "Edited the brief",
  "case.note_added": "Added a note",
  "case.escalated": "Escalated to a manager",
  "case.lead_merged": "Merged the lead",
  "case.lead_merge_undone": "Undid a lead merge",
  "case.revealed": "Revealed masked data",
};

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });
const time = new Intl.DateTimeFormat("en-GB", { timeStyle: "short" });

export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return "—";
  return dateTime.format(typeof value === "string" ? new Date(value) : value);
}

export function formatTime(value: Date | string | null | undefined): string {
  if (!value) return "";
  return time.format(typeof value === "string" ? new Date(value) : value);
}

/** The path of a page address, for a compact label ("/services/flat-roofs"). */
export function pagePath(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return url;
  }
}
