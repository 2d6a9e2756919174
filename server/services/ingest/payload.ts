import { z } from "zod";
import { MAX_MESSAGES, MAX_MESSAGE_CHARS } from "../../domain/analysis/schema";
import { MESSAGE_ROLES } from "../../domain/analysis/types";

// The project's own conversation format (POST /api/v1/conversations), documented in the OpenAPI
// description served at /api/v1/openapi.json. Chat-platform adapters translate into it.

const ZIsoTime = z.iso.datetime({ offset: true, message: "use an ISO 8601 time, e.g. 2026-12-06T14:03:00Z" });

export const ZIngestMessage = z.object({
  /** The platform's message id, if it has one: a message delivered twice is kept once. */
  id: z.string().min(1).max(200).optional(),
  role: z.enum(MESSAGE_ROLES, { message: `role must be one of ${MESSAGE_ROLES.join(", ")}` }),
  text: z.string().max(MAX_MESSAGE_CHARS, `text must be at most ${MAX_MESSAGE_CHARS} characters`),
  at: ZIsoTime.optional(),
});

export const ZIngestConversation = z
  .object({
    externalId: z.string().min(1, "externalId is required").max(200, "externalId must be at most 200 characters"),
    messages: z
      .array(ZIngestMessage)
      .min(1, "a conversation needs at least one message")
      .max(MAX_MESSAGES, `a conversation has at most ${MAX_MESSAGES} messages`),
    pageUrl: z.url({ message: "pageUrl must be an absolute URL" }).max(4_096).optional(),
    referrer: z.string().max(4_096).optional(),
    utm: z
      .object({
        source: z.string().max(200).optional(),
        medium: z.string().max(200).optional(),
        campaign: z.string().max(200).optional(),
        term: z.string().max(200).optional(),
        content: z.string().max(200).optional(),
      })
      .strict()
      .optional(),
    /** What the visitor typed into form fields, if the widget had any. */
    visitor: z
      .object({
        name: z.string().max(200).optional(),
        email: z.email({ message: "visitor.email must be an email address" }).max(320).optional(),
        phone: z.string().max(50).optional(),
        company: z.string().max(200).optional(),
      })
      .strict()
      .optional(),
    /** Consent the widget asked for and recorded, with the wording version the visitor saw. */
    consentEvents: z
      .array(
        z
          .object({
            status: z.enum(["given", "refused"]),
            wordingVersion: z.string().min(1).max(100),
            at: ZIsoTime,
          })
          .strict(),
      )
      .max(50)
      .optional(),
    locale: z.string().max(35).optional(),
  })
  .strict();

export type IngestConversation = z.infer<typeof ZIngestConversation>;
