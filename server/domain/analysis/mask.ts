import { redactText } from "./sensitive";
import type { Brief, Conversation, Evidence, Finding, SensitiveSpan } from "./types";

// A brief never carries sensitive data in clear: every evidence quote is its message's span with
// the sensitive parts replaced by a label ("[card number]"), and text the brief derives from the
// transcript (stated need, open question, qualification, urgency reason) is masked the same way.
// Offsets still point at the original message, so a reviewer with the right to see the
// transcript can find the words; everyone else, and every log, sees the label.

function spansByMessage(spans: SensitiveSpan[]): Map<number, SensitiveSpan[]> {
  const map = new Map<number, SensitiveSpan[]>();
  for (const span of spans) map.set(span.message, [...(map.get(span.message) ?? []), span]);
  return map;
}

/** The quote of a span of one message, with the sensitive parts inside it labelled. */
export function maskedQuote(text: string, start: number, end: number, spans: SensitiveSpan[]): string {
  const inside = spans
    .filter((s) => s.start < end && start < s.end)
    .map((s) => ({ ...s, start: Math.max(s.start, start) - start, end: Math.min(s.end, end) - start }));
  const slice = text.slice(start, end);
  return inside.length ? redactText(slice, inside) : slice;
}

/** Masks a brief's quotes and derived text against its own sensitive spans. Idempotent. */
export function maskBrief<B extends Omit<Brief, "summary">>(conversation: Conversation, brief: B): B {
  if (brief.sensitive.length === 0) return brief;
  const byMessage = spansByMessage(brief.sensitive);
  // The words themselves, longest first, for text that was rewritten rather than sliced.
  const secrets = brief.sensitive
    .map((s) => ({ kind: s.kind, raw: conversation.messages[s.message]?.text.slice(s.start, s.end) ?? "" }))
    .filter((s) => s.raw.trim().length >= 3)
    .sort((a, b) => b.raw.length - a.raw.length);
  const maskFree = (text: string) =>
    secrets.reduce((out, s) => out.split(s.raw).join(`[${s.kind.replace(/_/g, " ")}]`), text);

  const ev = (e: Evidence): Evidence => {
    const spans = byMessage.get(e.message);
    const text = conversation.messages[e.message]?.text;
    return spans && text !== undefined ? { ...e, quote: maskedQuote(text, e.start, e.end, spans) } : e;
  };
  const finding = <T extends Finding<string> | null>(f: T): T =>
    (f ? { ...f, value: maskFree(f.value), evidence: f.evidence.map(ev) } : f) as T;

  return {
    ...brief,
    intent: { ...brief.intent, evidence: brief.intent.evidence.map(ev) },
    customerStatus: { ...brief.customerStatus, evidence: brief.customerStatus.evidence.map(ev) },
    topic: brief.topic ? { ...brief.topic, evidence: brief.topic.evidence.map(ev) } : null,
    contact: {
      name: brief.contact.name && { ...brief.contact.name, evidence: brief.contact.name.evidence.map(ev) },
      email: brief.contact.email && { ...brief.contact.email, evidence: brief.contact.email.evidence.map(ev) },
      phone: brief.contact.phone && { ...brief.contact.phone, evidence: brief.contact.phone.evidence.map(ev) },
      company: brief.contact.company && { ...brief.contact.company, evidence: brief.contact.company.evidence.map(ev) },
    },
    consent: {
      ...brief.consent,
      evidence: brief.consent.evidence && ev(brief.consent.evidence),
      question: brief.consent.question && ev(brief.consent.question),
    },
    statedNeed: finding(brief.statedNeed),
    unresolvedQuestion: finding(brief.unresolvedQuestion),
    urgency: { ...brief.urgency, reason: maskFree(brief.urgency.reason), evidence: brief.urgency.evidence.map(ev) },
    qualification: {
      companySize: finding(brief.qualification.companySize),
      budget: finding(brief.qualification.budget),
      timeline: finding(brief.qualification.timeline),
      location: finding(brief.qualification.location),
    },
    flags: brief.flags.map((f) => ({ ...f, evidence: f.evidence.map(ev) })),
  };
}

/**
 * The conversation with every sensitive span overwritten by asterisks of the same length, for
 * sending to a language model: the secret never leaves, and offsets into it still hold.
 */
export function blankSensitive(conversation: Conversation, spans: SensitiveSpan[]): Conversation {
  if (spans.length === 0) return conversation;
  const byMessage = spansByMessage(spans);
  return {
    ...conversation,
    messages: conversation.messages.map((message, index) => {
      const mine = byMessage.get(index);
      if (!mine) return message;
      let text = message.text;
      for (const span of mine)
        text = text.slice(0, span.start) + "*".repeat(span.end - span.start) + text.slice(span.end);
      return { ...message, text };
    }),
  };
}
