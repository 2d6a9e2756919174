import type { CompiledPolicy } from "./policy";
import { byRole, sentences, type IndexedMessage } from "./text";
import type { SensitiveKind, SensitiveSpan } from "./types";

// Sensitive data in the visitor's messages, as spans to mask wherever the transcript is shown or
// logged. Numbers are checked, not just shaped: cards pass Luhn, IBANs pass mod 97.

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

export function isValidIban(candidate: string): boolean {
  const iban = candidate.replace(/\s+/g, "").toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = ch >= "A" && ch <= "Z" ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}

const CARD = /(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])/g;
const IBAN = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b/gi;
const SSN = /(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])/g;
const UK_NI = /\b[A-CEGHJ-PR-TW-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b/g;

// Health details about a person: conditions, symptoms, injuries, treatment. Pets are not people.
const HEALTH =
  /\b(?:chest pains?|heart (?:attack|condition|problems?|disease)|blood pressure|high blood|presi[oó]n alta|diabet(?:es|ic)|asthma|cancer|tumou?r|chemo\w*|pregnan(?:t|cy)|embarazada|schwanger|enceinte|gr[aá]vida|miscarriage|injur(?:y|ies|ed)|broke (?:my|his|her) \w+|broken (?:arm|leg|wrist|ankle|bone|rib|nose|tooth|jaw|hip)|fractur\w+|sprain\w*|bleeding|tooth (?:knocked|pain|ache)|toothache|knocked out|cavity|abscess|infection|fever|covid|allerg(?:y|ies|ic)|alergia|allergie|anaphyla\w*|epilep\w+|seizures?|stroke|depress(?:ion|ed)|anxiety|panic attacks?|adhd|autis\w+|disabilit(?:y|ies)|disabled|wheelchair|surgery|operation on|hospital(?:i[sz]ed)?|diagnos\w+|prescription|medication|medicine|meds|medicamento|medikament\w*|m[ée]dicament|rem[eé]dio|insulin|losart[aá]n|antibiotics|therapy|therapist|mental health|hiv|hepatitis|migraines?|arthritis|dementia|alzheimer\w*|numb(?:ness)?|dizz(?:y|iness)|vomit\w*|rash|swollen|swelling|back pain|knee (?:pain|injury|surgery)|physio\w*|dolor|schmerzen|douleur|\bdor\b|in pain|(?:hurts?|hurting|sore) (?:a lot|badly|so much)|(?:my|his|her) (?:\w+ )?(?:tooth|teeth|gums?) (?:hurts?|hurting|is sore|are sore|bleed))\b/giu;
const PERSON =
  /\b(?:i|i'm|i've|me|my|myself|he|she|him|her|his|we|our|us|they|them|their|mine|dad|father|mom|mum|mother|son|daughter|child|kid|kids|baby|wife|husband|partner|grandma|grandpa|grandmother|grandfather|brother|sister|friend|patient|mam[aá]|pap[aá]|hij[oa]|mutter|vater|m[eè]re|p[eè]re|m[aã]e|pai|filh[oa])\b/iu;
const PET =
  /\b(?:dog|dogs|doggo|pup|puppy|cat|cats|kitten|kitty|pet|pets|horse|pony|rabbit|bunny|parrot|bird|hamster|guinea pig|ferret|tortoise|turtle|lizard|snake|fish|vet|veterinary|perro|gato|hund|katze|chien|chat|cachorro|gatto)\b/iu;
const HEALTH_FALSE_FRIENDS =
  /\b(?:pain points?|growing pains|a pain to|pain in the (?:neck|butt)|health (?:check|insurance|plan|care plan|score|monitor)|system health|operation(?:s|al)? (?:team|manager|costs?)|hospital(?:ity)|meds? (?:spa|school)|therapy (?:sessions? for (?:the|our) (?:team|staff)))\b/iu;

function push(spans: SensitiveSpan[], kind: SensitiveKind, message: IndexedMessage, start: number, end: number) {
  if (spans.some((s) => s.message === message.index && s.start < end && start < s.end)) return;
  spans.push({ kind, message: message.index, start, end });
}

const KIND_BY_POLICY_INDEX: SensitiveKind[] = [
  "password",
  "pin",
  "security_answer",
  "security_answer",
  "security_answer",
  "government_id",
  "government_id",
  "bank_account",
];

/** Spans of sensitive data in the visitor's messages. */
export function findSensitiveSpans(messages: IndexedMessage[], policy: CompiledPolicy): SensitiveSpan[] {
  const spans: SensitiveSpan[] = [];
  for (const message of byRole(messages, "visitor")) {
    const text = message.body;
    for (const m of text.matchAll(CARD)) {
      const digits = m[0].replace(/\D/g, "");
      if (digits.length >= 13 && digits.length <= 19 && passesLuhn(digits) && !/^(\d)\1+$/.test(digits)) {
        push(spans, "card_number", message, m.index!, m.index! + m[0].length);
      }
    }
    for (const m of text.matchAll(IBAN)) {
      if (isValidIban(m[0])) push(spans, "iban", message, m.index!, m.index! + m[0].length);
    }
    for (const m of text.matchAll(SSN)) push(spans, "government_id", message, m.index!, m.index! + m[0].length);
    for (const m of text.matchAll(UK_NI)) push(spans, "government_id", message, m.index!, m.index! + m[0].length);
    policy.flags.sensitive_data.forEach((pattern, index) => {
      pattern.lastIndex = 0;
      for (const m of text.matchAll(pattern)) {
        const kind = KIND_BY_POLICY_INDEX[index] ?? "government_id";
        push(spans, kind, message, m.index!, m.index! + m[0].length);
      }
    });
    for (const sentence of sentences(text)) {
      if (!PERSON.test(sentence.text) || PET.test(sentence.text) || HEALTH_FALSE_FRIENDS.test(sentence.text)) continue;
      HEALTH.lastIndex = 0;
      if (HEALTH.test(sentence.text)) push(spans, "health", message, sentence.start, sentence.end);
    }
  }
  return spans.sort((a, b) => a.message - b.message || a.start - b.start);
}

/** The text with every sensitive span of that message replaced by a label such as [card number]. */
export function redactText(text: string, spans: SensitiveSpan[]): string {
  let out = "";
  let cursor = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < cursor) continue;
    out += text.slice(cursor, span.start) + `[${span.kind.replace(/_/g, " ")}]`;
    cursor = span.end;
  }
  return out + text.slice(cursor);
}
