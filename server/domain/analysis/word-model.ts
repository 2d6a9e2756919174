import { foldText } from "./fold";
import type { LinearModel } from "./linear";
import type { IndexedMessage } from "./text";
import { memoByText } from "./text-cache";

// What the learned models (intent, and the flag model beside the phrase rules) read of a
// conversation: the visitor's words and word pairs, folded. Training builds the features as strings
// (wordFeatures); analysis scores them through a compiled table that makes no string per word pair.

const WORD = /[a-z]+(?:'[a-z]+)?/g;

/** The text the models read: folded, with every apostrophe straight; one character per character. */
export function modelText(text: string): string {
  return foldText(text.replace(/[’‘`]/g, "'"));
}

/** The words of a text, folded; remembered per text (both models read each message). Do not modify. */
export const wordsOf = memoByText((text: string): string[] => modelText(text).match(WORD) ?? []);

/** Words and word pairs of a text, folded ("Réservation" -> "reservation"). */
export function wordFeatures(text: string): string[] {
  const words = wordsOf(text);
  const out = new Set(words);
  for (let i = 1; i < words.length; i++) out.add(`${words[i - 1]} ${words[i]}`);
  return [...out];
}

/** The visitor's messages as the models read them: one text, word pairs running across messages. */
export function visitorText(messages: IndexedMessage[]): string {
  let out = "";
  for (const m of messages) if (m.role === "visitor") out += (out ? "\n" : "") + m.body;
  return out;
}

/**
 * A model's weights arranged for scoring without making a string per word pair: each feature has a
 * number, its weights sit in one array, and `stamp` marks the features already counted.
 */
export interface CompiledWordModel {
  labels: number;
  bias: readonly number[];
  /** A word's own feature (-1 when it has none) and the pairs it starts. */
  words: Map<string, { id: number; next: Map<string, number> | null }>;
  /** Features that are not words ("url:account", "sig:support"). */
  named: Map<string, number>;
  weights: Float64Array;
  stamp: Uint32Array;
  generation: number;
}

const compiled = new WeakMap<LinearModel, CompiledWordModel>();

export function compileWordModel(model: LinearModel): CompiledWordModel {
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
 * Sums a compiled model over the words and word pairs of the given texts (pairs run from one text
 * into the next) and over `named` features: the same as summing model.weights over
 * wordFeatures(texts joined by "\n") plus `named` (a test checks it). Each feature counts once.
 */
export function sumWordModel(c: CompiledWordModel, texts: Iterable<string>, named: Iterable<string> = []): number[] {
  const { labels: K, weights, stamp, words } = c;
  const generation = (c.generation = (c.generation + 1) >>> 0 || 1);
  if (generation === 1) stamp.fill(0);
  const z = [...c.bias];
  const add = (id: number | undefined) => {
    if (id === undefined || id < 0 || stamp[id] === generation) return;
    stamp[id] = generation;
    for (let k = 0, at = id * K; k < K; k++, at++) z[k]! += weights[at]!;
  };
  let pairsFromPrevious: Map<string, number> | null = null;
  for (const text of texts) {
    for (const word of wordsOf(text)) {
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
  for (const feature of named) add(c.named.get(feature));
  return z;
}

export function* visitorBodies(messages: IndexedMessage[]): Iterable<string> {
  for (const m of messages) if (m.role === "visitor") yield m.body;
}
