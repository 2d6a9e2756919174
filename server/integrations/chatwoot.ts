import { createHmac } from "node:crypto";
import { z } from "zod";
import type { IngestConversation } from "../services/ingest/payload";
import { htmlToText } from "./html-to-text";
import { equalBytes } from "../constant-time";

// Chatwoot account webhooks (https://www.chatwoot.com/docs/product/features/webhooks): one delivery
// per event. `message_created` carries one message, `conversation_created` and
// `conversation_status_changed` the conversation with whatever messages it has. Each delivery adds
// its messages to the stored conversation, which is analysed and routed again.
//
// Signature (Chatwoot 4.x): X-Chatwoot-Signature = "sha256=" + hex HMAC-SHA256 of
// "<X-Chatwoot-Timestamp>.<raw body>" with the webhook's secret. Older installations sign nothing;
// for those the source's webhook URL carries a secret token instead.

const ZSender = z.looseObject({
  id: z.union([z.number(), z.string()]).nullish(),
  name: z.string().nullish(),
  email: z.string().nullish(),
  phone_number: z.string().nullish(),
  type: z.string().nullish(),
});

const ZMessage = z.looseObject({
  id: z.union([z.number(), z.string()]),
  content: z.string().nullish(),
  message_type: z.union([z.string(), z.number()]),
  private: z.boolean().nullish(),
  created_at: z.union([z.string(), z.number()]).nullish(),
  sender: ZSender.nullish(),
  sender_type: z.string().nullish(),
});

const ZConversationFields = z.looseObject({
  // Chatwoot sends the conversation's display id as `id`; its documented samples show `display_id`.
  id: z.union([z.number(), z.string()]).nullish(),
  display_id: z.union([z.number(), z.string()]).nullish(),
  additional_attributes: z
    .looseObject({ referer: z.string().nullish(), browser_language: z.string().nullish() })
    .nullish(),
  meta: z.looseObject({ sender: ZSender.nullish() }).nullish(),
  messages: z.array(ZMessage).nullish(),
  status: z.string().nullish(),
});

// Message events carry `account: { id }`; conversation events may carry only `account_id`.
const ZAccount = {
  account: z.looseObject({ id: z.union([z.number(), z.string()]) }).nullish(),
  account_id: z.union([z.number(), z.string()]).nullish(),
};

export const CHATWOOT_EVENTS = ["message_created", "conversation_created", "conversation_status_changed"] as const;

export const ZChatwootEvent = z.discriminatedUnion("event", [
  ZMessage.extend({ event: z.literal("message_created"), conversation: ZConversationFields, ...ZAccount }),
  ZConversationFields.extend({
    event: z.enum(["conversation_created", "conversation_status_changed"]),
    ...ZAccount,
  }),
]);

/** Chatwoot sends every subscribed event to one URL; the ones without chat text are acknowledged. */
export function isChatwootEventRead(body: unknown): boolean {
  const event = (body as { event?: unknown } | null)?.event;
  return typeof event === "string" && (CHATWOOT_EVENTS as readonly string[]).includes(event);
}
export type ChatwootEvent = z.infer<typeof ZChatwootEvent>;

export type Translated =
  | { kind: "conversation"; conversation: IngestConversation; closed: boolean }
  /** The chat ended and the delivery brings no new messages. */
  | { kind: "closed"; externalId: string }
  | { kind: "ignored"; reason: string };

/** A Chatwoot delivery as messages to add to a conversation, or why it carries none. */
export function translateChatwootEvent(event: ChatwootEvent): Translated {
  const conversation = event.event === "message_created" ? event.conversation : event;
  const conversationId = conversation.display_id ?? conversation.id;
  const accountId = event.account?.id ?? event.account_id;
  if (conversationId === null || conversationId === undefined || accountId === null || accountId === undefined) {
    return { kind: "ignored", reason: "the delivery names no account and conversation" };
  }
  const externalId = `${accountId}:${conversationId}`;
  const closed = event.event !== "message_created" && conversation.status === "resolved";
  const messages = (event.event === "message_created" ? [event] : (event.messages ?? []))
    .map(toMessage)
    .filter((m) => m !== null);
  if (messages.length === 0) {
    return closed ? { kind: "closed", externalId } : { kind: "ignored", reason: "no public messages in this delivery" };
  }
  const contact = conversation.meta?.sender ?? (event.event === "message_created" ? contactOf(event) : null);
  const pageUrl = absoluteUrl(conversation.additional_attributes?.referer);
  return {
    kind: "conversation",
    closed,
    conversation: {
      externalId,
      messages,
      ...(pageUrl ? { pageUrl } : {}),
      ...(contact ? { visitor: visitorFields(contact) } : {}),
      ...(conversation.additional_attributes?.browser_language
        ? { locale: conversation.additional_attributes.browser_language.slice(0, 35) }
        : {}),
    },
  };
}

function toMessage(message: z.infer<typeof ZMessage>): IngestConversation["messages"][number] | null {
  if (message.private) return null; // an agent's private note is not part of the chat
  const type = String(message.message_type);
  const text = htmlToText(message.content ?? "").trim();
  if (!text) return null;
  // incoming (0) is the visitor; outgoing (1) an agent, or the bot when an agent bot sent it.
  let role: "visitor" | "bot" | "agent";
  if (type === "incoming" || type === "0") role = "visitor";
  else if (type === "outgoing" || type === "1" || type === "template" || type === "3") {
    const senderType = (message.sender?.type ?? message.sender_type ?? "").toLowerCase();
    role = senderType.includes("bot") || type === "template" || type === "3" ? "bot" : "agent";
  } else return null; // activity messages ("conversation resolved by …")
  const at = timeOf(message.created_at);
  return { id: String(message.id), role, text, ...(at ? { at } : {}) };
}

function contactOf(message: z.infer<typeof ZMessage>) {
  const type = (message.sender?.type ?? "").toLowerCase();
  return type === "contact" ? message.sender : null;
}

function visitorFields(sender: z.infer<typeof ZSender>): NonNullable<IngestConversation["visitor"]> {
  const email = sender.email && z.email().safeParse(sender.email).success ? sender.email : undefined;
  return {
    ...(sender.name ? { name: sender.name.slice(0, 200) } : {}),
    ...(email ? { email } : {}),
    ...(sender.phone_number ? { phone: sender.phone_number.slice(0, 50) } : {}),
  };
}

function timeOf(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const date = typeof value === "number" ? new Date(value * 1000) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function absoluteUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    return new URL(value).toString().slice(0, 4_096);
  } catch {
    return null;
  }
}

export function verifyChatwootSignature(
  secret: string,
  headers: { signature: string | null; timestamp: string | null },
  body: Buffer,
  now = Date.now(),
): { ok: true } | { ok: false; reason: string } {
  if (!headers.signature || !headers.timestamp) {
    return { ok: false, reason: "X-Chatwoot-Signature and X-Chatwoot-Timestamp are required" };
  }
  if (!/^\d{1,12}$/.test(headers.timestamp) || Math.abs(now / 1000 - Number(headers.timestamp)) > 300) {
    return { ok: false, reason: "X-Chatwoot-Timestamp is more than 5 minutes from now" };
  }
  const expected = createHmac("sha256", secret).update(`${headers.timestamp}.`).update(body).digest();
  const presented = Buffer.from(headers.signature.replace(/^sha256=/, ""), "hex");
  return equalBytes(presented, expected) ? { ok: true } : { ok: false, reason: "X-Chatwoot-Signature does not match" };
}
