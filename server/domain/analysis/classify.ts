import { INTENT_MODEL, intentFeatures, modelText, scoreIntent } from "./intent-model";
import { strongestFeatures, type LinearModel } from "./linear";
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
  /\bhttps?:\/\/\S+|\bwww\.\S+|\b[\w-]+\.(?:com|net|org|io|co|biz|info|xyz|shop|online|site|click|example|ly|me|ru|top|vip|app|live|store|link|gg|cc)\/\S*/gi;
const HAS_LINK = new RegExp(LINK.source, "i");
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
  return visitor.every((m) => isNoise(m.body)) && visitor.some((m) => isJunk(m.body));
}

/** Noise that is clearly junk, not a lone "hi" or a "4" answering a menu. */
function isJunk(text: string): boolean {
  return isNoise(text) && ((text.match(/[\p{L}]/gu) ?? []).length >= 4 || /\d{3,}|[;:]{2,}/.test(text));
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
  if (!visitor.every((m) => hasLink(m.body))) return false;
  const words = visitor.flatMap((m) => contentWords(m.body.replace(LINK, " ")));
  return words.length <= 4;
}

/** A link in the text: every form LINK knows has a slash or "www.", so most messages are settled at once. */
function hasLink(text: string): boolean {
  return (text.includes("/") || /www\./i.test(text)) && HAS_LINK.test(text);
}

function count(patterns: RegExp[], messages: IndexedMessage[]): Match[] {
  return matchAllOf(patterns, messages);
}

export interface IntentSignals {
  sales: Match[];
  support: Match[];
  other: Match[];
  smallTalk: Match[];
  recruitment: Match[];
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
    recruitment: count(policy.intent.recruitment, visitor),
    browsing: count(policy.intent.browsing, visitor),
    spam: count(policy.intent.spamTopics, visitor),
  };
}

function evidenceFrom(matches: Match[], limit = 3): Evidence[] {
  return matches.slice(0, limit).map((m) => sentenceAround(m.message, m.start, m.end));
}

/** Spam the rules are sure of: insults only, keyboard noise, a link drop or a sales pitch with links. */
function ruleSpam(visitor: IndexedMessage[], policy: CompiledPolicy, signals: IntentSignals): Finding<Intent> | null {
  if (isAbuseOnly(visitor) || isGibberish(visitor)) {
    return {
      value: "spam",
      evidence: visitor.slice(0, 2).map((m) => sentenceAround(m, 0, Math.min(m.body.length, 80))),
    };
  }
  // A spam topic with a link or an offer to the business ("we provide…"), several, or only links.
  const pitched = () =>
    visitor.some((m) => hasLink(m.body)) || visitor.some((m) => testAny(policy.intent.spamOffer, m.body));
  if (
    signals.spam.length >= 3 ||
    (signals.spam.length >= 1 && pitched()) ||
    (signals.support.length === 0 && isLinkDrop(visitor))
  ) {
    const linkMatches = matchAll(/\bhttps?:\/\/\S+/gi, visitor);
    return { value: "spam", evidence: evidenceFrom([...signals.spam, ...linkMatches]) };
  }
  return null;
}

/**
 * Sales, support, spam or other. Spam the rules are sure of is spam; everything else is weighed by
 * the intent model (intent-model.ts) from the visitor's words, the page and the policy's signals.
 * The evidence is the policy's matches for the chosen intent, or else the visitor's sentences
 * holding the words that weighed most.
 */
export function classifyIntent(
  messages: IndexedMessage[],
  policy: CompiledPolicy,
  signals: IntentSignals,
  customer: CustomerSignals,
  pageUrl: string | null | undefined,
  model: LinearModel<Intent> = INTENT_MODEL,
): Finding<Intent> {
  const visitor = byRole(messages, "visitor");
  if (visitor.length === 0) return { value: "other", evidence: [] };
  const spam = ruleSpam(visitor, policy, signals);
  if (spam) return spam;
  const { label, probabilities } = scoreIntent(model, messages, pageUrl, signals, customer);
  // The model's words are looked up only when no rule says why (see intentFinding).
  const features = () => intentFeatures(messages, pageUrl, signals, customer);
  if (label === "spam" && !looksLikeSpam(visitor)) {
    // Spam is discarded, so the model alone may not call it: without a link, junk or an insult the
    // visitor gets the likeliest genuine intent.
    const genuine = (["sales", "support", "other"] as const).reduce((a, b) =>
      probabilities[b] > probabilities[a] ? b : a,
    );
    return intentFinding(genuine, signals, visitor, features, model);
  }
  return intentFinding(label, signals, visitor, features, model);
}

/**
 * Some sign of spam the rules can point at: a link, a junk message or an insult. A spam topic
 * alone is not enough: "can you guarantee page 1 on google?" is a buyer's question to an SEO agency.
 */
function looksLikeSpam(visitor: IndexedMessage[]): boolean {
  return visitor.some((m) => hasLink(m.body) || isJunk(m.body) || isAbusive(m.body));
}

function intentFinding(
  label: Intent,
  signals: IntentSignals,
  visitor: IndexedMessage[],
  features: () => string[],
  model: LinearModel<Intent>,
): Finding<Intent> {
  const matches = {
    sales: [...signals.sales, ...signals.browsing],
    support: signals.support,
    other: [...signals.recruitment, ...signals.other, ...signals.smallTalk],
    spam: signals.spam,
  }[label];
  if (matches.length > 0) return { value: label, evidence: evidenceFrom(matches) };
  return { value: label, evidence: wordEvidence(visitor, strongestFeatures(model, features(), label, 3)) };
}

/** The sentences in which the model's strongest words for its decision were written. */
function wordEvidence(visitor: IndexedMessage[], strongest: { feature: string }[]): Evidence[] {
  const out: Evidence[] = [];
  for (const { feature } of strongest) {
    if (feature.includes(":")) continue; // page and signal features have no words to point at
    const pattern = new RegExp(`(?<![a-z'])${feature.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![a-z'])`);
    for (const message of visitor) {
      const at = modelText(message.body).search(pattern);
      if (at < 0) continue;
      const evidence = sentenceAround(message, at, at + feature.length);
      if (!out.some((e) => e.message === evidence.message && e.start === evidence.start)) out.push(evidence);
      break;
    }
  }
  return out.slice(0, 2);
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
  // Writing from inside the customer area (account, billing, portal, app pages) implies an account,
  // whether the visitor needs help or wants to buy more.
  if (signals.fromPage) return { value: "existing", evidence: [] };
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
