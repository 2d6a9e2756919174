// What the desk learns about the page a chat starts on: address, referrer, language and campaign.
import { type Utm } from "./chat-data";

const UTM_KEYS = ["source", "medium", "campaign", "term", "content"] as const;

/** The page's utm_* parameters, or undefined when it has none (so the field is left out). */
export function utmFromUrl(href: string): Utm | undefined {
  let params: URLSearchParams;
  try {
    params = new URL(href).searchParams;
  } catch {
    return undefined;
  }
  const utm: Utm = {};
  for (const key of UTM_KEYS) {
    const value = params.get(`utm_${key}`)?.trim();
    if (value) utm[key] = value;
  }
  return Object.keys(utm).length > 0 ? utm : undefined;
}

export interface PageContext {
  href: string;
  referrer: string;
  language: string;
}

/** The body that starts a session; empty values become undefined so JSON leaves them out. */
export function sessionStartBody(page: PageContext, website: string) {
  return {
    pageUrl: page.href,
    referrer: page.referrer || undefined,
    locale: page.language || undefined,
    utm: utmFromUrl(page.href),
    website,
  };
}
