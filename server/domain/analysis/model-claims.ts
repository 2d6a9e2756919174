import { z } from "zod";
import { redecide } from "./analyze";
import type { AnalysisPolicy } from "./policy";
import {
  CONSENT_STATUSES,
  CUSTOMER_STATUSES,
  FLAGS,
  INTENTS,
  URGENCY_LEVELS,
  type Brief,
  type Conversation,
  type Evidence,
  type Finding,
  type FlagFinding,
} from "./types";

// What a language model is asked to return, and how its claims become part of a brief: every claim
// carries the message and the exact words that support it, and a claim whose words are not in that
// message is dropped. The rules' safety findings always stay in.

const ZQuote = z.object({
  message: z.number().int().min(0).describe("index of the message, as numbered in the transcript"),
  quote: z.string().min(1).max(500).describe("the exact words from that message, copied verbatim"),
});

const ZValueClaim = ZQuote.extend({ value: z.string().min(1).max(300) });

export const ZModelClaims = z.object({
  intent: z.enum(INTENTS),
  intentEvidence: ZQuote.nullable(),
  customerStatus: z.enum(CUSTOMER_STATUSES),
  customerStatusEvidence: ZQuote.nullable(),
  contact: z.object({
    name: ZValueClaim.nullable(),
    email: ZValueClaim.nullable(),
    phone: ZValueClaim.nullable(),
    company: ZValueClaim.nullable(),
  }),
  consent: z.object({ status: z.enum(CONSENT_STATUSES), evidence: ZQuote.nullable() }),
  needClear: z.boolean(),
  statedNeed: ZValueClaim.nullable().describe("one plain sentence saying what the visitor wants, with its source"),
  unresolvedQuestion: ZValueClaim.nullable().describe("the visitor's question still open at the end, or null"),
  urgency: z.object({ level: z.enum(URGENCY_LEVELS), reason: z.string().max(200) }),
  flags: z.array(ZQuote.extend({ flag: z.enum(FLAGS) })).max(30),
});
export type ModelClaims = z.infer<typeof ZModelClaims>;

const squash = (text: string) => text.replace(/\s+/g, " ").trim().toLowerCase();

/** Where the quoted words sit in the message, or null when the model made them up. */
export function locateQuote(conversation: Conversation, claim: { message: number; quote: string }): Evidence | null {
  const text = conversation.messages[claim.message]?.text;
  if (!text || !claim.quote.trim()) return null;
  const exact = text.indexOf(claim.quote);
  if (exact >= 0) return { message: claim.message, start: exact, end: exact + claim.quote.length, quote: claim.quote };
  // Tolerate case and whitespace differences, then map back to the original offsets.
  const wanted = squash(claim.quote);
  const map: number[] = [];
  let flat = "";
  for (let i = 0; i < text.length; i++) {
    const ch = /\s/.test(text[i]!) ? " " : text[i]!.toLowerCase();
    if (ch === " " && (flat.endsWith(" ") || flat === "")) continue;
    flat += ch;
    map.push(i);
  }
  const at = flat.indexOf(wanted);
  if (at < 0) return null;
  const start = map[at]!;
  const end = map[at + wanted.length - 1]! + 1;
  return { message: claim.message, start, end, quote: text.slice(start, end) };
}

const digits = (s: string) => s.replace(/\D/g, "");

/** A contact value must itself be in the quoted words (an email or phone may be written obfuscated). */
function valueSupported(field: "name" | "email" | "phone" | "company", value: string, evidence: Evidence): boolean {
  const quote = evidence.quote.toLowerCase();
  if (field === "phone") return digits(value).length >= 7 && digits(evidence.quote).includes(digits(value).slice(-7));
  if (field === "email") {
    const [local, domain] = value.toLowerCase().split("@");
    return Boolean(local && domain) && quote.includes(local!.split(".")[0]!) && quote.includes(domain!.split(".")[0]!);
  }
  return quote.includes(value.toLowerCase());
}

