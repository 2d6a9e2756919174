import { createHmac } from "node:crypto";
import { z, type ZodType } from "zod";
import { clientAddress } from "../auth/client-address";
import { getDb } from "../db/client";
import { derivedKey } from "../derived-keys";
import { getEnv } from "../env";
import { hitRateLimit } from "../services/rate-limit";
import { loadAnalysisSettings } from "../services/settings/analysis-settings";
import {
  isSessionToken,
  markWidgetSessionLeft,
  postWidgetMessage,
  startWidgetSession,
  ZStartSession,
  ZWidgetMessage,
} from "../services/widget/widget-session";
import { findWidgetSource, mayEmbed, type WidgetSource } from "../services/widget/widget-settings";
import { apiError, apiFailure, parseJsonBody, rateLimitSource, readLimitedBody } from "./api-v1";

// The chat widget's public endpoints, /api/widget/v1/{publicId}/…, called from visitors' browsers
// on the customer's site. No key is involved (a page can keep no secret): the public id names the
// widget, the widget's allowed sites are enforced through Origin (browsers cannot forge it), and a
// session token (an HMAC of the session id) ties each message to the chat that started it. Limits:
// the source's per-minute limit, new chats per address per hour, messages per chat per minute.

const MAX_WIDGET_BODY_BYTES = 32 * 1024;
const MESSAGES_PER_SESSION_MINUTE = 20;
const REQUESTS_PER_ADDRESS_MINUTE = 60;

type Handler = (context: { request: Request; source: WidgetSource; address: string }) => Promise<Response>;

/** Resolves the widget, checks the origin and the address's limit, and adds CORS headers to any answer. */
async function widgetRequest(request: Request, publicId: string, handle: Handler): Promise<Response> {
  const origin = request.headers.get("origin");
  try {
    const source = await findWidgetSource(getDb(), publicId);
    if (!source) return withCors(apiError(404, "not_found", "no chat widget has this id"), origin);
    if (!mayEmbed(source, origin)) {
      return withCors(apiError(403, "origin_not_allowed", "this site may not use this chat widget"), origin);
    }
    const address = hashedAddress(request);
    const perAddress = await hitRateLimit(`widget:addr:${address}`, REQUESTS_PER_ADDRESS_MINUTE, 60);
    if (!perAddress.allowed) return withCors(tooMany(perAddress.retryAfterSeconds), origin);
    const limited = await rateLimitSource(source);
    if (limited) return withCors(limited, origin);
    return withCors(await handle({ request, source, address }), origin);
  } catch (error) {
    // The visitor's page went away mid-request (a closed tab): nobody is left to answer.
    if (request.signal.aborted) return new Response(null, { status: 499 });
    return withCors(apiFailure(`${request.method} /api/widget/v1`, error), origin);
  }
}

/** The preflight: which origin may call, with which method and header. */
export async function handleWidgetPreflight(request: Request, publicId: string): Promise<Response> {
  const origin = request.headers.get("origin");
  const source = await findWidgetSource(getDb(), publicId).catch(() => null);
  if (!source || !mayEmbed(source, origin)) return new Response(null, { status: 403 });
  return withCors(
    new Response(null, {
      status: 204,
      headers: {
        "Access-Control-Allow-Methods": "GET, POST",
        "Access-Control-Allow-Headers": "Content-Type",
        "Access-Control-Max-Age": "600",
      },
    }),
    origin,
  );
}

export const handleWidgetConfig = (request: Request, publicId: string) =>
  widgetRequest(request, publicId, async ({ source }) =>
    Response.json(
      {
        title: source.settings.title,
        launcherLabel: source.settings.launcherLabel,
        accentColor: source.settings.accentColor,
        greeting: (await loadAnalysisSettings(getDb())).language.botReplies.greeting,
      },
      // Short: an admin's change shows on the site within a minute.
      { headers: { "Cache-Control": "public, max-age=60" } },
    ),
  );

