/** Only a same-site path may be a post-sign-in destination: no scheme, no host, no `//` trick. */
export function safeCallbackPath(value: unknown): string | null {
  if (typeof value !== "string" || value.length > 512) return null;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return null;
  if (value.startsWith("/sign-in") || value.startsWith("/api/")) return null;
  return value;
}
