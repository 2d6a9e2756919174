// The conversation analysis contract: what goes in (a transcript) and what comes out (a brief in
// which every statement points at the message that supports it).

export const MESSAGE_ROLES = ["visitor", "bot", "agent"] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

export interface Message {
  role: MessageRole;
  text: string;
  /** ISO 8601 time, when the platform sent one. */
  at?: string | null;
}

export interface Campaign {
  source?: string | null;
  medium?: string | null;
  campaign?: string | null;
  term?: string | null;
  content?: string | null;
}

export interface Conversation {
  messages: Message[];
  pageUrl?: string | null;
  referrer?: string | null;
  /** UTM fields; read from pageUrl when absent. */
  campaign?: Campaign | null;
  locale?: string | null;
}

/**
 * A quoted span of one message: `quote` is `messages[message].text.slice(start, end)` with any
 * sensitive data inside it replaced by a label such as "[card number]".
 */
export interface Evidence {
  message: number;
  start: number;
  end: number;
  quote: string;
}

export const INTENTS = ["sales", "support", "spam", "other"] as const;
export type Intent = (typeof INTENTS)[number];

export const CUSTOMER_STATUSES = ["existing", "new_or_unknown"] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

export const CONSENT_STATUSES = ["given", "refused", "unclear", "not_asked"] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

export const FLAGS = [
  "pricing_request",
  "custom_scope",
  "legal_advice",
  "emergency",
  "guarantee_request",
  "frustration",
  "repetition",
  "sensitive_data",
  "complaint",
  "bot_promise",
] as const;
export type Flag = (typeof FLAGS)[number];

export const URGENCY_LEVELS = ["low", "normal", "high"] as const;
export type UrgencyLevel = (typeof URGENCY_LEVELS)[number];

export const NEXT_ACTIONS = [
  "discard",
  "stop_bot",
  "escalate",
  "handoff",
  "clarify",
  "collect_contact",
  "ask_consent",
  "continue",
] as const;
export type NextAction = (typeof NEXT_ACTIONS)[number];

export const SENSITIVE_KINDS = [
  "card_number",
  "iban",
  "bank_account",
  "government_id",
  "password",
  "pin",
  "security_answer",
  "health",
] as const;
export type SensitiveKind = (typeof SENSITIVE_KINDS)[number];

export interface Finding<T> {
  value: T;
  evidence: Evidence[];
}

export interface PhoneFinding extends Finding<string> {
  /** E.164 when the number could be normalised (with the region inferred from the page or locale). */
  e164: string | null;
}

export interface Contact {
  name: Finding<string> | null;
  /** Lower-cased, written as an address even when typed obfuscated. */
  email: Finding<string> | null;
  /** As the visitor gave it, plus its E.164 form. */
  phone: PhoneFinding | null;
  company: Finding<string> | null;
}

export interface Consent {
  status: ConsentStatus;
  /** The visitor's words that decide the status (null for not_asked, or unclear without an answer). */
  evidence: Evidence | null;
  /** The business's question the visitor answered, when there was one. */
  question: Evidence | null;
}

export interface FlagFinding {
  flag: Flag;
  evidence: Evidence[];
  /**
   * Set when the learned word model raised the flag and no phrase did: its probability and the
   * words that weighed most, so a reviewer sees why.
   */
  model?: { probability: number; words: string[] };
}

export interface SensitiveSpan {
  kind: SensitiveKind;
  message: number;
  start: number;
  end: number;
}

export interface Qualification {
  companySize: Finding<string> | null;
  budget: Finding<string> | null;
  timeline: Finding<string> | null;
  location: Finding<string> | null;
}

export interface Topic {
  id: string;
  label: string;
  evidence: Evidence[];
}

export interface Decision {
  action: NextAction;
  /** Why, in order of weight: machine codes an owner's UI can translate. */
  reasons: string[];
  /** For `clarify`: the one question to ask, from approved language. */
  question: string | null;
}

export interface Brief {
  analyzer: "rules" | "llm";
  /** Set when the language model failed and the rules produced this brief instead. */
  fallbackReason: string | null;
  policyVersion: string;
  intent: Finding<Intent>;
  customerStatus: Finding<CustomerStatus>;
  topic: Topic | null;
  contact: Contact;
  consent: Consent;
  needClear: boolean;
  statedNeed: Finding<string> | null;
  unresolvedQuestion: Finding<string> | null;
  urgency: { level: UrgencyLevel; reason: string; evidence: Evidence[] };
  qualification: Qualification;
  flags: FlagFinding[];
  sensitive: SensitiveSpan[];
  highValue: { value: boolean; reasons: string[] };
  source: { pageUrl: string | null; referrer: string | null; campaign: Campaign | null };
  nextAction: Decision;
  /** Plain-language summary for whoever picks this up. */
  summary: string;
}
