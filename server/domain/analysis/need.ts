import { foldText, subjectFor } from "./fold";
import { mayMatch } from "./prefilter";
import { isGibberishWord, type IntentSignals } from "./classify";
import { prefilterBuiltIn, type CompiledPolicy } from "./policy";
import {
  byRole,
  contentWords,
  evidenceOf,
  isQuestion,
  memoByText,
  plain,
  sentences,
  similarity,
  testAnyIn,
  type IndexedMessage,
} from "./text";
import type { Evidence, FlagFinding, Finding, Qualification, UrgencyLevel } from "./types";

// What the visitor wants (and whether one could say it in a sentence), the question still open at
// the end, how urgent it sounded, and what they said about size, budget, timing and place.

const LINK = /\bhttps?:\/\/\S+|\bwww\.\S+/gi;

function stripPatterns(text: string, patterns: RegExp[]): string {
  // Folded, as the policy's patterns expect; only the words that remain are counted.
  let out = foldText(text).replace(LINK, " ");
  for (const pattern of patterns) {
    if (!mayMatch(pattern, text)) continue;
    pattern.lastIndex = 0;
    out = out.replace(pattern, " ");
  }
  return out;
}

/** Content words the visitor wrote, without filler, small talk, links or keyboard mashing. */
export function substantiveWords(messages: IndexedMessage[], policy: CompiledPolicy): string[] {
  const words = new Set<string>();
  const ofMessage = substantiveWordsOf(policy);
  for (const m of byRole(messages, "visitor")) for (const w of ofMessage(m.body)) words.add(w);
  return [...words];
}

const substantiveMemos = new WeakMap<CompiledPolicy, (text: string) => string[]>();

