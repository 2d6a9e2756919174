import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";

// Outbound HTTP to addresses an admin typed in (webhook receivers, chat alert hooks). The address
// is checked where the connection is made, on every address the name resolves to, so a name that
// resolves to a private address (or changes to one after a check) is refused: no requests into the
// server's own network unless OUTBOUND_ALLOW_PRIVATE_NETWORKS is set for development.

const BLOCKED = new net.BlockList();
for (const [prefix, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  BLOCKED.addSubnet(prefix, bits, "ipv4");
}
for (const [prefix, bits] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
  ["2001:db8::", 32],
  ["64:ff9b::", 96],
] as const) {
  BLOCKED.addSubnet(prefix, bits, "ipv6");
}

/** True for loopback, private, link-local, shared, documentation, multicast and reserved addresses. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPrivateAddress(mapped[1]!);
  const family = net.isIP(address);
  if (family === 0) return true;
  return BLOCKED.check(address, family === 4 ? "ipv4" : "ipv6");
}

export class OutboundAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutboundAddressError";
  }
}

/** Checks an admin-entered URL before it is saved: http(s) only, no credentials, no private literal address. */
export function checkOutboundUrl(raw: string, allowPrivate: boolean): string | null {
  if (!URL.canParse(raw)) return "must be an absolute http:// or https:// URL";
  const url = new URL(raw);
  if (url.protocol !== "https:" && url.protocol !== "http:") return "must use https:// (or http://)";
  if (url.username || url.password) return "must not carry a user name or password";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (
    !allowPrivate &&
    (host === "localhost" || host.endsWith(".localhost") || (net.isIP(host) && isPrivateAddress(host)))
  ) {
    return "points at a private or loopback address, which is refused (set OUTBOUND_ALLOW_PRIVATE_NETWORKS=true for development)";
  }
  return null;
}

type Resolve = (
  hostname: string,
  options: dns.LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void,
) => void;

/** The `lookup` every outbound connection uses: refuses the name if any address it has is private. */
export function guardedLookup(allowPrivate: boolean, resolve: Resolve = dns.lookup): net.LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const list = addresses as dns.LookupAddress[];
      const refused = allowPrivate ? undefined : list.find((a) => isPrivateAddress(a.address));
      if (refused || list.length === 0) {
        return callback(
          new OutboundAddressError(
            refused
              ? `${hostname} resolves to a private address (${refused.address}), which is refused`
              : `${hostname} has no address`,
          ),
          "",
          0,
        );
      }
      if ((options as dns.LookupOptions).all)
        return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

export interface OutboundResponse {
  status: number;
  /** The first 2 KB of the body, for the delivery log. */
  bodyExcerpt: string;
  durationMs: number;
}

/**
 * POSTs bytes to a URL with a deadline covering connect, send and the whole response. Redirects are
 * not followed (a 3xx is an answer like any other). Throws on network errors and timeouts.
 */
export function postOutbound(
  rawUrl: string,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; allowPrivate: boolean },
): Promise<OutboundResponse> {
  const problem = checkOutboundUrl(rawUrl, options.allowPrivate);
  if (problem) return Promise.reject(new OutboundAddressError(`the URL ${problem}`));
  const url = new URL(rawUrl);
  const started = performance.now();
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers },
        lookup: guardedLookup(options.allowPrivate),
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        response.on("data", (chunk: Buffer) => {
          if (kept < 2048) {
            chunks.push(chunk);
            kept += chunk.length;
          }
        });
        response.on("end", () => {
          clearTimeout(timer);
          resolve({
            status: response.statusCode ?? 0,
            bodyExcerpt: Buffer.concat(chunks).subarray(0, 2048).toString("utf8"),
            durationMs: Math.round(performance.now() - started),
          });
        });
        response.on("error", (error) => {
          clearTimeout(timer);
          reject(error);
        });
      },
    );
    const timer = setTimeout(() => {
      request.destroy(new Error(`no complete answer within ${options.timeoutMs / 1000} s`));
    }, options.timeoutMs);
    request.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end(body);
  });
}
