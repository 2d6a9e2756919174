import { createHash } from "node:crypto";
import type { ZodError, ZodType } from "zod";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { logger } from "../logger";
import { hitRateLimit } from "../services/rate-limit";
import { authenticateSourceKey, type AuthenticatedSource } from "../services/sources";
import { verifyStandardWebhook } from "./standard-webhooks";

// What every /api/v1 endpoint does before its own work, in this order, so bad input is refused
// before anything is written: content type (415), size (413), API key (401), signature when sent
// (401), the source's rate limit (429), JSON (400) and the endpoint's schema (400, with the paths).
// Errors are JSON: { "error": { "code", "message", "issues"?: [{ "path", "message" }] } }.

export const MAX_BODY_BYTES = 1024 * 1024;

export interface ApiIssue {
  path: string;
  message: string;
}

export function apiError(
  status: number,
  code: string,
  message: string,
  extra?: { issues?: ApiIssue[]; headers?: Record<string, string> },
): Response {
  return Response.json(
    { error: { code, message, ...(extra?.issues ? { issues: extra.issues } : {}) } },
    { status, headers: { "Cache-Control": "no-store", ...extra?.headers } },
  );
}

export interface AcceptedRequest<T> {
  source: AuthenticatedSource;
  body: T;
  /** SHA-256 of the raw bytes, for Idempotency-Key replays. */
  bodyHash: string;
}

type Accepted<T> = { ok: true; value: AcceptedRequest<T> } | { ok: false; response: Response };

export async function acceptApiRequest<T>(db: Db, request: Request, schema: ZodType<T>): Promise<Accepted<T>> {
  const refuse = (response: Response): Accepted<T> => ({ ok: false, response });
  const raw = await readJsonBytes(request);
  if (raw instanceof Response) return refuse(raw);

  const source = await authenticateSourceKey(db, apiKeyOf(request));
  if (!source) {
    return refuse(
      apiError(401, "unauthorized", "a valid API key is required (Authorization: Bearer <key>)", {
        headers: { "WWW-Authenticate": 'Bearer realm="handoff-desk"' },
      }),
    );
  }
  const signature = request.headers.get("webhook-signature");
  if (signature !== null) {
    const check = verifyStandardWebhook(
      source.signingSecret,
      {
        id: request.headers.get("webhook-id"),
        timestamp: request.headers.get("webhook-timestamp"),
        signature,
      },
      raw,
    );
    if (!check.ok) return refuse(apiError(401, "bad_signature", check.reason));
  }
  const limited = await rateLimitSource(source);
  if (limited) return refuse(limited);

  const parsed = parseJsonBody(raw, schema, (n) => `${n === 1 ? "a field is" : "some fields are"} not valid`);
  if (parsed instanceof Response) return refuse(parsed);
  return { ok: true, value: { source, body: parsed, bodyHash: createHash("sha256").update(raw).digest("hex") } };
}

/** The body's bytes when it is JSON and within the size limit; else the 415 or 413 to answer. */
export async function readJsonBytes(request: Request): Promise<Buffer | Response> {
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(request.headers.get("content-type") ?? "")) {
    return apiError(415, "unsupported_media_type", "send the body as JSON with Content-Type: application/json");
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  const raw = declared > MAX_BODY_BYTES ? null : await readLimitedBody(request, MAX_BODY_BYTES);
  return raw ?? apiError(413, "payload_too_large", `the body must be at most ${MAX_BODY_BYTES} bytes`);
}

/** Counts the request against the source's per-minute limit; the 429 to answer when over it. */
export async function rateLimitSource(source: { id: string; rateLimitPerMinute: number }): Promise<Response | null> {
  const limit = await hitRateLimit(`api:${source.id}`, source.rateLimitPerMinute, 60);
  if (limit.allowed) return null;
  return apiError(429, "rate_limited", `over ${limit.limit} requests a minute for this source; try again shortly`, {
    headers: { "Retry-After": String(limit.retryAfterSeconds) },
  });
}

/** The body parsed and checked against `schema`; else the 400 to answer, naming each field. */
export function parseJsonBody<T>(
  raw: Buffer,
  schema: ZodType<T>,
  describe: (issueCount: number) => string,
): T | Response {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8"));
  } catch {
    return apiError(400, "invalid_json", "the body is not valid JSON");
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issues = zodIssues(parsed.error);
  return apiError(400, "invalid_body", describe(issues.length), { issues });
}

