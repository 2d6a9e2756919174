import type { LinearModel } from "./linear";
import trained from "./models/flags.json";
import { sentences, evidenceOf, type IndexedMessage } from "./text";
import { FLAGS, type Evidence, type Flag } from "./types";
import { compileWordModel, sumWordModel, visitorBodies, visitorText, wordFeatures } from "./word-model";

// The phrase rules say what the labelling rules say, but a new business words things its own way:
// on corpora they had never seen, the rules missed half the custom-scope requests and emergencies.
// Beside them, a word model per flag (logistic regression over the visitor's words and word
// pairs, trained on the labelled corpora by `npm run train:models`) can raise a flag the phrases
// missed, when the policy gives that flag a threshold. It never removes a flag the rules raised.
// bot_promise reads the bot's messages and stays with the rules.

export const MODEL_FLAGS = FLAGS.filter((f) => f !== "bot_promise");

/**
 * One logit per flag in MODEL_FLAGS order: labels are independent (a conversation can carry several
 * flags), so each is a sigmoid of its own score, not a softmax across them.
 */
export const FLAG_MODEL = trained.model as LinearModel<Flag>;

const FUNCTION_WORDS = new Set(
  (
    "a an and are as at be but by can could did do does for from had has have i i'd i'll i'm i've if in is it " +
    "it's its me my of on or our so that the their them then there these they this to us was we we'd we'll " +
    "we're were what when which who will with would you your"
  ).split(" "),
);

// Words every visitor uses to ask to be contacted or to be polite. In the training data they lean
// toward some flags ("please call me" is common in emergencies) but on their own they say nothing
// about them: "Yes please, call me tomorrow at 3pm" is not an emergency.
const CONTACT_WORDS = new Set(
  "please call ring phone email e-mail text message contact reach back thanks thank yes ok okay sure hi hello".split(
    " ",
  ),
);

function isContactFeature(feature: string): boolean {
  const words = feature.split(" ");
  return words.some((w) => CONTACT_WORDS.has(w)) && words.every((w) => CONTACT_WORDS.has(w) || FUNCTION_WORDS.has(w));
}

/**
 * How much of the model's score for `flag` comes from contact and courtesy words alone (their
 * positive weights). A flag the model raises must still clear its threshold without them.
 */
export function contactWordWeight(model: LinearModel<Flag>, flag: Flag, messages: IndexedMessage[]): number {
  const k = model.labels.indexOf(flag);
  if (k < 0) return 0;
  let sum = 0;
  for (const feature of flagFeatures(messages)) {
    if (!isContactFeature(feature)) continue;
    const weight = model.weights[feature]?.[k] ?? 0;
    if (weight > 0) sum += weight;
  }
  return sum;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Each modelled flag's probability for the conversation, from the visitor's words. */
export function flagProbabilities(model: LinearModel<Flag>, messages: IndexedMessage[]): Map<Flag, number> {
  const z = sumWordModel(compileWordModel(model), visitorBodies(messages));
  return new Map(model.labels.map((flag, k) => [flag, sigmoid(z[k]!)]));
}

/** What training reads: the same words and pairs flagProbabilities sums. */
export function flagFeatures(messages: IndexedMessage[]): string[] {
  return wordFeatures(visitorText(messages));
}

/**
 * Where the model's evidence for a flag is: the visitor's sentence whose own words weigh most toward
 * it, and those words, heaviest first. Null when no sentence has a word in favour.
 */
export function modelEvidence(
  model: LinearModel<Flag>,
  flag: Flag,
  messages: IndexedMessage[],
): { evidence: Evidence; words: string[] } | null {
  const k = model.labels.indexOf(flag);
  if (k < 0) return null;
  const weightOf = (feature: string) => model.weights[feature]?.[k] ?? 0;
  let best: { message: IndexedMessage; start: number; end: number; score: number; features: string[] } | null = null;
  for (const message of messages) {
    if (message.role !== "visitor") continue;
    for (const sentence of sentences(message.body)) {
      const features = wordFeatures(sentence.text).filter((f) => weightOf(f) > 0);
      const score = features.reduce((sum, f) => sum + weightOf(f), 0);
      if (score > 0 && (!best || score > best.score)) best = { message, ...sentence, score, features };
    }
  }
  if (!best) return null;
  const ranked = best.features.sort((a, b) => weightOf(b) - weightOf(a) || a.localeCompare(b));
  // "and" and "could" carry weight too, but tell a reviewer nothing: show the telling words first.
  const telling = ranked.filter((f) => f.split(" ").some((w) => !FUNCTION_WORDS.has(w)));
  const words = (telling.length > 0 ? telling : ranked).slice(0, 3);
  return { evidence: evidenceOf(best.message, best.start, best.end), words };
}
