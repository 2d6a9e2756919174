import type { Brief } from "./types";

const INTENT_WORDS: Record<Brief["intent"]["value"], string> = {
  sales: "Sales inquiry",
  support: "Support request",
  spam: "Spam",
  other: "Other message",
};

const CONSENT_WORDS: Record<Brief["consent"]["status"], string> = {
  given: "consent to be contacted given",
  refused: "contact REFUSED — answer in chat only",
  unclear: "consent UNCLEAR — confirm before contacting",
  not_asked: "consent NOT ASKED",
};

function pathOf(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return `${u.hostname}${u.pathname}`;
  } catch {
    return url.slice(0, 120);
  }
}

/** Ends the text with a full stop unless the visitor's own words already end the sentence ("…cost?"). */
function sentence(text: string): string {
  return /[.?!…]["”’)]?$/.test(text.trimEnd()) ? text.trimEnd() : `${text.trimEnd()}.`;
}

/** A short plain-language summary: who, what, what is still open, how urgent, consent, source. */
export function summarise(brief: Omit<Brief, "summary">): string {
  const who = brief.contact.name?.value ?? "an anonymous visitor";
  const company = brief.contact.company ? ` (${brief.contact.company.value})` : "";
  const status = brief.customerStatus.value === "existing" ? "existing customer " : "";
  const parts = [`${INTENT_WORDS[brief.intent.value]} from ${status}${who}${company}.`];
  parts.push(brief.statedNeed ? sentence(`Need: ${brief.statedNeed.value}`) : "Need: not stated clearly yet.");
  parts.push(sentence(`Open question: ${brief.unresolvedQuestion ? brief.unresolvedQuestion.value : "none"}`));
  parts.push(`Urgency ${brief.urgency.level}: ${brief.urgency.reason}`);
  parts.push(
    `Contact: ${[brief.contact.email?.value, brief.contact.phone?.value].filter(Boolean).join(", ") || "none given"}; ${CONSENT_WORDS[brief.consent.status]}.`,
  );
  if (brief.flags.length) parts.push(`Flags: ${brief.flags.map((f) => f.flag.replace(/_/g, " ")).join(", ")}.`);
  const page = pathOf(brief.source.pageUrl);
  const campaign = brief.source.campaign?.campaign ?? brief.source.campaign?.source;
  if (page || campaign)
    parts.push(`Source: ${[page, campaign ? `campaign ${campaign}` : null].filter(Boolean).join(", ")}.`);
  return parts.join(" ");
}
