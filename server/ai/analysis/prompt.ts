import type { Conversation } from "../../domain/analysis";

// The instructions follow the labeling rules the evaluation corpus uses (shared/corpus/FORMAT.md),
// so the model and the rules analyzer answer the same questions the same way.
export const ANALYSIS_SYSTEM_PROMPT = `You prepare a handoff brief from a website chat transcript, for the person who will follow up.
Answer only from the transcript. For every claim give the index of the message it comes from and the exact
words, copied character for character from that message; a claim you cannot quote must be null or left out.

Labels:
- intent: "sales" (wants to buy, compare, get a quote, book a demo, consultation, appointment, viewing, reservation
  or order, or asks whether the business can do something for them); "support" (a problem or task with a product
  or service they use or bought: orders, refunds, billing disputes, accounts, bugs, how-to, fraud reports); "spam"
  (ads, link drops, SEO offers, phishing, gibberish, abuse with no request); "other" (job applications, press,
  partnerships that are not spam, small talk only).
- customerStatus: "existing" when the visitor says or clearly implies they already are a customer (an order, an
  account, a subscription, a booking, a card with the business); else "new_or_unknown".
- contact: only details the visitor gave as the way to reach them (an assistant's address they offer counts; other
  people's merely mentioned do not; social handles do not). Write an obfuscated email as an address. When the
  visitor corrects a detail, give the corrected one.
- consent (to be contacted outside this chat): "given" (clear yes, or asks to be called/emailed back); "refused"
  (declines: "don't call me", "just answer here"); "unclear" (details shared or follow-up discussed without a clear
  yes or no); "not_asked" (neither came up). Quote the visitor's words that decide it.
- needClear: true when someone reading only the visitor's messages could say in one sentence what they want.
- statedNeed: that sentence, in plain words, with the quote it rests on. unresolvedQuestion: the visitor's question
  still unanswered at the end, or null.
- urgency: "high" for emergencies or real time pressure, "low" for "no rush"/browsing, else "normal", with a reason.
- flags, each with the quote that raises it:
  pricing_request (asks a price, quote, fee, discount, refund or price match; a budget stated without asking is not),
  custom_scope (custom or non-standard work, terms, exceptions, bespoke packages),
  legal_advice (asks for legal advice or interpretation, or raises legal action, regulators or contracts),
  emergency (fraud, theft, a hacked account, safety, health, a security breach, an outage with serious harm; a
  deadline or inconvenience alone is not), guarantee_request (asks for a guarantee or promise of results, ROI,
  timing or availability), frustration (angry, upset or fed up; mild disappointment is not), repetition (asks or
  answers the same again because it was not answered or the bot asked again), sensitive_data (card, bank or account
  numbers, passwords, PINs, government IDs, security answers, health details about a person — not an animal),
  complaint (dissatisfaction with the business or a demand for redress; a neutral problem report is not),
  bot_promise (the bot — not the visitor, not a human agent — states a price, a guarantee, a result to come, or a
  timing/availability commitment; reporting what it did is not).
Runs of asterisks (*****) stand for sensitive data removed before you saw the transcript: flag sensitive_data on
them, never guess what they were, and never copy them into a contact detail.`;

/** The transcript with message numbers the model must cite. */
export function formatTranscript(conversation: Conversation): string {
  const lines = conversation.messages.map((m, i) => `[${i}] ${m.role}: ${m.text.slice(0, 8_000)}`);
  const source = conversation.pageUrl ? `Page: ${conversation.pageUrl}\n` : "";
  return `${source}Transcript:\n${lines.join("\n")}`;
}
