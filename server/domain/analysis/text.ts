import { subjectFor } from "./fold";
import { mayMatch } from "./prefilter";
import { memoByText } from "./text-cache";

export { memoByText };
import type { Conversation, Evidence, Message, MessageRole } from "./types";

// Text helpers. Patterns always run on the original message text (never on a rewritten copy), so
// every match position is directly a valid evidence span.

/** Characters of one message that analysis reads: enough for any real chat message, bounded for huge pastes. */
export const MAX_ANALYSED_CHARS = 20_000;

export interface IndexedMessage extends Message {
  index: number;
  /** The text analysis reads (the message, capped at MAX_ANALYSED_CHARS). */
  body: string;
}

export function indexMessages(conversation: Conversation): IndexedMessage[] {
  return conversation.messages.map((message, index) => ({
    ...message,
    index,
    body: message.text.length > MAX_ANALYSED_CHARS ? message.text.slice(0, MAX_ANALYSED_CHARS) : message.text,
  }));
}

export function byRole(messages: IndexedMessage[], ...roles: MessageRole[]): IndexedMessage[] {
  return messages.filter((message) => roles.includes(message.role));
}

export function evidenceOf(message: IndexedMessage, start: number, end: number): Evidence {
  const s = Math.max(0, Math.min(start, message.body.length));
  const e = Math.max(s, Math.min(end, message.body.length));
  return { message: message.index, start: s, end: e, quote: message.body.slice(s, e) };
}

/** The whole message (trimmed) as evidence. */
export function wholeMessage(message: IndexedMessage): Evidence {
  const leading = message.body.length - message.body.trimStart().length;
  return evidenceOf(message, leading, message.body.trimEnd().length);
}

/** Widens a match to its sentence, for evidence a reader understands without the rest. */
export function sentenceAround(message: IndexedMessage, start: number, end: number, maxLength = 240): Evidence {
  const text = message.body;
  let s = start;
  while (s > 0 && !/[.!?\n]/.test(text[s - 1]!) && start - s < maxLength / 2) s--;
  let e = end;
  while (e < text.length && !/[.!?\n]/.test(text[e]!) && e - end < maxLength / 2) e++;
  if (e < text.length && /[.!?]/.test(text[e]!)) e++;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  return evidenceOf(message, s, e);
}

export interface Match {
  message: IndexedMessage;
  start: number;
  end: number;
  text: string;
}

/** Matches kept per pattern, so a pasted wall of text cannot make thousands of them. */
const MAX_MATCHES = 200;

/** Every match of `pattern` (a global regex) in the given messages. */
export function matchAll(pattern: RegExp, messages: IndexedMessage[]): Match[] {
  return matchAllOf([pattern], messages);
}

/**
 * Every match of each pattern in the messages, pattern by pattern: the same as
 * `patterns.flatMap((p) => matchAll(p, messages))`, but message by message inside, so each
 * message's prefilter verdicts are looked up once for the whole list.
 */
export function matchAllOf(patterns: readonly RegExp[], messages: IndexedMessage[]): Match[] {
  const found: Match[][] = patterns.map(() => []);
  for (const message of messages) {
    for (let i = 0; i < patterns.length; i++) {
      const pattern = patterns[i]!;
      const out = found[i]!;
      if (out.length > MAX_MATCHES || !mayMatch(pattern, message.body)) continue;
      pattern.lastIndex = 0;
      for (const m of subjectFor(pattern, message.body).matchAll(pattern)) {
        const end = m.index + m[0].length;
        out.push({ message, start: m.index, end, text: message.body.slice(m.index, end) });
        if (out.length > MAX_MATCHES) break;
      }
    }
  }
  return found.flat();
}

export function firstMatch(patterns: RegExp[], message: IndexedMessage): Match | null {
  for (const pattern of patterns) {
    if (!mayMatch(pattern, message.body)) continue;
    pattern.lastIndex = 0;
    const m = pattern.exec(subjectFor(pattern, message.body));
    if (m) {
      const end = m.index + m[0].length;
      return { message, start: m.index, end, text: message.body.slice(m.index, end) };
    }
  }
  return null;
}

/**
 * Whether any pattern matches a part of a message (a sentence, the words before a match). The
 * prefilter is asked about the whole message, which it has already read: a pattern that cannot
 * match the message cannot match a part of it.
 */
export function testAnyIn(patterns: RegExp[], part: string, whole: string): boolean {
  return patterns.some((pattern) => {
    if (!mayMatch(pattern, whole)) return false;
    pattern.lastIndex = 0;
    return pattern.test(subjectFor(pattern, part));
  });
}

export function testAny(patterns: RegExp[], text: string): boolean {
  return patterns.some((pattern) => {
    if (!mayMatch(pattern, text)) return false;
    pattern.lastIndex = 0;
    return pattern.test(subjectFor(pattern, text));
  });
}

