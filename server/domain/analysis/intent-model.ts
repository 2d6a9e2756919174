import type { CustomerSignals, IntentSignals } from "./classify";
import { foldText } from "./fold";
import { softmax, type LinearModel, type LinearScore } from "./linear";
import trained from "./models/intent.json";
import type { IndexedMessage } from "./text";
import type { Intent } from "./types";
import { compileWordModel, sumWordModel, visitorBodies, visitorText, wordFeatures } from "./word-model";

export { modelText, wordFeatures } from "./word-model";

// Intent is decided by a linear model over what the visitor wrote, the page they wrote from and
// the policy's own intent signals. Hand-written phrase rules alone reached 69–87% intent accuracy on
// corpora they had never seen; the model, trained on the labelled corpora in tests/fixtures/corpus
// (`npm run train:models`), is measured corpus by corpus in the same way (docs/ARCHITECTURE.md).

export const INTENT_LABELS = ["sales", "support", "spam", "other"] as const satisfies readonly Intent[];

export const INTENT_MODEL = trained.model as LinearModel<Intent>;

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
  const z = sumWordModel(compileWordModel(model), visitorBodies(messages), [
    ...pageFeatures(pageUrl),
    ...signalFeatures(signals, customer),
  ]);
  return softmax(model.labels, z);
}

export function intentFeatures(
  messages: IndexedMessage[],
  pageUrl: string | null | undefined,
  signals: IntentSignals,
  customer: CustomerSignals,
): string[] {
  return [...wordFeatures(visitorText(messages)), ...pageFeatures(pageUrl), ...signalFeatures(signals, customer)];
}
