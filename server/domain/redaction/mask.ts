// Masking of personal data for logs and other places where a person's details must not appear in
// full. Keeps enough shape to debug ("j***@e***.com") without identifying anyone.

const EMAIL = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9])[A-Za-z0-9.-]*\.([A-Za-z]{2,})/g;
// Seven or more digits, optionally with separators, as phone numbers are written; not a run of
// digits inside an identifier or timestamp ("20261124_init", "2026-11-24T05").
const PHONE = /(?<![\w+])\+?\(?\d[\d\s().-]{5,}\d(?![\w])/g;

// Keys whose values are personal or secret wherever they appear in a key ("accessToken",
// "client_secret", "contactEmail"), and keys that are personal only when they are the whole key
// ("name", but not "filename").
const SECRET_KEY_PARTS = ["password", "secret", "token", "authorization", "cookie", "apikey", "email", "phone"];
const PERSONAL_KEYS = new Set(["name", "ip", "address"]);

function isPersonalKey(key: string): boolean {
  const normalised = key.toLowerCase().replace(/[_-]/g, "");
  return PERSONAL_KEYS.has(normalised) || SECRET_KEY_PARTS.some((part) => normalised.includes(part));
}

export function maskEmail(email: string): string {
  return email.replace(
    EMAIL,
    (_m, first: string, domainFirst: string, tld: string) => `${first}***@${domainFirst}***.${tld}`,
  );
}

export function maskPhone(text: string): string {
  return text.replace(PHONE, (match) => {
    const digits = match.replace(/\D/g, "");
    return digits.length >= 7 ? `***${digits.slice(-2)}` : match;
  });
}

/** Masks emails and phone numbers wherever they appear in free text. */
export function maskText(text: string): string {
  return maskPhone(maskEmail(text));
}

/**
 * Returns a copy with personal fields masked: values under personal-looking keys are replaced,
 * and emails or phone numbers inside any other string are masked.
 */
export function maskPersonalData(value: unknown, depth = 0): unknown {
  if (depth > 8) return "[nested]";
  if (typeof value === "string") return maskText(value);
  if (Array.isArray(value)) return value.map((item) => maskPersonalData(item, depth + 1));
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = isPersonalKey(key)
        ? inner === null || inner === undefined
          ? inner
          : "[masked]"
        : maskPersonalData(inner, depth + 1);
    }
    return out;
  }
  return value;
}
