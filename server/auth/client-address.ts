/**
 * The client's address, for rate limits. Proxies append the address they received a request from
 * to X-Forwarded-For, so with N trusted proxies in front of the console the client is the Nth
 * entry from the right; anything further left was written by the client and is ignored. With no
 * proxy (N = 0) the rightmost entry is the one Next added from the socket.
 */
export function clientAddress(headers: Headers, trustedProxyHops: number): string {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const index = entries.length - Math.max(1, trustedProxyHops);
  return entries[Math.max(0, index)] ?? "unknown";
}
