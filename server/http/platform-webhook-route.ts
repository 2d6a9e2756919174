import { z, type ZodType } from "zod";
import { getDb } from "../db/client";
import type { SourceKind } from "../db/generated/prisma/client";
import {
  isChatwootEventRead,
  translateChatwootEvent,
  verifyChatwootSignature,
  ZChatwootEvent,
  type ChatwootEvent,
  type Translated,
} from "../integrations/chatwoot";
import {
  translateIntercomNotification,
  verifyIntercomSignature,
  ZIntercomNotification,
  type IntercomNotification,
} from "../integrations/intercom";
import { closeConversation, ingestConversation } from "../services/ingest/ingest-conversation";
import { ZIngestConversation } from "../services/ingest/payload";
import { findPlatformSource } from "../services/sources";
import { apiError, apiFailure, parseJsonBody, rateLimitSource, readJsonBytes, zodIssues } from "./api-v1";

// POST /api/v1/webhooks/chatwoot/{sourceId} and /api/v1/webhooks/intercom/{sourceId}: a platform's
// own delivery, checked the way that platform signs (or by the URL's secret token where it signs
// nothing), translated into the project's format, and added to the stored conversation.

interface Platform<E> {
  kind: SourceKind;
  /** Whether this is an event the adapter reads at all (others are acknowledged with 202). */
  reads: (body: unknown) => boolean;
  schema: ZodType<E>;
  verify: (secret: string, request: Request, body: Buffer) => { ok: true } | { ok: false; reason: string };
  translate: (event: E) => Translated;
}

const CHATWOOT: Platform<ChatwootEvent> = {
  kind: "chatwoot",
  reads: isChatwootEventRead,
  schema: ZChatwootEvent,
  verify: (secret, request, body) =>
    verifyChatwootSignature(
      secret,
      {
        signature: request.headers.get("x-chatwoot-signature"),
        timestamp: request.headers.get("x-chatwoot-timestamp"),
      },
      body,
    ),
  translate: translateChatwootEvent,
};

const INTERCOM: Platform<IntercomNotification> = {
  kind: "intercom",
  reads: () => true, // the topic is checked after parsing, to answer Intercom's ping
  schema: ZIntercomNotification,
  verify: (secret, request, body) => verifyIntercomSignature(secret, request.headers.get("x-hub-signature"), body),
  translate: translateIntercomNotification,
};

export const handleChatwootWebhook = (request: Request, sourceId: string) =>
  handlePlatformWebhook(CHATWOOT, request, sourceId);
export const handleIntercomWebhook = (request: Request, sourceId: string) =>
  handlePlatformWebhook(INTERCOM, request, sourceId);

async function handlePlatformWebhook<E>(platform: Platform<E>, request: Request, sourceId: string) {
  try {
    const db = getDb();
    const raw = await readJsonBytes(request);
    if (raw instanceof Response) return raw;
    const found = await findPlatformSource(db, sourceId, platform.kind, new URL(request.url).searchParams.get("token"));
    if (!found) return apiError(401, "unauthorized", `unknown ${platform.kind} source, or a wrong URL token`);
    if (found.verifiedBy === "signature") {
      const check = platform.verify(found.source.platformSecret!, request, raw);
      if (!check.ok) return apiError(401, "bad_signature", check.reason);
    }
    const limited = await rateLimitSource(found.source);
    if (limited) return limited;
    const body = parseJsonBody(raw, z.unknown(), () => "");
    if (body instanceof Response) return body;
    if (!platform.reads(body))
      return Response.json({ ignored: "an event Handoff Desk does not read" }, { status: 202 });
    const parsed = platform.schema.safeParse(body);
    if (!parsed.success) {
      return apiError(400, "invalid_body", `not a ${platform.kind} delivery Handoff Desk reads`, {
        issues: zodIssues(parsed.error),
      });
    }
    const translated = platform.translate(parsed.data);
    // Events without chat text (pings, other topics) are acknowledged so the platform stops retrying.
    if (translated.kind === "ignored") return Response.json({ ignored: translated.reason }, { status: 202 });
    if (translated.kind === "closed") {
      const known = await closeConversation(db, found.source.id, translated.externalId);
      return Response.json(known ? { closed: true } : { ignored: "no such conversation yet" }, {
        status: known ? 200 : 202,
      });
    }
    const conversation = ZIngestConversation.safeParse(translated.conversation);
    if (!conversation.success) {
      return apiError(400, "invalid_body", "the delivery does not make a valid conversation", {
        issues: zodIssues(conversation.error),
      });
    }
    const outcome = await ingestConversation(db, { ...found.source }, conversation.data, {
      merge: true,
      closed: translated.closed,
    });
    return Response.json(outcome, { status: outcome.created ? 201 : 200, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return apiFailure(`POST /api/v1/webhooks/${platform.kind}`, error);
  }
}
