// Filling a first-reply template. Placeholders: {{name}} (the visitor's first name, or "there"),
// {{need}} (what they asked for, in their words), {{owner}} (who sends it). Unknown placeholders
// are left as written, so a typo shows in the draft instead of vanishing.

export const TEMPLATE_PLACEHOLDERS = ["name", "need", "owner"] as const;
export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];

export interface TemplateValues {
  /** The visitor's name as known (full or first), or null. */
  visitorName: string | null;
  /** The stated need, or null. */
  need: string | null;
  /** The sender's name. */
  ownerName: string;
}

const GREETING =
  /^\s*(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|dear [^,]+)\b[\s,!.:-]*(?:there\b[\s,!.:-]*)?/i;

/** "Dana Ruiz" -> "Dana"; nothing usable -> "there" ("Hi there,"). */
export function firstNameOf(name: string | null | undefined): string {
  const first = name
    ?.trim()
    .split(/\s+/)[0]
    ?.replace(/[^\p{L}'’-]/gu, "");
  return first && first.length >= 2 ? first : "there";
}

/**
 * The need as it reads inside a sentence: without the visitor's greeting or closing punctuation
 * ("Hi, we'd like a new flat roof." -> "we'd like a new flat roof").
 */
export function needPhrase(need: string | null | undefined): string {
  const cleaned = (need ?? "")
    .replace(GREETING, "")
    .replace(/\s+/g, " ")
    .replace(/[\s.!,;:]+$/, "")
    .trim();
  if (!cleaned) return "your enquiry";
  return cleaned.length > 300 ? `${cleaned.slice(0, 297).trimEnd()}…` : cleaned;
}

export function renderTemplate(body: string, values: TemplateValues): string {
  const filled: Record<TemplatePlaceholder, string> = {
    name: firstNameOf(values.visitorName),
    need: needPhrase(values.need),
    owner: values.ownerName.trim() || "the team",
  };
  return body.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) =>
    key in filled ? filled[key as TemplatePlaceholder] : whole,
  );
}

/**
 * A subject line for the reply, from the conversation's topic ("Your enquiry: Quote or new work").
 * Never the visitor's own words: unquoted in a subject, "by Friday" would read as our promise.
 */
export function replySubject(topic: string | null | undefined): string {
  const label = topic?.trim();
  return label ? `Your enquiry: ${label}` : "Your enquiry";
}
