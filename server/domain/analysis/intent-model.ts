import type { CustomerSignals, IntentSignals } from "./classify";
import { foldText } from "./fold";
import { softmax, type LinearModel, type LinearScore } from "./linear";
import trained from "./models/intent.json";
import { byRole, type IndexedMessage } from "./text";
import type { Intent } from "./types";

// Intent is decided by a linear model over what the visitor wrote, the page they wrote from and
// the policy's own intent signals. Hand-written phrase rules alone reached 69–87% intent accuracy on
// corpora they had never seen; the model, trained on the labelled corpora in tests/fixtures/corpus
// (`npm run train:intent`), is measured corpus by corpus in the same way (docs/ARCHITECTURE.md).

export const INTENT_LABELS = ["sales", "support", "spam", "other"] as const satisfies readonly Intent[];

export const INTENT_MODEL = trained.model as LinearModel<Intent>;

const WORD = /[a-z]+(?:'[a-z]+)?/g;

/** The text the model reads: folded, with every apostrophe straight; one character per character. */
export function modelText(text: string): string {
  return foldText(text.replace(/[’‘`]/g, "'"));
}

function wordsOf(text: string): string[] {
  return modelText(text).match(WORD) ?? [];
}

/** Words and word pairs of the visitor's messages, folded ("Réservation" -> "reservation"). */
export function wordFeatures(text: string): string[] {
  const words = wordsOf(text);
  const out = new Set(words);
  for (let i = 1; i < words.length; i++) out.add(`${words[i - 1]} ${words[i]}`);
  return [...out];
}

/**
 * Path words of the page the chat started on ("/account/orders" -> url:account, url:orders). A
 * missing page says more about how a corpus was collected than about the visitor: no feature.
 */
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

/**
 * A model's weights arranged for scoring without making a string per word pair: each feature has a
 * number, its weights sit in one array, and `stamp` marks the features already counted.
 */
interface CompiledModel {
  labels: number;
  bias: readonly number[];
  /** A word's own feature (-1 when it has none) and the pairs it starts. */
  words: Map<string, { id: number; next: Map<string, number> | null }>;
  named: Map<string, number>;
  weights: Float64Array;
  stamp: Uint32Array;
  generation: number;
}

const compiled = new WeakMap<LinearModel<Intent>, CompiledModel>();

function compile(model: LinearModel<Intent>): CompiledModel {
  let out = compiled.get(model);
  if (out) return out;
  const entries = Object.entries(model.weights);
  const K = model.labels.length;
  out = {
    labels: K,
    bias: model.bias,
    words: new Map(),
    named: new Map(),
    weights: new Float64Array(entries.length * K),
    stamp: new Uint32Array(entries.length),
    generation: 0,
  };
  const { words } = out;
  const entry = (word: string) => {
    let e = words.get(word);
    if (!e) words.set(word, (e = { id: -1, next: null }));
    return e;
  };
  entries.forEach(([feature, weights], id) => {
    out!.weights.set(weights, id * K);
    const space = feature.indexOf(" ");
    if (feature.includes(":")) out!.named.set(feature, id);
    else if (space < 0) entry(feature).id = id;
    else (entry(feature.slice(0, space)).next ??= new Map()).set(feature.slice(space + 1), id);
  });
  compiled.set(model, out);
  return out;
}

/**
 * The model's score for a conversation: the same as scoreLinear over intentFeatures (a test checks
 * it), without making a string per word pair or a set per conversation: analysis runs this on
 * every conversation.
 */
export function scoreIntent(
  model: LinearModel<Intent>,
  messages: IndexedMessage[],
  pageUrl: string | null | undefined,
  signals: IntentSignals,
  customer: CustomerSignals,
): LinearScore<Intent> {
  const c = compile(model);
  const { labels: K, weights, stamp, words, named } = c;
  const generation = (c.generation = (c.generation + 1) >>> 0 || 1);
  if (generation === 1) stamp.fill(0);
  const z = [...c.bias];
  // Features are present or not: each counts once, however often its word recurs.
  const add = (id: number | undefined) => {
    if (id === undefined || id < 0 || stamp[id] === generation) return;
    stamp[id] = generation;
    for (let k = 0, at = id * K; k < K; k++, at++) z[k]! += weights[at]!;
  };
  let pairsFromPrevious: Map<string, number> | null = null;
  for (const message of messages) {
    if (message.role !== "visitor") continue;
    // Word pairs run across messages, as in the joined text intentFeatures reads.
    for (const word of wordsOf(message.body)) {
      if (pairsFromPrevious !== null) add(pairsFromPrevious.get(word));
      const entry = words.get(word);
      if (entry === undefined) {
        pairsFromPrevious = null;
        continue;
      }
      add(entry.id);
      pairsFromPrevious = entry.next;
    }
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
