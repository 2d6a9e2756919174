import { subjectFor } from "./fold";
import { mayMatch } from "./prefilter";
import type { CompiledPolicy } from "./policy";
import { evidenceOf, firstMatch, sentenceAround, testAny, type IndexedMessage } from "./text";
import type { ConsentStatus, Contact, Consent, Evidence } from "./types";

// Permission to contact the visitor outside the chat. The business's consent question, the
// visitor's answer, and the visitor's own requests ("call me tomorrow") or refusals ("just answer
// here") are events in order; the last clear one decides.

interface ConsentEvent {
  status: Exclude<ConsentStatus, "not_asked">;
  evidence: Evidence;
  question: Evidence | null;
  /** The words that raised the event ("text me", "don't call"), for telling channels apart. */
  words?: string;
}

// "if not work can someone call me" is a request with a condition, not a negated one.
const NEGATION_BEFORE =
  /\b(?:don'?t|do not|dont|never|no need to|(?<!\bif )not|rather you didn'?t|stop)\b[^.!?\n]{0,20}$/i;
const NAME_CALL = /^call me\s+\p{Lu}\p{Ll}+\b(?!\s+(?:on|at|back|tomorrow|today|asap))/u;

function overlapsOrSameChannel(
  refusal: { start: number; end: number; text: string },
  start: number,
  end: number,
  words: string,
) {
  if (start < refusal.end && refusal.start < end) return true;
  const requested = channels(words);
  const refused = channels(refusal.text);
  return requested.size === 0 || refused.size === 0 || [...requested].every((c) => refused.has(c));
}

function visitorEvents(message: IndexedMessage, policy: CompiledPolicy): ConsentEvent[] {
  const events: ConsentEvent[] = [];
  const refusal = firstMatch(policy.consent.refusal, message);
  if (refusal)
    events.push({
      status: "refused",
      evidence: sentenceAround(message, refusal.start, refusal.end),
      question: null,
      words: refusal.text,
    });
  for (const pattern of policy.consent.request) {
    pattern.lastIndex = 0;
    if (!mayMatch(pattern, message.body)) continue;
    for (const m of subjectFor(pattern, message.body).matchAll(pattern)) {
      const before = message.body.slice(Math.max(0, m.index! - 40), m.index!);
      if (NEGATION_BEFORE.test(before) || NAME_CALL.test(message.body.slice(m.index!))) continue;
      // "don't call me" is a refusal, not a request; "text me, don't call" is both.
      if (refusal && overlapsOrSameChannel(refusal, m.index!, m.index! + m[0].length, m[0])) continue;
      events.push({
        status: "given",
        evidence: sentenceAround(message, m.index!, m.index! + m[0].length),
        question: null,
        words: message.body.slice(m.index!, m.index! + m[0].length),
      });
      break;
    }
  }
  return events.sort((a, b) => a.evidence.start - b.evidence.start);
}

const MARKETING =
  /\b(?:newsletters?|marketing|promotions?|promos?|offers|news|spam|nieuwsbrief|bolet[ií]n|infolettre)\b/i;

// "hmm maybe later", "well, yes": hesitation words in front do not change the answer.
const FILLER = /^\s*(?:(?:hmm+|hm+|um+|uh+|erm+|er|ah+|oh+|well|so)\b[,.!…]*\s*)+/i;

