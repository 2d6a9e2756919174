import type { CustomerSignals, IntentSignals } from "./classify";
import { foldText } from "./fold";
import { softmax, type LinearModel, type LinearScore } from "./linear";
import trained from "./models/intent.json";
import { byRole, type IndexedMessage } from "./text";
import type { Intent } from "./types";

// Intent is decided by a linear model over what the visitor wrote, the page they wrote from and
// the policy's own intent signals. Hand-written phrase rules alone reached 77–87% intent accuracy on
// corpora they had never seen; the model, trained on the labelled corpora in tests/fixtures/corpus
// (`npm run train:intent`), is measured corpus by corpus in the same way (docs/ARCHITECTURE.md).

export const INTENT_LABELS = ["sales", "support", "spam", "other"] as const satisfies readonly Intent[];

export const INTENT_MODEL = trained.model as LinearModel<Intent>;

const WORD = /[a-z]+(?:'[a-z]+)?/g;

function wordsOf(text: string): string[] {
  return foldText(text.replace(/[’‘`]/g, "'")).match(WORD) ?? [];
}

/** Words and word pairs of the visitor's messages, folded ("Réservation" -> "reservation"). */
export function wordFeatures(text: string): string[] {
  const words = wordsOf(text);
  const out = new Set(words);
  for (let i = 1; i < words.length; i++) out.add(`${words[i - 1]} ${words[i]}`);
  return [...out];
}

/** Path words of the page the chat started on ("/account/orders" -> url:account, url:orders). */
// A missing page says more about how a corpus was collected than about the visitor: no feature.
export function pageFeatures(pageUrl: string | null | undefined): string[] {
  if (!pageUrl) return [];
  let path: string;
  try {
    path = new URL(pageUrl).pathname;
  } catch {
    return [];
  }
  return [...new Set(foldText(decodeURIComponentSafe(path)).match(/[a-z]+/g) ?? [])].map((w) => `url:${w}`);
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The policy's intent and customer signals, as features: an admin's phrase edits still count. */
export function signalFeatures(signals: IntentSignals, customer: CustomerSignals): string[] {
  const out: string[] = [];
  for (const [name, matches] of Object.entries(signals)) {
    if (matches.length >= 1) out.push(`sig:${name}`);
    if (matches.length >= 2) out.push(`sig:${name}2`);
  }
  if (customer.fromText.length > 0) out.push("cust:text");
  if (customer.fromPage) out.push("cust:page");
  if (customer.saysNew) out.push("cust:new");
  return out;
}

/** A model's weights arranged for scoring without building feature strings: words, then pairs. */
interface CompiledModel {
  bias: readonly number[];
  words: Map<string, readonly number[]>;
  pairs: Map<string, Map<string, readonly number[]>>;
  named: Map<string, readonly number[]>;
}

const compiled = new WeakMap<LinearModel<Intent>, CompiledModel>();

function compile(model: LinearModel<Intent>): CompiledModel {
  let out = compiled.get(model);
  if (out) return out;
  out = { bias: model.bias, words: new Map(), pairs: new Map(), named: new Map() };
  for (const [feature, weights] of Object.entries(model.weights)) {
    const space = feature.indexOf(" ");
    if (feature.includes(":")) out.named.set(feature, weights);
    else if (space < 0) out.words.set(feature, weights);
    else {
      const first = feature.slice(0, space);
      let next = out.pairs.get(first);
      if (!next) out.pairs.set(first, (next = new Map()));
      next.set(feature.slice(space + 1), weights);
    }
  }
  compiled.set(model, out);
  return out;
}

/**
 * The model's score for a conversation: the same as scoreLinear over intentFeatures, without
 * making a string for every word pair (analysis runs this on every conversation).
 */
export function scoreIntent(
  model: LinearModel<Intent>,
  messages: IndexedMessage[],
  pageUrl: string | null | undefined,
  signals: IntentSignals,
  customer: CustomerSignals,
): LinearScore<Intent> {
  const { bias, words: unigrams, pairs, named } = compile(model);
  const z = [...bias];
  // Features are present or not: each weight vector counts once, however often its word recurs.
  const counted = new Set<readonly number[]>();
  const add = (weights: readonly number[] | undefined) => {
    if (weights === undefined || counted.has(weights)) return;
    counted.add(weights);
    for (let k = 0; k < z.length; k++) z[k]! += weights[k]!;
  };
  const text = byRole(messages, "visitor")
    .map((m) => m.body)
    .join("\n");
  const words = wordsOf(text);
  for (let i = 0; i < words.length; i++) {
    add(unigrams.get(words[i]!));
    if (i > 0) add(pairs.get(words[i - 1]!)?.get(words[i]!));
  }
  for (const feature of pageFeatures(pageUrl)) add(named.get(feature));
  for (const feature of signalFeatures(signals, customer)) add(named.get(feature));
  return softmax(model.labels, z);
}

export function intentFeatures(
  messages: IndexedMessage[],
  pageUrl: string | null | undefined,
  signals: IntentSignals,
  customer: CustomerSignals,
): string[] {
  const visitor = byRole(messages, "visitor")
    .map((m) => m.body)
    .join("\n");
  return [...wordFeatures(visitor), ...pageFeatures(pageUrl), ...signalFeatures(signals, customer)];
}