/** One message's substantive words, remembered per policy and text (asked for more than once). */
function substantiveWordsOf(policy: CompiledPolicy): (text: string) => string[] {
  let memo = substantiveMemos.get(policy);
  if (!memo) {
    const patterns = [
      ...policy.need.vague,
      ...policy.intent.smallTalk,
      ...policy.intent.browsing,
      ...policy.consent.request,
    ];
    memo = memoByText((body: string) => {
      // A request to be called or a phone number is not a need ("it's complicated, call me 0770…").
      const text = stripPatterns(body.replace(/\S+@\S+|\+?\(?\d[\d\s().-]{6,}\d/g, " "), patterns);
      return contentWords(text).filter((w) => !isGibberishWord(w));
    });
    substantiveMemos.set(policy, memo);
  }
  return memo;
}

export function isNeedClear(messages: IndexedMessage[], policy: CompiledPolicy, signals: IntentSignals): boolean {
  const words = substantiveWords(messages, policy).length;
  if (words >= policy.need.minContentWords) return true;
  // A short but specific request ("can I book an appointment?") is clear.
  return words >= 2 && signals.sales.length + signals.support.length + signals.other.length >= 1;
}

function scoreSentence(text: string): number {
  const words = contentWords(text).length;
  const question = isQuestion(text) ? 2 : 0;
  const ask =
    /\b(?:need|want|looking for|would like|can you|could you|help|how (?:do|can|much)|quote|price|book|order|problem|issue|error|refund|cancel)\b/i.test(
      text,
    )
      ? 3
      : 0;
  return Math.min(words, 12) + question + ask;
}

export function statedNeed(messages: IndexedMessage[], policy: CompiledPolicy): Finding<string> | null {
  let best: { message: IndexedMessage; start: number; end: number; score: number } | null = null;
  for (const message of byRole(messages, "visitor")) {
    for (const s of sentences(message.body)) {
      if (contentWords(s.text).length < 3 && testAnyIn(policy.need.vague, s.text, message.body)) continue;
      const score = scoreSentence(s.text) - message.index * 0.05;
      if (!best || score > best.score) best = { message, start: s.start, end: s.end, score };
    }
  }
  if (!best || best.score < 3) return null;
  const evidence = evidenceOf(best.message, best.start, best.end);
  let text = plain(evidence.quote);
  if (text.length > 220) text = `${text.slice(0, 217).trimEnd()}…`;
  return { value: text, evidence: [evidence] };
}

const DEFLECTION =
  /\b(?:will (?:follow up|be in touch|get back|reach out|contact you|review)|follow up with details|a (?:specialist|consultant|member of|solicitor|advisor|adviser|technician|agent)|our (?:team|specialists?|experts?)|(?:i'?ve|i have) (?:passed|sent|forwarded|flagged|noted|logged|submitted)|can'?t (?:give|confirm|advise|provide)|not able to|unable to|depends on|varies|would need to (?:review|check|look)|is listed on|visit our|see our|check (?:our|the)|(?:can|could) i (?:get|take|have) your|what(?:'s| is) your|please (?:share|provide)|connecting you)\b/i;

/**
 * The last question the visitor asked that the business did not answer: nobody replied after it,
 * or the reply deflected (passed it on, asked for details, pointed elsewhere).
 */
export function unresolvedQuestion(messages: IndexedMessage[]): Finding<string> | null {
  const visitor = byRole(messages, "visitor");
  for (let v = visitor.length - 1; v >= 0; v--) {
    const message = visitor[v]!;
    const questions = sentences(message.body).filter((s) => isQuestion(s.text) && contentWords(s.text).length >= 2);
    const question = questions.at(-1);
    if (!question) continue;
    const reply = messages.slice(message.index + 1).find((m) => m.role !== "visitor");
    const answered =
      reply !== undefined &&
      !DEFLECTION.test(reply.body) &&
      (similarity(question.text, reply.body) >= 0.08 ||
        /\b(?:yes|no|you can|it'?s|we (?:do|don'?t|have|offer|are))\b/i.test(reply.body));
    if (answered) return null;
    const evidence = evidenceOf(message, question.start, question.end);
    return { value: plain(evidence.quote).slice(0, 220), evidence: [evidence] };
  }
  return null;
}

export function urgencyOf(
  messages: IndexedMessage[],
  policy: CompiledPolicy,
  flags: FlagFinding[],
): { level: UrgencyLevel; reason: string; evidence: Evidence[] } {
  const emergency = flags.find((f) => f.flag === "emergency");
  if (emergency)
    return { level: "high", reason: "Emergency: the visitor needs immediate help.", evidence: emergency.evidence };
  const visitor = byRole(messages, "visitor");
  for (const message of visitor) {
    for (const pattern of policy.urgency.low) {
      pattern.lastIndex = 0;
      if (!mayMatch(pattern, message.body)) continue;
      const m = pattern.exec(subjectFor(pattern, message.body));
      if (m) {
        return {
          level: "low",
          reason: `The visitor said "${message.body.slice(m.index, m.index + m[0].length)}".`,
          evidence: [evidenceOf(message, m.index, m.index + m[0].length)],
        };
      }
    }
  }
  for (const message of visitor) {
    for (const pattern of policy.urgency.high) {
      pattern.lastIndex = 0;
      if (!mayMatch(pattern, message.body)) continue;
      const m = pattern.exec(subjectFor(pattern, message.body));
      if (m) {
        return {
          level: "high",
          reason: `Time pressure: "${message.body.slice(m.index, m.index + m[0].length)}".`,
          evidence: [evidenceOf(message, m.index, m.index + m[0].length)],
        };
      }
    }
  }
  const frustrated = flags.find((f) => f.flag === "frustration" || f.flag === "complaint");
  if (frustrated)
    return {
      level: "high",
      reason: "The visitor is unhappy and waiting on an answer.",
      evidence: frustrated.evidence.slice(0, 1),
    };
  return { level: "normal", reason: "No time pressure stated.", evidence: [] };
}

const SIZE =
  /\b(?:(?:team|company|firm|staff|business|practice) of (?:about |around |~)?\d[\d,.]*|~?\d[\d,.]*\+?\s?(?:-\s?)?(?:person|people|employees?|staff|users|seats|team members|locations|communities|stores|sites|mitarbeit\w*|empleados|trabajadores|salari[ée]s|funcion[aá]rios|dipendenti|pracownik\w*))\b/iu;
const BUDGET =
  /\b(?:budget|spend|invest(?:ment)?|we have|we(?:'ve| have) got|up to|around|about)\b[^.!?\n]{0,30}?(?:[$£€]\s?\d[\d,.]*\s?(?:k|m|million)?|\d[\d,.]*\s?(?:k|m|million)?\s?(?:€|\$|£|eur|euros?|usd|dollars?|gbp|pounds?)|\d[\d,.]*\s?k\b)(?:\s?[-–]\s?\d[\d,.]*\s?k?)?/iu;
const TIMELINE =
  /\b(?:by|before|within|in|next|this|starting|start(?:ing)? in|kick(?:ing)? off (?:in)?|go live|live by|launch(?:ing)? in|from)\s+(?:the\s+)?(?:q[1-4]|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|spring|summer|fall|autumn|winter|\d+\s+(?:days|weeks|months)|(?:next|this) (?:week|month|quarter|year)|end of (?:the )?(?:month|year|quarter)|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b(?:\s+\d{1,2}(?:st|nd|rd|th)?)?/iu;
const LOCATION =
  /\b(?:based in|located in|we'?re in|i'?m in|i live in|currently in|out of|in the)\s+(\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+)?|[\p{L}]+ area)\b/u;

prefilterBuiltIn(SIZE, BUDGET, TIMELINE, LOCATION);

function firstFinding(re: RegExp, messages: IndexedMessage[], group = 0): Finding<string> | null {
  for (const message of byRole(messages, "visitor")) {
    const m = mayMatch(re, message.body) ? re.exec(message.body) : null;
    if (m) {
      const value = (m[group] ?? m[0]).trim();
      const start = m.index + m[0].indexOf(value);
      return { value, evidence: [evidenceOf(message, start, start + value.length)] };
    }
  }
  return null;
}

export function qualificationOf(messages: IndexedMessage[]): Qualification {
  return {
    companySize: firstFinding(SIZE, messages),
    budget: firstFinding(BUDGET, messages),
    timeline: firstFinding(TIMELINE, messages),
    location: firstFinding(LOCATION, messages, 1),
  };
}

/** "80-100k", "$12,500", "30.000 €", "20k" -> the larger number it states, or null. */
export function parseAmount(text: string): number | null {
  const numbers = [...text.matchAll(/(\d[\d,.]*)\s?(k|m|million)?/gi)].map((m) => {
    let raw = m[1]!;
    // "30.000" and "30,000" are thousands; "12.5k" is a decimal.
    if (/^\d{1,3}(?:[.,]\d{3})+$/.test(raw)) raw = raw.replace(/[.,]/g, "");
    else raw = raw.replace(/,/g, "");
    const value = Number.parseFloat(raw);
    const unit = (m[2] ?? "").toLowerCase();
    return value * (unit === "k" ? 1_000 : unit === "m" || unit === "million" ? 1_000_000 : 1);
  });
  const valid = numbers.filter((n) => Number.isFinite(n));
  if (valid.length === 0) return null;
  // For a range ("80-100k") the upper end, which carries the unit.
  return Math.max(...valid);
}

export function parseCount(text: string): number | null {
  const m = /(\d[\d,.]*)/.exec(text);
  if (!m) return null;
  const value = Number.parseFloat(m[1]!.replace(/[,.](?=\d{3}\b)/g, ""));
  return Number.isFinite(value) ? value : null;
}
