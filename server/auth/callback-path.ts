const BASE = "http://handoff.invalid";

/**
 * Only a same-site path may be a post-sign-in destination. The value is resolved the way a browser
 * would (which drops tabs and newlines, and treats "\" like "/"), and must stay on our origin.
 * Returns the normalised path, query and fragment, or null.
 */
export function safeCallbackPath(value: unknown): string | null {
  if (typeof value !== "string" || value.length > 512 || !value.startsWith("/")) return null;
  // Control characters and backslashes have no place in our own paths, and browsers reinterpret them.
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  if (url.pathname.startsWith("/sign-in") || url.pathname.startsWith("/api/")) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