const STOPWORDS = new Set(
  (
    "a an the and or but if so to of in on at by for with from as is are was were be been being am do does did " +
    "i me my we us our you your u ur he she it they them their his her its this that these those there here " +
    "what which who whom how when where why can could would should will shall may might must have has had " +
    "not no yes ok okay hi hello hey hiya thanks thank thx pls please just also too very really some any all " +
    "about into up out over then than now get got im i'm i've i'd its it's dont don't cant can't wont won't " +
    "tbh idk lol btw yeah yep nope sure want need like know think one would got let"
  ).split(" "),
);

/** Lower-cased word tokens (letters and digits, any script). */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
}

/** Words that carry meaning: not stopwords, at least 3 characters, not pure numbers. */
export const contentWords = memoByText((text: string): string[] =>
  words(text).filter((w) => w.length >= 3 && !STOPWORDS.has(w) && !/^\d+$/.test(w)),
);

const CONTACT_TOKENS = /\S+@\S+|\+?\d[\d\s().-]{6,}\d/g;

/** Content words plus numbers ("45 seats", "3.2 gpa"), without emails or phone numbers. */
export const keyTokens = memoByText((text: string): string[] => {
  const cleaned = text.replace(CONTACT_TOKENS, " ");
  return [...contentWords(cleaned), ...(cleaned.match(/\d+(?:[.,]\d+)?/g) ?? [])];
});

const keyTokenSet = memoByText((text: string): ReadonlySet<string> => new Set(keyTokens(text)));

/** Overlap of two texts' key tokens (Jaccard over sets), 0..1. */
export function similarity(a: string, b: string): number {
  const sa = keyTokenSet(a);
  const sb = keyTokenSet(b);
  if (sa.size === 0 || sb.size === 0) return 0;
  if (a === b) return 1;
  let shared = 0;
  for (const w of sa) if (sb.has(w)) shared++;
  return shared / (sa.size + sb.size - shared);
}

/** Share of letters in upper case, over messages with enough letters to judge. */
export const shoutingRatio = memoByText(shoutingRatioOf);

const LETTER = /\p{L}/u;

function shoutingRatioOf(text: string): number {
  let letters = 0;
  let upper = 0;
  // Codes are written in capitals ("TORRA902154J99KL", "LS6 2AB"): only words count as shouting.
  for (const c of /\d/.test(text) ? text.replace(/[\p{L}\d]*\d[\p{L}\d]*/gu, " ") : text) {
    const code = c.charCodeAt(0);
    if (code < 0x80) {
      if (code >= 65 && code <= 90) upper++;
      else if (!(code >= 97 && code <= 122)) continue;
      letters++;
    } else if (LETTER.test(c)) {
      letters++;
      if (c !== c.toLowerCase() && c === c.toUpperCase()) upper++;
    }
  }
  return letters < 8 ? 0 : upper / letters;
}

/** Runs of 3+ fully upper-case words ("I JUST SAID", "REFUND. THE. $450"). */
export const hasShoutedPhrase = memoByText(hasShoutedPhraseIn);

function hasShoutedPhraseIn(text: string): boolean {
  const tokens = text.match(/\p{L}[\p{L}'’]*/gu) ?? [];
  let run = 0;
  for (const token of tokens) {
    const isUpper = token.length >= 2 && token === token.toUpperCase() && token !== token.toLowerCase();
    run = isUpper || (run > 0 && token === "I") ? run + 1 : 0;
    if (run >= 3) return true;
  }
  return false;
}

/** Sentences of a text with their offsets. */
export const sentences = memoByText(sentencesOf);

function sentencesOf(text: string): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  const re = /[^.!?\n]+(?:[.!?]+|\n|$)/g;
  for (const m of text.matchAll(re)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (!trimmed) continue;
    const start = (m.index ?? 0) + lead;
    out.push({ start, end: start + trimmed.length, text: trimmed });
  }
  return out;
}

const QUESTION_START =
  /^(?:who|what|whats|what's|when|where|which|why|how|can|could|would|will|do|does|did|is|are|was|were|should|may|any|have|has|qué|que|cómo|como|cuánto|cuanto|dónde|puedo|pueden|tienen|est-ce|combien|quand|pourquoi|wie|was|wann|kann|können|gibt|haben|quanto|quando|onde|posso)\b/i;

export function isQuestion(sentence: string): boolean {
  const s = sentence.trim();
  return /[?？]\s*$/.test(s) || s.includes("?") || QUESTION_START.test(s);
}

/** Strips tags from pasted HTML for display text (never for spans). */
export function plain(text: string): string {
  return text
    .replace(/<[^>]{0,200}>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
