import { prefilterBuiltIn, type CompiledPolicy } from "./policy";
import {
  byRole,
  contentWords,
  matchAll,
  matchAllOf,
  sentenceAround,
  testAny,
  type IndexedMessage,
  type Match,
} from "./text";
import type { CustomerStatus, Evidence, Finding, Intent, Topic } from "./types";

// Intent (sales, support, spam, other), whether the visitor is already a customer, and the topic.

// Links, including bare domains with a path ("cash-now.example/join").
const LINK =
  /\bhttps?:\/\/\S+|\bwww\.\S+|\b[\w-]+\.(?:com|net|org|io|co|biz|info|xyz|shop|online|site|click|example)\/\S*/gi;
const VOWEL = /[aeiouyàáâãäåèéêëìíîïòóôõöùúûüý]/i;
const KEYBOARD_RUN = /(?:qwe|wer|asd|sdf|dfg|fgh|ghj|hjk|jkl|zxc|xcv|cvb|vbn|bnm|uio|iop)/i;
const CONSONANT_RUN = /[bcdfghjklmnpqrstvwxz]{5,}/i;

export function isGibberishWord(word: string): boolean {
  if (word.length < 4) return /^(?:qwe|asd|zxc|jkl)$/i.test(word);
  return (
    !VOWEL.test(word) ||
    /(.)\1{3,}/.test(word) ||
    CONSONANT_RUN.test(word) ||
    (KEYBOARD_RUN.test(word.slice(0, 3)) && KEYBOARD_RUN.test(word.slice(-3)))
  );
}

const LAUGHTER = /^(?:(?:ha|he|hi|ja|je|ks|rs){2,}h?|lo+l+|lmf?ao+|rofl+|xd+|kek+|jaja\w*|mdr+|5{3,})$/i;

const TESTING = /^\s*(?:test(?:ing)?|testing 1 2 3|hi+|hey+|lol|ok|a+)\b/i;

/** One message of noise: keyboard mashing, one word over and over, or a test. */
function isNoise(text: string): boolean {
  const tokens = text.toLowerCase().match(/[\p{L}]+/gu) ?? [];
  if (tokens.length === 0) return /^[\s\p{P}\p{S}\d]*$/u.test(text) && text.trim().length > 0;
  // Laughter says nothing either: "🐀🐀🐀 lmaooo" is as empty as "asdfkjh".
  if (tokens.filter((t) => isGibberishWord(t) || LAUGHTER.test(t)).length / tokens.length >= 0.5) return true;
  const distinct = new Set(tokens);
  if (tokens.length >= 3 && distinct.size <= Math.ceil(tokens.length / 3)) return true;
  return (
    TESTING.test(text) &&
    contentWords(text.replace(/\btest(?:ing)?\b/gi, "")).filter((w) => !isGibberishWord(w)).length === 0 &&
    /\btest|(\b\w+\b)(?:\s+\1\b){2,}/i.test(text)
  );
}

/** Every visitor message is noise, and at least one is clearly junk (not a lone "hi"). */
function isGibberish(visitor: IndexedMessage[]): boolean {
  if (visitor.length === 0) return false;
  return (
    visitor.every((m) => isNoise(m.body)) &&
    visitor.some((m) => (m.body.match(/[\p{L}]/gu) ?? []).length >= 4 || /\d{3,}|[;:]{2,}/.test(m.body))
  );
}

// Insults and mockery ("ur bot is a potato 🥔 beep boop"): with nothing else, not a genuine inquiry.
const ABUSE =
  /\b(?:garbage|trash|stupid|idiots?|moron|dumb|useless|shit\w*|crap|sucks|bitch|wank\w*|bastard|scammers?|thieves|crooks|liars|go to hell|disgusting|potato|clown|toaster|loser|noob|beep boop|lol+|lmao|rofl)\b|🖕|🤡|💩|🥔/iu;
const ABUSE_ALL = new RegExp(ABUSE.source, "giu");
// Apart, because it holds no literal the prefilter could look for ("fuuuck").
const SWEARING = /\bf+u+c+k\w*\b/iu;
const SWEARING_ALL = new RegExp(SWEARING.source, "giu");
prefilterBuiltIn(ABUSE);