/** Each problem with its field's path ("messages.0.role"; "(body)" for the body as a whole). */
export function zodIssues(error: ZodError): ApiIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join(".") || "(body)", message: issue.message }));
}

function apiKeyOf(request: Request): string | null {
  const header = request.headers.get("authorization");
  const bearer = header && /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  return bearer || request.headers.get("x-api-key");
}

/** The body's bytes, or null as soon as it passes `limit` (a lying Content-Length is no help). */
export async function readLimitedBody(request: Request, limit: number): Promise<Buffer | null> {
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * Runs `work` once per Idempotency-Key: the same key with the same body gets the first answer again;
 * with another body, a 422; while the first is still running, a 409. The key is claimed before the
 * work starts, so two requests racing with one key cannot both run. Without the header the work
 * just runs.
 */
export async function withIdempotencyKey(
  db: Db,
  request: Request,
  accepted: { source: AuthenticatedSource; bodyHash: string },
  work: () => Promise<{ status: number; body: unknown }>,
): Promise<Response> {
  const key = request.headers.get("idempotency-key");
  if (key !== null && (key.length === 0 || key.length > 200)) {
    return apiError(400, "invalid_idempotency_key", "Idempotency-Key must be 1 to 200 characters");
  }
  if (!key) return respond(await work());
  const where = { sourceId_key: { sourceId: accepted.source.id, key } };
  const claim = () =>
    db.idempotencyKey.createMany({
      data: [{ sourceId: accepted.source.id, key, requestHash: accepted.bodyHash, status: PENDING, response: {} }],
      skipDuplicates: true,
    });
  if ((await claim()).count === 0) {
    const stored = await db.idempotencyKey.findUnique({
      where,
      select: { requestHash: true, status: true, response: true, createdAt: true },
    });
    if (stored && stored.requestHash !== accepted.bodyHash) {
      return apiError(422, "idempotency_key_reused", "this Idempotency-Key was already used with a different body");
    }
    const abandoned = stored?.status === PENDING && Date.now() - stored.createdAt.getTime() > ABANDONED_AFTER_MS;
    if (stored && stored.status !== PENDING) {
      return Response.json(stored.response, { status: stored.status, headers: { "Idempotent-Replayed": "true" } });
    }
    // A claim whose request died long ago is taken over (the work itself is idempotent by content).
    if (
      !abandoned ||
      (await db.idempotencyKey.deleteMany({ where: { ...where.sourceId_key, status: PENDING } })).count === 0 ||
      (await claim()).count === 0
    ) {
      return apiError(409, "idempotency_key_in_use", "a request with this Idempotency-Key is still being processed", {
        headers: { "Retry-After": "1" },
      });
    }
  }
  let result: { status: number; body: unknown };
  try {
    result = await work();
  } catch (error) {
    await db.idempotencyKey.deleteMany({ where: { ...where.sourceId_key, status: PENDING } }).catch(() => {});
    throw error;
  }
  await db.idempotencyKey.update({ where, data: { status: result.status, response: result.body as object } });
  return respond(result);
}

const PENDING = 0;
const ABANDONED_AFTER_MS = 60_000;

function respond(result: { status: number; body: unknown }): Response {
  return Response.json(result.body, { status: result.status, headers: { "Cache-Control": "no-store" } });
}

/** AppErrors become their status; anything else a generic 500, logged (masked) with the route. */
export function apiFailure(route: string, error: unknown): Response {
  if (error instanceof AppError) {
    const status = {
      BAD_REQUEST: 400,
      UNAUTHORIZED: 401,
      FORBIDDEN: 403,
      NOT_FOUND: 404,
      CONFLICT: 409,
      TOO_MANY_REQUESTS: 429,
      SERVICE_UNAVAILABLE: 503,
    }[error.code];
    // A more exact code when the error names one ("chat_too_long"); else the status's own.
    const code = typeof error.details?.apiCode === "string" ? error.details.apiCode : error.code.toLowerCase();
    return apiError(status, code, error.message);
  }
  logger.error("api request failed", { route, err: error });
  return apiError(500, "internal_error", "Something went wrong on our side. Try again.");
}
