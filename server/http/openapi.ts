import { z } from "zod";
import { CONSENT_STATUSES, NEXT_ACTIONS } from "../domain/analysis/types";
import { ZIngestConversation } from "../services/ingest/payload";
import { ZNextActionRequest } from "./next-action-route";

// The /api/v1 description, built from the same zod schemas that check requests, so the two cannot
// drift apart. Served at GET /api/v1/openapi.json.

const ZError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

const ZRoutedTo = z.object({
  ownerId: z.uuid().nullable(),
  teamId: z.uuid().nullable(),
  rule: z.object({ id: z.string(), version: z.number().int() }).nullable(),
});

const ZIngestResponse = z.object({
  conversationId: z.uuid(),
  outcome: z.enum(["handoff", "case"]),
  handoffId: z.uuid().nullable(),
  caseId: z.uuid().nullable(),
  reasons: z.array(z.string()).describe("Why a human must review it (empty for a handoff)."),
  nextAction: z.object({ action: z.string(), reasons: z.array(z.string()), question: z.string().nullable() }),
  routedTo: ZRoutedTo,
  created: z.boolean(),
  unchanged: z.boolean().describe("True when this exact conversation had been received before: nothing changed."),
});

const ZNextActionResponse = z.object({
  action: z.enum(NEXT_ACTIONS),
  reasons: z.array(z.string()),
  reply: z.string().nullable().describe("Approved words for the bot to say now, or null to say nothing."),
  handToHuman: z.boolean(),
  consentWordingVersion: z
    .string()
    .nullable()
    .describe(
      "When the reply asks for consent: the version of the approved wording it uses. Send it back in consentEvents with the visitor's answer, so the consent record names the words they saw.",
    ),
  flags: z.array(z.string()),
  consent: z.enum(CONSENT_STATUSES),
  needClear: z.boolean(),
});

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any" });

const errors = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((code) => [
      String(code),
      {
        description: ERROR_TEXT[code],
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      },
    ]),
  );

const ERROR_TEXT: Record<number, string> = {
  400: "Invalid JSON, or a field that does not fit (each issue names its path).",
  401: "Missing, unknown or revoked API key, or a bad Standard Webhooks signature.",
  413: "Body over 1 MB.",
  415: "Body not sent as application/json.",
  409: "A request with this Idempotency-Key is still being processed; retry shortly.",
  422: "Idempotency-Key already used with a different body.",
  429: "Over the source's requests per minute; see Retry-After.",
};

function platformWebhook(summary: string, description: string) {
  return {
    post: {
      summary,
      description,
      security: [],
      parameters: [
        { name: "sourceId", in: "path", required: true, schema: { type: "string", format: "uuid" } },
        { name: "token", in: "query", required: false, schema: { type: "string" } },
      ],
      requestBody: {
        required: true,
        content: { "application/json": { schema: { type: "object", description: "As the platform sends it." } } },
      },
      responses: {
        "201": { description: "Created", content: { "application/json": { schema: schema(ZIngestResponse) } } },
        "200": {
          description: "Updated, or unchanged",
          content: { "application/json": { schema: schema(ZIngestResponse) } },
        },
        "202": { description: "Acknowledged: a ping, or a delivery without chat messages" },
        ...errors(400, 401, 413, 415, 429),
      },
    },
  };
}

export function buildOpenApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Handoff Desk API",
      version: "1",
      description:
        "Chat platforms send conversations; each becomes a handoff for an owner or a case for a reviewer. Authenticate with `Authorization: Bearer <API key>`. Optionally sign bodies with Standard Webhooks headers (webhook-id, webhook-timestamp, webhook-signature) using the source's signing secret.",
    },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }],
    paths: {
      "/api/v1/conversations": {
        post: {
          summary: "Send a conversation (new, or the same one with more messages)",
          description:
            "Upserted on (source, externalId). The same body twice changes nothing; a longer one re-runs the analysis. Send `Idempotency-Key` to make retries safe.",
          parameters: [
            { name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 200 } },
          ],
          requestBody: { required: true, content: { "application/json": { schema: schema(ZIngestConversation) } } },
          responses: {
            "201": { description: "Created", content: { "application/json": { schema: schema(ZIngestResponse) } } },
            "200": {
              description: "Updated, or unchanged",
              content: { "application/json": { schema: schema(ZIngestResponse) } },
            },
            ...errors(400, 401, 409, 413, 415, 422, 429),
          },
        },
      },
      "/api/v1/webhooks/chatwoot/{sourceId}": platformWebhook(
        "Chatwoot account webhook (message_created, conversation_created, conversation_status_changed)",
        "Checked by X-Chatwoot-Signature (HMAC-SHA256 of '<X-Chatwoot-Timestamp>.<body>' with the webhook secret) when the source has Chatwoot's secret, else by the `token` query parameter. Each delivery's messages are added to the stored conversation, which is analysed and routed again.",
      ),
      "/api/v1/webhooks/intercom/{sourceId}": platformWebhook(
        "Intercom webhook notification (conversation.user.created, conversation.user.replied, conversation.admin.replied, conversation.admin.closed)",
        "Checked by X-Hub-Signature (HMAC-SHA1 of the body with the app's client secret) when the source has it, else by the `token` query parameter. Other topics and pings are acknowledged with 202.",
      ),
      "/api/v1/next-action": {
        post: {
          summary: "What a bot should do now in a live chat, with approved words to say",
          requestBody: { required: true, content: { "application/json": { schema: schema(ZNextActionRequest) } } },
          responses: {
            "200": {
              description: "The decision",
              content: { "application/json": { schema: schema(ZNextActionResponse) } },
            },
            ...errors(400, 401, 413, 415, 429),
          },
        },
      },
    },
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "A source's API key (hd_…)" } },
      schemas: { Error: schema(ZError) },
    },
  };
}
