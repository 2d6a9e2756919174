import { redactText } from "../../domain/analysis/sensitive";
import type { Brief, ConsentStatus, SensitiveSpan } from "../../domain/analysis/types";
import { maskEmail, maskPhone, maskText } from "../../domain/redaction/mask";

// What an owner sees of a conversation: the brief as reviewers corrected it, the consent that
// decides whether they may contact the visitor, and contact details in clear only with that
// consent. Shared by the inbox and the first reply, so both read the same truth.

/** Reviewers' corrections, kept beside the brief: { [field]: { value, editedById, editedAt } }. */
type BriefEdits = Record<string, { value?: unknown } | undefined>;

/** A brief field as corrected by a reviewer (brief_edits, by the Brief's field name) or as analysed. */
function edited(edits: unknown, field: string): { value: string | null } | undefined {
  const entry = edits && typeof edits === "object" ? (edits as BriefEdits)[field] : undefined;
  if (!entry || typeof entry !== "object" || !("value" in entry)) return undefined;
  const value = entry.value;
  return { value: typeof value === "string" && value.trim() ? value.trim() : null };
}

export interface BriefView {
  summary: string;
  statedNeed: string | null;
  /** "none" when the visitor has nothing left unanswered. */
  unresolvedQuestion: string;
  urgency: { level: string; reason: string };
  intent: string;
  topic: string | null;
}

/**
 * The brief as an owner reads it, reviewers' corrections first. Without consent to contact
 * (`showContact` false), email addresses and phone numbers in its text are masked, as they are in
 * the contact block: the summary names them.
 */
export function briefView(brief: Brief, edits: unknown, { showContact = true } = {}): BriefView {
  const need = edited(edits, "statedNeed");
  const question = edited(edits, "unresolvedQuestion");
  const summary = edited(edits, "summary");
  const shown = (text: string) => (showContact ? text : maskText(text));
  const statedNeed = need ? need.value : (brief.statedNeed?.value ?? null);
  return {
    summary: shown(summary?.value ?? brief.summary),
    statedNeed: statedNeed === null ? null : shown(statedNeed),
    unresolvedQuestion: shown((question ? question.value : brief.unresolvedQuestion?.value) ?? "none"),
    urgency: { level: brief.urgency.level, reason: brief.urgency.reason },
    intent: brief.intent.value,
    topic: brief.topic?.label ?? null,
  };
}

export interface ConsentView {
  status: ConsentStatus;
  /** The visitor's words that decide it, when the transcript holds them. */
  quote: string | null;
  recordedAt: Date | null;
}

/**
 * The consent in force: the latest consent record (ingest writes one whenever the effective
 * consent changes: the widget's recorded answer, or the transcript's), else the brief's reading.
 */
export function consentView(
  records: readonly { status: ConsentStatus; words: string | null; recordedAt: Date }[],
  brief: Brief,
): ConsentView {
  const latest = records.toSorted((a, b) => b.recordedAt.getTime() - a.recordedAt.getTime())[0];
  if (latest) return { status: latest.status, quote: latest.words, recordedAt: latest.recordedAt };
  return { status: brief.consent.status, quote: brief.consent.evidence?.quote ?? null, recordedAt: null };
}

export interface ContactView {
  name: string | null;
  company: string | null;
  email: string | null;
  phone: string | null;
  /** True when email and phone are masked because the visitor has not agreed to be contacted. */
  masked: boolean;
  note: string | null;
}

export interface VisitorDetails {
  name: string | null;
  email: string | null;
  phone: string | null;
  company: string | null;
}

/** The visitor's details: the brief's, else what the platform sent, else the linked lead's. */
export function visitorDetails(
  brief: Brief,
  visitorFields: unknown,
  lead: { name: string | null; email: string | null; phoneE164: string | null; company: string | null } | null,
): VisitorDetails {
  const fields = (visitorFields && typeof visitorFields === "object" ? visitorFields : {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === "string" && value.trim() ? value.trim() : null);
  return {
    name: brief.contact.name?.value ?? text(fields.name) ?? lead?.name ?? null,
    email: (brief.contact.email?.value ?? text(fields.email) ?? lead?.email ?? null)?.toLowerCase() ?? null,
    phone: brief.contact.phone?.e164 ?? brief.contact.phone?.value ?? text(fields.phone) ?? lead?.phoneE164 ?? null,
    company: brief.contact.company?.value ?? text(fields.company) ?? lead?.company ?? null,
  };
}

export function contactView(details: VisitorDetails, consent: ConsentStatus): ContactView {
  if (consent === "given") return { ...details, masked: false, note: null };
  return {
    ...details,
    email: details.email ? maskEmail(details.email) : null,
    phone: details.phone ? maskPhone(details.phone) : null,
    masked: true,
    note: "no consent to contact",
  };
}

export interface TranscriptMessage {
  role: string;
  text: string;
  at: string | null;
}

/**
 * The transcript as an owner may read it: sensitive data (card numbers, passwords, health) always
 * labelled, and, without consent to contact, email addresses and phone numbers masked too.
 */
export function transcriptView(messages: unknown, sensitive: readonly SensitiveSpan[], consent: ConsentStatus) {
  const list = Array.isArray(messages) ? (messages as { role?: unknown; text?: unknown; at?: unknown }[]) : [];
  return list.map((message, index): TranscriptMessage => {
    const raw = typeof message.text === "string" ? message.text : "";
    const spans = sensitive.filter((s) => s.message === index);
    const redacted = spans.length ? redactText(raw, spans) : raw;
    return {
      role: typeof message.role === "string" ? message.role : "visitor",
      text: consent === "given" ? redacted : maskText(redacted),
      at: typeof message.at === "string" ? message.at : null,
    };
  });
}

/** The visitor's own messages, for the promise check (amounts they wrote are not the business's). */
export function visitorMessages(messages: unknown): string[] {
  const list = Array.isArray(messages) ? (messages as { role?: unknown; text?: unknown }[]) : [];
  return list.filter((m) => m.role === "visitor" && typeof m.text === "string").map((m) => m.text as string);
}
