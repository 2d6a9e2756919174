import { createHmac } from "node:crypto";
import { z } from "zod";
import type { IngestConversation } from "../services/ingest/payload";
import type { Translated } from "./chatwoot";
import { htmlToText } from "./html-to-text";
import { equalBytes } from "../constant-time";

// Intercom webhook notifications (developers.intercom.com, "Webhook models"): a notification_event
// whose data.item is the conversation. `conversation.user.created` carries the opening message in
// item.source; the replied and closed topics carry the new parts in item.conversation_parts. Each
// delivery adds its messages to the stored conversation, which is analysed and routed again.
//
// Signature: X-Hub-Signature = "sha1=" + hex HMAC-SHA1 of the raw body with the app's client secret.

const ZAuthor = z.looseObject({
  type: z.string(),
  id: z.union([z.string(), z.number()]).nullish(),
  name: z.string().nullish(),
  email: z.string().nullish(),
});

const ZPart = z.looseObject({
  id: z.union([z.string(), z.number()]),
  part_type: z.string(),
  body: z.string().nullish(),
  created_at: z.number().nullish(),
  author: ZAuthor,
});

const ZConversation = z.looseObject({
  type: z.literal("conversation"),
  id: z.union([z.string(), z.number()]),
  created_at: z.number().nullish(),
  state: z.string().nullish(),
  source: z
    .looseObject({
      id: z.union([z.string(), z.number()]).nullish(),
      body: z.string().nullish(),
      author: ZAuthor,
      url: z.string().nullish(),
    })
    .nullish(),
  conversation_parts: z.looseObject({ conversation_parts: z.array(ZPart) }).nullish(),
});

export const INTERCOM_TOPICS = [
  "conversation.user.created",
  "conversation.user.replied",
  "conversation.admin.replied",
  "conversation.admin.closed",
] as const;

export const ZIntercomNotification = z.looseObject({
  type: z.literal("notification_event"),
  topic: z.string(),
  app_id: z.string().nullish(),
  data: z.looseObject({ item: z.unknown() }),
});
export type IntercomNotification = z.infer<typeof ZIntercomNotification>;

export function translateIntercomNotification(notification: IntercomNotification): Translated {
  if (notification.topic === "ping") return { kind: "ignored", reason: "ping" };
  if (!(INTERCOM_TOPICS as readonly string[]).includes(notification.topic)) {
    return { kind: "ignored", reason: `topic ${notification.topic} is not one Handoff Desk reads` };
  }
  const item = ZConversation.safeParse(notification.data.item);
  if (!item.success) return { kind: "ignored", reason: "data.item is not a conversation" };
  const conversation = item.data;
  const messages: IngestConversation["messages"] = [];
  const source = conversation.source;
  if (source) {
    const first = toMessage(
      `source-${source.id ?? conversation.id}`,
      source.body,
      source.author,
      conversation.created_at ?? null,
    );
    if (first) messages.push(first);
  }
  for (const part of conversation.conversation_parts?.conversation_parts ?? []) {
    // Notes are the team's own; assignments and state changes carry no chat text.
    if (part.part_type !== "comment" && part.part_type !== "close" && part.part_type !== "open") continue;
    const message = toMessage(String(part.id), part.body, part.author, part.created_at ?? null);
    if (message) messages.push(message);
  }
  const externalId = `${notification.app_id ?? "intercom"}:${conversation.id}`;
  const closed = notification.topic === "conversation.admin.closed";
  if (messages.length === 0) {
    return closed
      ? { kind: "closed", externalId }
      : { kind: "ignored", reason: "no chat messages in this notification" };
  }
  const visitor = source && isContact(source.author.type) ? source.author : null;
  const pageUrl = source?.url && /^https?:\/\//.test(source.url) ? source.url.slice(0, 4_096) : null;
  return {
    kind: "conversation",
    closed,
    conversation: {
      externalId,
      messages,
      ...(pageUrl ? { pageUrl } : {}),
      ...(visitor ? { visitor: visitorFields(visitor) } : {}),
    },
  };
}

function isContact(type: string): boolean {
  return type === "user" || type === "lead" || type === "contact";
}

function toMessage(
  id: string,
  body: string | null | undefined,
  author: z.infer<typeof ZAuthor>,
  createdAt: number | null,
): IngestConversation["messages"][number] | null {
  const text = htmlToText(body ?? "").trim();
  if (!text) return null;
  const role = isContact(author.type) ? "visitor" : author.type === "bot" ? "bot" : "agent";
  return { id, role, text, ...(createdAt ? { at: new Date(createdAt * 1000).toISOString() } : {}) };
}

function visitorFields(author: z.infer<typeof ZAuthor>): NonNullable<IngestConversation["visitor"]> {
  const email = author.email && z.email().safeParse(author.email).success ? author.email : undefined;
  return { ...(author.name ? { name: author.name.slice(0, 200) } : {}), ...(email ? { email } : {}) };
}

export function verifyIntercomSignature(
  clientSecret: string,
  signature: string | null,
  body: Buffer,
): { ok: true } | { ok: false; reason: string } {
  if (!signature) return { ok: false, reason: "X-Hub-Signature is required" };
  const expected = createHmac("sha1", clientSecret).update(body).digest();
  const presented = Buffer.from(signature.replace(/^sha1=/, ""), "hex");
  return equalBytes(presented, expected) ? { ok: true } : { ok: false, reason: "X-Hub-Signature does not match" };
}