function answerEvent(
  answer: IndexedMessage,
  question: Evidence,
  policy: CompiledPolicy,
  kind: "question" | "followUp" | "reach",
): ConsentEvent | null {
  const filler = FILLER.exec(answer.body)?.[0].length ?? 0;
  const text = answer.body.slice(filler);
  const leading = filler + (text.length - text.trimStart().length);
  const trimmed = text.trim();
  const clauseEnd = trimmed.search(/[.!\n]/);
  const firstClause = (clauseEnd < 0 ? trimmed : trimmed.slice(0, clauseEnd)).slice(0, 80);
  const clause = evidenceOf(answer, leading, leading + firstClause.length);
  const refuses = testAny(policy.consent.refusal, text) || testAny(policy.consent.no, text);
  const agrees = testAny(policy.consent.yes, text);
  // "What's the best number to call you back on?" answered with a number: a yes by deed.
  if (kind === "reach" && !refuses && /@|\d[\d\s().-]{6,}\d/.test(text))
    return { status: "given", evidence: clause, question };
  if (kind === "followUp") {
    // Only a plain "ok, please do" answers an announcement; a "no" is usually about something else
    // ("anything else?" "nope"), and handing over details alone is not a yes.
    return agrees && !refuses && !/@|\d{5}/.test(text) ? { status: "given", evidence: clause, question } : null;
  }
  if (refuses) {
    // "email's fine, no texts": a preferred channel is a yes, with the refusal as its restriction.
    const refusal = firstMatch(policy.consent.refusal, { ...answer, body: text });
    if (agrees && refusal && new Set([...channels(text)]).size > channels(refusal.text).size)
      return { status: "given", evidence: clause, question };
    // "Yes to the confirmation, no newsletters please": marketing declined, contact accepted.
    if (agrees && refusal && MARKETING.test(refusal.text)) return { status: "given", evidence: clause, question };
    return { status: "refused", evidence: clause, question };
  }
  if (agrees) return { status: "given", evidence: clause, question };
  if (testAny(policy.consent.unsure, text)) return { status: "unclear", evidence: clause, question };
  return null;
}

const CHANNEL =
  /\b(?:calls?|rings?|phones?|texts?|sms|whatsapps?|e-?mails?|mails?|writing|llam\w*|tel[eé]fono|correo|appel\w*|anruf\w*|telefon\w*|chiam\w*|bel\w*|ligu?\w*)\b/gi;

function channels(text: string): Set<string> {
  return new Set([...text.matchAll(CHANNEL)].map((m) => m[0].toLowerCase().replace("-", "").slice(0, 4)));
}

/**
 * "Text me, don't call" is consent with a preferred channel, not a refusal: when one message both
 * asks for contact and declines it, and the refusal names a channel the request does not use, the
 * request stands (the refusal is kept as the channel restriction in the evidence).
 */
function resolveChannelPreferences(events: ConsentEvent[]) {
  for (let i = events.length - 1; i > 0; i--) {
    const a = events[i - 1]!;
    const b = events[i]!;
    if (a.evidence.message !== b.evidence.message || a.status === b.status) continue;
    const given = a.status === "given" ? a : b;
    const refused = a.status === "refused" ? a : b;
    if (given.status !== "given" || refused.status !== "refused") continue;
    if (MARKETING.test(refused.words ?? refused.evidence.quote)) {
      events.splice(i - 1, 2, given);
      continue;
    }
    const refusedChannels = channels(refused.words ?? refused.evidence.quote);
    const givenChannels = [...channels(given.words ?? given.evidence.quote)].filter((c) => !refusedChannels.has(c));
    if (refusedChannels.size > 0 && givenChannels.length > 0) {
      events.splice(i - 1, 2, given);
    }
  }
}

export function detectConsent(messages: IndexedMessage[], policy: CompiledPolicy, contact: Contact): Consent {
  const events: ConsentEvent[] = [];
  let pending: { evidence: Evidence; kind: "question" | "followUp" | "reach" } | null = null;
  let lastQuestion: Evidence | null = null;
  for (const message of messages) {
    if (message.role !== "visitor") {
      const reach = firstMatch(policy.consent.reach, message);
      const asked = reach ? null : firstMatch(policy.consent.question, message);
      const announced = reach || asked ? null : firstMatch(policy.consent.followUp, message);
      const found = reach ?? asked ?? announced;
      if (found) {
        pending = {
          evidence: sentenceAround(message, found.start, found.end),
          kind: reach ? "reach" : asked ? "question" : "followUp",
        };
        lastQuestion = pending.evidence;
      }
      continue;
    }
    if (pending) {
      const answered = answerEvent(message, pending.evidence, policy, pending.kind);
      if (answered) events.push(answered);
      pending = null;
    }
    events.push(...visitorEvents(message, policy));
  }

  resolveChannelPreferences(events);
  const last = events.at(-1);
  if (last) return { status: last.status, evidence: last.evidence, question: last.question ?? lastQuestion };
  const contactShared = Boolean(contact.email || contact.phone);
  return {
    status: contactShared || lastQuestion ? "unclear" : "not_asked",
    evidence: null,
    question: lastQuestion,
  };
}