function isAbusive(text: string): boolean {
  return testAny([ABUSE], text) || SWEARING.test(text);
}

/** Insults and nothing else: "abuse with no request" is spam. */
function isAbuseOnly(visitor: IndexedMessage[]): boolean {
  const insulting = visitor.some((m) => isAbusive(m.body));
  return (
    insulting &&
    visitor.every((m) => {
      if (!isAbusive(m.body)) return /^[\s\p{P}\p{S}]*$/u.test(m.body);
      const rest = contentWords(m.body.replace(ABUSE_ALL, " ").replace(SWEARING_ALL, " ")).filter(
        (w) => !/^(?:robot|bot|you|your|are|and|this|so)$/.test(w),
      );
      // A rant with nothing asked is still abuse only; a question or a request is not.
      const asks = /\?|\b(?:want|need|refund|please|help|can|could|how|when|where|why|what)\b/i.test(m.body);
      return rest.length <= 2 || (!asks && rest.length <= 7);
    })
  );
}

/** Nothing but noise or insults from the visitor: there is no need to be clear about. */
export function isNoiseOnly(messages: IndexedMessage[]): boolean {
  const visitor = byRole(messages, "visitor");
  return isAbuseOnly(visitor) || isGibberish(visitor);
}

/** Visitor messages that are mostly links: a link drop. */
function isLinkDrop(visitor: IndexedMessage[]): boolean {
  const withLinks = visitor.filter((m) => (m.body.match(LINK) ?? []).length > 0);
  if (withLinks.length === 0) return false;
  const words = visitor.flatMap((m) => contentWords(m.body.replace(LINK, " ")));
  return withLinks.length === visitor.length && words.length <= 4;
}

function count(patterns: RegExp[], messages: IndexedMessage[]): Match[] {
  return matchAllOf(patterns, messages);
}

export interface IntentSignals {
  sales: Match[];
  support: Match[];
  other: Match[];
  smallTalk: Match[];
  browsing: Match[];
  spam: Match[];
}

export function intentSignals(messages: IndexedMessage[], policy: CompiledPolicy): IntentSignals {
  const visitor = byRole(messages, "visitor");
  return {
    sales: count(policy.intent.sales, visitor),
    support: count(policy.intent.support, visitor),
    other: count(policy.intent.other, visitor),
    smallTalk: count(policy.intent.smallTalk, visitor),
    browsing: count(policy.intent.browsing, visitor),
    spam: count(policy.intent.spamTopics, visitor),
  };
}

function evidenceFrom(matches: Match[], limit = 3): Evidence[] {
  return matches.slice(0, limit).map((m) => sentenceAround(m.message, m.start, m.end));
}

