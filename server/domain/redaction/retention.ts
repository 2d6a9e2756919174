// What is left of a transcript once the retention period has passed: either nothing ("delete") or
// the messages with every contact detail replaced ("redact"). In both, the brief keeps its facts
// (intent, topic, the stated need) for the dashboards, with its quotes and contact details removed.

export interface Identifiers {
  /** Lower-cased addresses. */
  emails: string[];
  /** As written and in E.164. */
  phones: string[];
  /** Names and companies: replaced as whole words, case-insensitively. */
  names: string[];
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// Seven or more digits, optionally with separators, as phone numbers are written.
const PHONE = /(?<![\w+])\+?\(?\d[\d\s().-]{5,}\d(?![\w])/g;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Replaces every email, phone number and known name or company in `text` with a label. */
export function redactIdentifiers(text: string, identifiers: Identifiers): string {
  let out = text
    .replace(EMAIL, "[email]")
    .replace(PHONE, (match) => (match.replace(/\D/g, "").length >= 7 ? "[phone]" : match));
  for (const value of [...identifiers.emails, ...identifiers.phones])
    if (value) out = out.replace(new RegExp(escape(value), "gi"), "[contact]");
  for (const name of identifiers.names) {
    const trimmed = name.trim();
    if (trimmed.length < 2) continue;
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escape(trimmed)}(?![\\p{L}\\p{N}])`, "giu"), "[name]");
    // Each part of a full name on its own too ("Dana" in "thanks Dana"), when long enough to be a name.
    for (const part of trimmed.split(/\s+/))
      if (part.length >= 3 && part !== trimmed)
        out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escape(part)}(?![\\p{L}\\p{N}])`, "giu"), "[name]");
  }
  return out;
}

/** A deep copy with every string passed through `redactIdentifiers`. */
export function redactDeep<T>(value: T, identifiers: Identifiers): T {
  if (typeof value === "string") return redactIdentifiers(value, identifiers) as T;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, identifiers)) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = redactDeep(inner, identifiers);
    return out as T;
  }
  return value;
}

/**
 * A deep copy of a brief without its evidence: quotes point into messages that are gone. Evidence
 * lists become empty and single evidence fields null; everything else is kept.
 */
export function stripEvidence<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => stripEvidence(item)) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      // (`question` is evidence on consent, but the clarifying question's text on the next action.)
      if (key === "evidence" || (key === "question" && inner !== null && typeof inner === "object"))
        out[key] = Array.isArray(inner) ? [] : null;
      else out[key] = stripEvidence(inner);
    }
    return out as T;
  }
  return value;
}

interface BriefContact {
  contact?: {
    name?: { value?: string } | null;
    email?: { value?: string } | null;
    phone?: { value?: string; e164?: string | null } | null;
    company?: { value?: string } | null;
  };
}

/** The contact details a conversation holds: the brief's and the platform's visitor record. */
export function identifiersOf(brief: unknown, visitor: unknown): Identifiers {
  const contact = (brief as BriefContact | null)?.contact ?? {};
  const fields = (visitor ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === "string" && value.trim() ? value.trim() : null);
  const emails = [text(contact.email?.value), text(fields.email)].filter((v): v is string => v !== null);
  const phones = [text(contact.phone?.value), text(contact.phone?.e164), text(fields.phone)].filter(
    (v): v is string => v !== null,
  );
  const names = [
    text(contact.name?.value),
    text(contact.company?.value),
    text(fields.name),
    text(fields.company),
  ].filter((v): v is string => v !== null);
  return { emails: emails.map((e) => e.toLowerCase()), phones, names };
}

/**
 * A matcher for exact mentions of these emails or phone numbers: an address counts only as a whole
 * (not "a@b.co" inside "mia@b.com" or "a@b.co.uk"), a number only when no digit touches it.
 */
export function mentionMatcher(values: readonly string[]): RegExp | null {
  const parts = values
    .filter(Boolean)
    .map((value) =>
      value.includes("@") ? `(?<![\\w.%+-])${escape(value)}(?![\\w%+-]|\\.\\w)` : `(?<!\\d)${escape(value)}(?!\\d)`,
    );
  return parts.length ? new RegExp(parts.join("|"), "gi") : null;
}

/**
 * Other people's records that mention the person: each mention becomes as many "*" as it had
 * characters, so quotes and sensitive-data spans that point into the text still line up.
 */
export function blankMentions<T>(value: T, matcher: RegExp | null): T {
  if (!matcher) return value;
  if (typeof value === "string") return value.replace(matcher, (m) => "*".repeat(m.length)) as T;
  if (Array.isArray(value)) return value.map((item) => blankMentions(item, matcher)) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = blankMentions(inner, matcher);
    return out as T;
  }
  return value;
}

export function mentions(value: unknown, matcher: RegExp | null): boolean {
  if (!matcher) return false;
  matcher.lastIndex = 0;
  const found = matcher.test(typeof value === "string" ? value : JSON.stringify(value ?? null));
  matcher.lastIndex = 0;
  return found;
}

/** Replaces only these identifiers (exact emails and numbers, whole names) with "[erased]". */
export function redactKnown(text: string, identifiers: Identifiers): string {
  const matcher = mentionMatcher([...identifiers.emails, ...identifiers.phones]);
  let out = matcher ? text.replace(matcher, "[erased]") : text;
  for (const name of identifiers.names) {
    const trimmed = name.trim();
    if (trimmed.length >= 2)
      out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escape(trimmed)}(?![\\p{L}\\p{N}])`, "giu"), "[erased]");
  }
  return out;
}