export const handleWidgetSessionStart = (request: Request, publicId: string) =>
  widgetRequest(request, publicId, async ({ request, source, address }) => {
    const body = await readWidgetJson(request, ZStartSession);
    if (body instanceof Response) return body;
    // The page the chat is on is the page that called: routing by page must not be spoofed from a browser.
    const origin = request.headers.get("origin");
    if (body.pageUrl && origin && new URL(body.pageUrl).origin !== origin) {
      return apiError(400, "invalid_body", "pageUrl is not on the calling page's site", {
        issues: [{ path: "pageUrl", message: "must be the address of the page the chat is on" }],
      });
    }
    const limit = await hitRateLimit(
      `widget:sessions:${source.id}:${address}`,
      getEnv().WIDGET_SESSIONS_PER_ADDRESS_HOUR,
      3600,
    );
    if (!limit.allowed) return tooMany(limit.retryAfterSeconds);
    const session = await startWidgetSession(getDb(), source, body);
    return Response.json(session, { status: 201, headers: { "Cache-Control": "no-store" } });
  });

export const handleWidgetMessage = (request: Request, publicId: string, sessionId: string) =>
  widgetRequest(request, publicId, async ({ request, source }) => {
    const body = await readWidgetJson(request, ZWidgetMessage);
    if (body instanceof Response) return body;
    // Checked before counting, so made-up session ids make no counters.
    if (!isSessionToken(sessionId, body.token)) {
      return apiError(404, "not_found", "this chat has ended or expired; start a new one");
    }
    const limit = await hitRateLimit(`widget:messages:${sessionId}`, MESSAGES_PER_SESSION_MINUTE, 60);
    if (!limit.allowed) return tooMany(limit.retryAfterSeconds);
    const reply = await postWidgetMessage(getDb(), source, sessionId, body);
    return Response.json(reply, { headers: { "Cache-Control": "no-store" } });
  });

/** navigator.sendBeacon on pagehide: a text/plain body (no preflight) holding the token. */
export const handleWidgetEnd = (request: Request, publicId: string, sessionId: string) =>
  widgetRequest(request, publicId, async ({ request, source }) => {
    const raw = await readLimitedBody(request, 1024);
    if (!raw) return apiError(413, "payload_too_large", "the body must be at most 1024 bytes");
    const body = parseJsonBody(raw, z.object({ token: z.string().min(1).max(200) }), () => "token is required");
    if (body instanceof Response) return body;
    await markWidgetSessionLeft(getDb(), source, sessionId, body.token);
    return new Response(null, { status: 204 });
  });

async function readWidgetJson<T>(request: Request, schema: ZodType<T>): Promise<T | Response> {
  if (!/^application\/json\s*(?:;|$)/i.test(request.headers.get("content-type") ?? "")) {
    return apiError(415, "unsupported_media_type", "send the body as JSON with Content-Type: application/json");
  }
  const raw = await readLimitedBody(request, MAX_WIDGET_BODY_BYTES);
  if (!raw) return apiError(413, "payload_too_large", `the body must be at most ${MAX_WIDGET_BODY_BYTES} bytes`);
  return parseJsonBody(raw, schema, (n) => `${n === 1 ? "a field is" : "some fields are"} not valid`);
}

function withCors(response: Response, origin: string | null): Response {
  const headers = new Headers(response.headers);
  // Origins were checked before any work; an answer still names only the caller's own origin.
  if (origin) headers.set("Access-Control-Allow-Origin", origin);
  headers.append("Vary", "Origin");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

function tooMany(retryAfterSeconds: number): Response {
  return apiError(429, "rate_limited", "too many messages; wait a moment and try again", {
    headers: { "Retry-After": String(retryAfterSeconds) },
  });
}

/**
 * Rate-limit keys hold a keyed hash of the visitor's address, not the address. IPv6 addresses count
 * by their /64, which one household or phone holds whole.
 */
function hashedAddress(request: Request): string {
  const address = clientAddress(request.headers, getEnv().TRUSTED_PROXY_HOPS);
  const network = address.includes(":") ? ipv6Prefix64(address) : address;
  return createHmac("sha256", derivedKey("widget-addresses")).update(network).digest("base64url").slice(0, 22);
}

function ipv6Prefix64(address: string): string {
  const [head = "", tail = ""] = address.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::")
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right]
    : left;
  return `${groups.slice(0, 4).join(":")}::/64`;
}