export interface MergeReport {
  dropped: string[];
}

/**
 * A brief from the model's grounded claims over the rules' brief: ungrounded claims fall back to the
 * rules; the rules' sensitive data, bot promises, emergencies and a refusal of contact always stay;
 * consent the model cannot quote is at best "unclear".
 */
export function mergeModelClaims(
  conversation: Conversation,
  rules: Brief,
  claims: ModelClaims,
  policy: AnalysisPolicy,
  /** The transcript as the model saw it (sensitive spans blanked, same offsets); defaults to the conversation. */
  seen: Conversation = conversation,
): { brief: Brief; report: MergeReport } {
  const dropped: string[] = [];
  const ground = (what: string, claim: { message: number; quote: string } | null): Evidence | null => {
    if (!claim) return null;
    const found = locateQuote(seen, claim);
    if (!found) dropped.push(what);
    return found;
  };

  const contact = { ...rules.contact };
  for (const field of ["name", "email", "phone", "company"] as const) {
    const claim = claims.contact[field];
    if (!claim) continue;
    const evidence = ground(`contact.${field}`, claim);
    if (!evidence || !valueSupported(field, claim.value, evidence)) {
      if (evidence) dropped.push(`contact.${field}`);
      continue;
    }
    const value = field === "email" ? claim.value.trim().toLowerCase() : claim.value.trim();
    contact[field] =
      field === "phone"
        ? { value, evidence: [evidence], e164: rules.contact.phone?.e164 ?? null }
        : ({ value, evidence: [evidence] } as never);
  }

  const flags = new Map<string, FlagFinding>();
  for (const claim of claims.flags) {
    const evidence = ground(`flag:${claim.flag}`, claim);
    if (!evidence) continue;
    const existing = flags.get(claim.flag);
    if (existing) existing.evidence.push(evidence);
    else flags.set(claim.flag, { flag: claim.flag, evidence: [evidence] });
  }
  // The rules' safety checks can only add caution.
  for (const finding of rules.flags) {
    if (["sensitive_data", "bot_promise", "emergency"].includes(finding.flag) && !flags.has(finding.flag)) {
      flags.set(finding.flag, finding);
    }
  }

  const consentEvidence = ground("consent", claims.consent.evidence);
  let consent = { status: claims.consent.status, evidence: consentEvidence, question: rules.consent.question };
  if (rules.consent.status === "refused") consent = rules.consent;
  else if (claims.consent.status !== "not_asked" && !consentEvidence) {
    consent = {
      status: claims.consent.status === "given" ? "unclear" : claims.consent.status,
      evidence: null,
      question: rules.consent.question,
    };
  }

  const valueFinding = (what: string, claim: ModelClaims["statedNeed"], fallback: Finding<string> | null) => {
    if (!claim) return null;
    const evidence = ground(what, claim);
    return evidence ? { value: claim.value.trim(), evidence: [evidence] } : fallback;
  };
  const intentEvidence = ground("intent", claims.intentEvidence);
  const customerEvidence = ground("customerStatus", claims.customerStatusEvidence);

  const merged: Brief = {
    ...rules,
    analyzer: "llm",
    fallbackReason: null,
    intent: { value: claims.intent, evidence: intentEvidence ? [intentEvidence] : [] },
    customerStatus: { value: claims.customerStatus, evidence: customerEvidence ? [customerEvidence] : [] },
    contact,
    consent,
    needClear: claims.needClear,
    statedNeed: valueFinding("statedNeed", claims.statedNeed, rules.statedNeed),
    unresolvedQuestion: valueFinding("unresolvedQuestion", claims.unresolvedQuestion, null),
    urgency:
      rules.urgency.level === "high" && claims.urgency.level !== "high"
        ? rules.urgency
        : { level: claims.urgency.level, reason: claims.urgency.reason, evidence: [] },
    flags: [...flags.values()],
  };
  return { brief: redecide(conversation, merged, policy), report: { dropped } };
}