export function classifyIntent(
  messages: IndexedMessage[],
  policy: CompiledPolicy,
  signals: IntentSignals,
  existingCustomer: boolean,
  /** The visitor said enough to know what they want: a "good morning" in front is not small talk. */
  substantive = false,
): Finding<Intent> {
  const visitor = byRole(messages, "visitor");
  if (visitor.length === 0) return { value: "other", evidence: [] };
  const text = visitor.map((m) => m.body).join("\n");
  const offers = testAny(policy.intent.spamOffer, text);
  const links = (text.match(LINK) ?? []).length;

  if (isAbuseOnly(visitor)) {
    return {
      value: "spam",
      evidence: visitor.slice(0, 1).map((m) => sentenceAround(m, 0, Math.min(m.body.length, 80))),
    };
  }
  if (isGibberish(visitor))
    return {
      value: "spam",
      evidence: visitor.slice(0, 2).map((m) => sentenceAround(m, 0, Math.min(m.body.length, 80))),
    };
  if (
    (signals.spam.length >= 1 && (offers || links > 0)) ||
    signals.spam.length >= 3 ||
    (isLinkDrop(visitor) && signals.support.length === 0)
  ) {
    const linkMatches = matchAll(/\bhttps?:\/\/\S+/gi, visitor);
    return { value: "spam", evidence: evidenceFrom([...signals.spam, ...linkMatches]) };
  }

  // The opening message states why the visitor came: when it asks to buy or for help, a closing
  // "thanks for being honest" does not turn the chat into small talk.
  const opening = visitor[0]!.index;
  const sales = signals.sales.length;
  const support = signals.support.length;
  const openingAsks = [...signals.sales, ...signals.support].some((m) => m.message.index === opening);
  const other = signals.other.filter((m) => !openingAsks || m.message.index === opening).length;
  // Asking for a job in the opening message: "do you offer a CPD allowance?" later is still a job seeker's.
  if (support === 0 && testAny(policy.intent.recruitment, visitor[0]!.body)) {
    return { value: "other", evidence: evidenceFrom(matchAll(policy.intent.recruitment[0]!, visitor.slice(0, 1))) };
  }
  const otherOpens = signals.other.some((m) => m.message.index === opening);
  const salesOpens = signals.sales.some((m) => m.message.index === opening);
  if (other > 0 && support === 0 && (sales <= other + 1 || (otherOpens && !salesOpens))) {
    return { value: "other", evidence: evidenceFrom(signals.other) };
  }
  if (sales === 0 && support === 0) {
    if (existingCustomer) return { value: "support", evidence: [] };
    if (signals.browsing.length > 0) return { value: "sales", evidence: evidenceFrom(signals.browsing) };
    if (signals.other.length > 0 || (signals.smallTalk.length > 0 && !substantive)) {
      return { value: "other", evidence: evidenceFrom([...signals.other, ...signals.smallTalk]) };
    }
    // A genuine message asking whether the business can help is a prospective customer's.
    return { value: "sales", evidence: [] };
  }
  // The opening message says why the visitor came; it counts twice.
  const salesWeight = sales + signals.sales.filter((m) => m.message.index === opening).length;
  const supportWeight = support + signals.support.filter((m) => m.message.index === opening).length;
  if (supportWeight > salesWeight || (supportWeight === salesWeight && existingCustomer)) {
    return { value: "support", evidence: evidenceFrom(signals.support) };
  }
  return { value: "sales", evidence: evidenceFrom(signals.sales) };
}

export interface CustomerSignals {
  fromText: Match[];
  fromPage: boolean;
  saysNew: boolean;
}

export function customerSignals(
  messages: IndexedMessage[],
  policy: CompiledPolicy,
  pageUrl: string | null | undefined,
): CustomerSignals {
  const visitor = byRole(messages, "visitor");
  let path = "";
  if (pageUrl) {
    try {
      const url = new URL(pageUrl);
      path = `${url.hostname}${url.pathname}`;
    } catch {
      path = "";
    }
  }
  return {
    fromText: count(policy.existingCustomer, visitor),
    fromPage: path !== "" && testAny(policy.existingCustomerPages, path),
    saysNew: visitor.some((m) => testAny(policy.newCustomer, m.body)),
  };
}

export function decideCustomerStatus(signals: CustomerSignals, intent: Intent): Finding<CustomerStatus> {
  if (intent === "spam") return { value: "new_or_unknown", evidence: [] };
  // "my first order": whatever else they said (a chat that promised them a code), not a customer yet.
  if (signals.saysNew) return { value: "new_or_unknown", evidence: [] };
  if (signals.fromText.length > 0) return { value: "existing", evidence: evidenceFrom(signals.fromText, 2) };
  // Asking for help from inside the customer area (billing, portal, app pages) implies an account.
  if (signals.fromPage && intent === "support") return { value: "existing", evidence: [] };
  return { value: "new_or_unknown", evidence: [] };
}

export function detectTopic(messages: IndexedMessage[], policy: CompiledPolicy, emergency: boolean): Topic | null {
  const visitor = byRole(messages, "visitor");
  let best: { topic: CompiledPolicy["topics"][number]; matches: Match[] } | null = null;
  for (const topic of policy.topics) {
    if (topic.id === "emergency" && !emergency) continue;
    const matches = matchAllOf(topic.compiled, visitor);
    if (matches.length === 0) continue;
    const weight = topic.id === "emergency" ? matches.length + 100 : matches.length;
    if (!best || weight > (best.topic.id === "emergency" ? best.matches.length + 100 : best.matches.length)) {
      best = { topic, matches };
    }
  }
  if (!best) return null;
  return { id: best.topic.id, label: best.topic.label, evidence: evidenceFrom(best.matches, 2) };
}
