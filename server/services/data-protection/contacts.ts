import { createHmac } from "node:crypto";
import { parsePhoneNumberFromString } from "libphonenumber-js/min";
import { z } from "zod";
import { zEmail } from "../../auth/schemas";
import type { Db } from "../../db/client";
import {
  blankMentions,
  mentionMatcher,
  mentions,
  redactKnown,
  type Identifiers,
} from "../../domain/redaction/retention";
import type { Prisma } from "../../db/generated/prisma/client";
import { redactText } from "../../domain/analysis/sensitive";
import type { SensitiveSpan } from "../../domain/analysis/types";
import { getEnv } from "../../env";
import { AppError } from "../../errors";
import { recordAudit } from "../audit";

// A contact's data on request: find everything stored about one person (by email or phone), export
// it as JSON, or erase it. Erasure deletes their leads and conversations (with every handoff, case,
// note, reply, consent record, event and fact hanging off them), the webhook deliveries (queued or
// logged) and emails about them, and scrubs what other records say about them; what remains is a
// tombstone with counts and a keyed hash of the email or phone, and an audit entry saying who did it.

export const ZContactSubject = z
  .object({
    email: zEmail("email must be a valid email address").optional(),
    phone: z.string().trim().max(40, "phone must be at most 40 characters").optional(),
  })
  .refine((subject) => subject.email || subject.phone, { message: "give an email or a phone number", path: ["email"] });
export type ContactSubject = z.infer<typeof ZContactSubject>;

export const ZEraseInput = z.object({
  subject: ZContactSubject,
  reason: z.string().trim().min(3, "reason: say why (for example, the request's reference)").max(500),
});

interface Subject {
  emails: string[];
  phones: string[];
}

function normalise(input: ContactSubject): Subject {
  const phones: string[] = [];
  if (input.phone) {
    const parsed = parsePhoneNumberFromString(input.phone);
    if (!parsed?.isPossible())
      throw new AppError("BAD_REQUEST", "phone: write the number with its country code, such as +44 7700 900123", {
        field: "phone",
      });
    phones.push(parsed.number);
  }
  return { emails: input.email ? [input.email] : [], phones };
}

/** HMAC of one identifier under the instance secret: recognisable later, not reversible. */
export function subjectHash(kind: "email" | "phone", value: string): string {
  return createHmac("sha256", getEnv().AUTH_SECRET).update(`${kind}:${value}`).digest("hex");
}

function likePatterns(values: string[]): string[] {
  return values.map((value) => `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}

interface Found {
  identifiers: Identifiers;
  leadIds: string[];
  /** Their conversations: linked to their leads, or whose contact is theirs. Deleted on erasure. */
  conversationIds: string[];
  handoffIds: string[];
  caseIds: string[];
  replyIds: string[];
  /** Deliveries and emails about their conversations, leads or address. Deleted on erasure. */
  deliveryIds: string[];
  outboundIds: string[];
  /** Audit entries about their records. Emptied on erasure. */
  auditIds: string[];
  /** Chats on the widget that are theirs (by contact or conversation). Deleted on erasure. */
  widgetSessionIds: string[];
  /** Other people's records that only mention them: kept, with each mention blanked. */
  mentioning: {
    conversationIds: string[];
    deliveryIds: string[];
    auditIds: string[];
    noteIds: string[];
    caseIds: string[];
    widgetSessionIds: string[];
  };
  idempotencyKeys: { sourceId: string; key: string }[];
}

/** Everything stored about the subject: the rows that are theirs, and other rows that mention them. */
async function findContact(db: Db, subject: Subject): Promise<Found> {
  // Their leads, and leads merged with them (a merge says they are the same person; an undone one
  // says they are not).
  let leads = await db.$queryRaw<
    { id: string; email: string | null; phone_e164: string | null; name: string | null; company: string | null }[]
  >`
    SELECT id::text AS id, email, phone_e164, name, company FROM leads
     WHERE lower(email) = ANY(${subject.emails}::text[]) OR phone_e164 = ANY(${subject.phones}::text[])`;
  for (let hop = 0; hop < 5 && leads.length > 0; hop++) {
    const ids = leads.map((l) => l.id);
    const more = await db.$queryRaw<typeof leads>`
      SELECT id::text AS id, email, phone_e164, name, company FROM leads
       WHERE id <> ALL(${ids}::uuid[]) AND (
         id IN (SELECT into_lead_id FROM lead_merges WHERE from_lead_id = ANY(${ids}::uuid[]) AND undone_at IS NULL)
         OR id IN (SELECT from_lead_id FROM lead_merges WHERE into_lead_id = ANY(${ids}::uuid[]) AND undone_at IS NULL)
         OR merged_into_id = ANY(${ids}::uuid[])
         OR id IN (SELECT merged_into_id FROM leads WHERE id = ANY(${ids}::uuid[])))`;
    if (more.length === 0) break;
    leads = [...leads, ...more];
  }
  const emails = [...new Set([...subject.emails, ...leads.flatMap((l) => (l.email ? [l.email.toLowerCase()] : []))])];
  const phones = [...new Set([...subject.phones, ...leads.flatMap((l) => (l.phone_e164 ? [l.phone_e164] : []))])];
  const names = [...new Set(leads.flatMap((l) => [l.name, l.company]).filter((v): v is string => Boolean(v)))];
  const leadIds = leads.map((l) => l.id);
  const matcher = mentionMatcher([...emails, ...phones]);
  // ILIKE finds candidates cheaply; the matcher keeps exact mentions only ("a@b.co" is not in "mia@b.com").
  const patterns = likePatterns([...emails, ...phones]);

  const own = await db.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM conversations
     WHERE lead_id = ANY(${leadIds}::uuid[])
        OR lower(brief->'contact'->'email'->>'value') = ANY(${emails}::text[])
        OR brief->'contact'->'phone'->>'e164' = ANY(${phones}::text[])
        OR lower(visitor_fields->>'email') = ANY(${emails}::text[])`;
  const conversationIds = own.map((c) => c.id);
  const candidates = await db.$queryRaw<{ id: string; text: string }[]>`
    SELECT id::text AS id, concat_ws(' ', messages::text, brief::text, visitor_fields::text) AS text FROM conversations
     WHERE id <> ALL(${conversationIds}::uuid[])
       AND (messages::text ILIKE ANY(${patterns}::text[]) OR brief::text ILIKE ANY(${patterns}::text[])
            OR coalesce(visitor_fields::text, '') ILIKE ANY(${patterns}::text[]))`;
  // Chats still on the widget: theirs by the form's email or phone (as typed, so compared after
  // parsing) or by the conversation they became; any other that mentions them is someone else's
  // chat and keeps its words without theirs.
  const sessionRows = await db.$queryRaw<
    { id: string; conversation_id: string | null; email: string | null; phone: string | null; text: string }[]
  >`
    SELECT id::text AS id, conversation_id::text AS conversation_id, lower(visitor->>'email') AS email,
           visitor->>'phone' AS phone, concat_ws(' ', messages::text, visitor::text) AS text
      FROM widget_sessions
     WHERE conversation_id = ANY(${conversationIds}::uuid[])
        OR lower(visitor->>'email') = ANY(${emails}::text[])
        OR visitor->>'phone' IS NOT NULL
        OR messages::text ILIKE ANY(${patterns}::text[])
        OR coalesce(visitor::text, '') ILIKE ANY(${patterns}::text[])`;
  const sessions = sessionRows
    .map((w) => ({
      id: w.id,
      text: w.text,
      own:
        (w.conversation_id !== null && conversationIds.includes(w.conversation_id)) ||
        (w.email !== null && emails.includes(w.email)) ||
        (w.phone !== null && phones.includes(parsePhoneNumberFromString(w.phone, "GB")?.number ?? "")),
    }))
    .filter((w) => w.own || mentions(w.text, matcher));
  const [handoffs, cases, replies] = await Promise.all([
    db.handoff.findMany({ where: { conversationId: { in: conversationIds } }, select: { id: true } }),
    db.exceptionCase.findMany({ where: { conversationId: { in: conversationIds } }, select: { id: true } }),
    db.reply.findMany({ where: { conversationId: { in: conversationIds } }, select: { id: true } }),
  ]);
  const handoffIds = handoffs.map((h) => h.id);
  const caseIds = cases.map((c) => c.id);
  const replyIds = replies.map((r) => r.id);
  const ownIds = [...leadIds, ...conversationIds, ...handoffIds, ...caseIds, ...replyIds];
  const ownPatterns = likePatterns(ownIds);
  const mentionPatterns = [...patterns, ...ownPatterns];
  const isOwn = (text: string) => ownIds.some((id) => text.includes(id));

  const [deliveries, outbound, audit, notes, otherCases, idempotency] = await Promise.all([
    db.$queryRaw<{ id: string; text: string }[]>`
      SELECT id::text AS id, payload::text AS text FROM webhook_deliveries
       WHERE payload::text ILIKE ANY(${mentionPatterns}::text[])`,
    db.$queryRaw<{ id: string }[]>`
      SELECT id::text AS id FROM outbound_messages
       WHERE lower(coalesce(recipient, '')) = ANY(${emails}::text[])
          OR dedupe_key ILIKE ANY(${ownPatterns}::text[])`,
    db.$queryRaw<{ id: string; target_id: string | null; text: string }[]>`
      SELECT id::text AS id, target_id, concat_ws(' ', before::text, after::text) AS text FROM audit_log
       WHERE target_id = ANY(${ownIds}::text[])
          OR coalesce(before::text, '') ILIKE ANY(${mentionPatterns}::text[])
          OR coalesce(after::text, '') ILIKE ANY(${mentionPatterns}::text[])`,
    db.$queryRaw<{ id: string; body: string }[]>`
      SELECT id::text AS id, body FROM case_notes
       WHERE case_id <> ALL(${caseIds}::uuid[]) AND body ILIKE ANY(${patterns}::text[])`,
    db.$queryRaw<{ id: string; text: string }[]>`
      SELECT id::text AS id, matches::text AS text FROM exception_cases
       WHERE id <> ALL(${caseIds}::uuid[]) AND coalesce(matches::text, '') ILIKE ANY(${mentionPatterns}::text[])`,
    db.$queryRaw<{ source_id: string; key: string }[]>`
      SELECT source_id::text AS source_id, key FROM idempotency_keys
       WHERE response::text ILIKE ANY(${likePatterns(conversationIds)}::text[])`,
  ]);
  return {
    identifiers: { emails, phones, names },
    leadIds,
    conversationIds,
    handoffIds,
    caseIds,
    replyIds,
    deliveryIds: deliveries.filter((d) => isOwn(d.text)).map((d) => d.id),
    outboundIds: outbound.map((o) => o.id),
    auditIds: audit.filter((a) => (a.target_id && ownIds.includes(a.target_id)) || isOwn(a.text)).map((a) => a.id),
    widgetSessionIds: sessions.filter((w) => w.own).map((w) => w.id),
    mentioning: {
      conversationIds: candidates.filter((c) => mentions(c.text, matcher)).map((c) => c.id),
      deliveryIds: deliveries.filter((d) => !isOwn(d.text) && mentions(d.text, matcher)).map((d) => d.id),
      auditIds: audit
        .filter((a) => !((a.target_id && ownIds.includes(a.target_id)) || isOwn(a.text)) && mentions(a.text, matcher))
        .map((a) => a.id),
      noteIds: notes.filter((n) => mentions(n.body, matcher)).map((n) => n.id),
      caseIds: otherCases.filter((c) => isOwn(c.text) || mentions(c.text, matcher)).map((c) => c.id),
      widgetSessionIds: sessions.filter((w) => !w.own && mentions(w.text, matcher)).map((w) => w.id),
    },
    idempotencyKeys: idempotency.map((k) => ({ sourceId: k.source_id, key: k.key })),
  };
}

function countsOf(found: Found) {
  return {
    leads: found.leadIds.length,
    conversations: found.conversationIds.length,
    handoffs: found.handoffIds.length,
    cases: found.caseIds.length,
    replies: found.replyIds.length,
    webhookDeliveries: found.deliveryIds.length,
    emails: found.outboundIds.length,
    auditEntries: found.auditIds.length,
    chatsInProgress: found.widgetSessionIds.length,
    otherConversations: found.mentioning.conversationIds.length,
    otherRecords:
      found.mentioning.deliveryIds.length +
      found.mentioning.auditIds.length +
      found.mentioning.noteIds.length +
      found.mentioning.caseIds.length +
      found.mentioning.widgetSessionIds.length,
  };
}

/** How much is stored about the subject, per kind, before an export or an erasure. */
export async function lookupContact(db: Db, input: ContactSubject) {
  const found = await findContact(db, normalise(input));
  return {
    counts: countsOf(found),
    found: found.leadIds.length + found.conversationIds.length + found.widgetSessionIds.length > 0,
  };
}

/** Everything stored about the subject, as one JSON document. The export is audited (without its content). */
export async function exportContact(db: Db, actorId: string, input: ContactSubject) {
  const subject = normalise(input);
  const found = await findContact(db, subject);
  const [leads, conversations, deliveries, outbound, audit, merges] = await Promise.all([
    db.lead.findMany({ where: { id: { in: found.leadIds } } }),
    db.conversation.findMany({
      where: { id: { in: found.conversationIds } },
      orderBy: { receivedAt: "asc" },
      include: {
        source: { select: { name: true, kind: true } },
        consentRecords: true,
        handoff: { include: { owner: { select: { name: true } } } },
        exception: { include: { notes: true } },
        replies: true,
        events: { orderBy: { occurredAt: "asc" } },
      },
    }),
    db.webhookDelivery.findMany({ where: { id: { in: found.deliveryIds } }, include: { attempts: true } }),
    db.outboundMessage.findMany({ where: { id: { in: found.outboundIds } } }),
    db.auditLog.findMany({ where: { id: { in: found.auditIds } }, orderBy: { createdAt: "asc" } }),
    db.leadMerge.findMany({
      where: { OR: [{ fromLeadId: { in: found.leadIds } }, { intoLeadId: { in: found.leadIds } }] },
    }),
  ]);
  const chatsInProgress = await db.widgetSession.findMany({
    where: { id: { in: found.widgetSessionIds } },
    select: { id: true, messages: true, visitor: true, consentEvents: true, pageUrl: true, createdAt: true },
  });
  await recordAudit(db, {
    actorId,
    action: "contact.exported",
    targetType: "contact",
    targetId: subjectHash(subject.emails.length ? "email" : "phone", subject.emails[0] ?? subject.phones[0]!),
    after: countsOf(found),
  });
  return {
    exportedAt: new Date().toISOString(),
    subject: { emails: found.identifiers.emails, phones: found.identifiers.phones },
    counts: countsOf(found),
    leads,
    leadMerges: merges,
    conversations,
    webhookDeliveries: deliveries,
    emails: outbound,
    auditEntries: audit,
    chatsInProgress,
  };
}

/** Erases the subject (see the top of this file). Returns the tombstone's id and what was removed. */
export async function eraseContact(db: Db, actorId: string, input: z.infer<typeof ZEraseInput>) {
  const subject = normalise(input.subject);
  const found = await findContact(db, subject);
  const counts = countsOf(found);
  // A reason that quotes the address would keep it: it is stored without their details.
  // Only their own details go: a request reference with many digits is not a phone number.
  const reason = redactKnown(input.reason, found.identifiers);
  const hashes = [
    ...subject.emails.map((e) => subjectHash("email", e)),
    ...subject.phones.map((p) => subjectHash("phone", p)),
  ];
  const matcher = mentionMatcher([...found.identifiers.emails, ...found.identifiers.phones]);
  const ownLeadIds = new Set(found.leadIds);
  return db.$transaction(
    async (tx) => {
      await tx.webhookDelivery.deleteMany({ where: { id: { in: found.deliveryIds } } });
      await tx.outboundMessage.deleteMany({ where: { id: { in: found.outboundIds } } });
      // deleteMany: a key already gone (expired meanwhile) must not fail the transaction.
      if (found.idempotencyKeys.length > 0)
        await tx.idempotencyKey.deleteMany({
          where: { OR: found.idempotencyKeys.map((key) => ({ sourceId: key.sourceId, key: key.key })) },
        });
      // Who did what to their records stays; what the entries said goes.
      await tx.auditLog.updateMany({
        where: { id: { in: found.auditIds } },
        data: { before: { erased: true }, after: { erased: true } },
      });
      // Other people's records keep their point, with each mention of the person blanked.
      const others = await tx.conversation.findMany({
        where: { id: { in: found.mentioning.conversationIds } },
        select: { id: true, messages: true, brief: true, visitorFields: true },
      });
      for (const other of others) {
        const messages = blankMentions(other.messages, matcher);
        const brief = blankMentions(other.brief, matcher);
        const visitorFields = blankMentions(other.visitorFields, matcher);
        await tx.conversation.update({
          where: { id: other.id },
          data: {
            messages: messages as Prisma.InputJsonValue,
            brief: brief as Prisma.InputJsonValue,
            visitorFields: (visitorFields ?? undefined) as Prisma.InputJsonValue | undefined,
          },
        });
        // The search index is made from the same words, so it is made again from what is left.
        await tx.$executeRaw`UPDATE conversations SET search = to_tsvector('simple', ${searchTextOf(messages, brief, visitorFields)})
                              WHERE id = ${other.id}::uuid`;
      }
      const otherDeliveries = await tx.webhookDelivery.findMany({
        where: { id: { in: found.mentioning.deliveryIds } },
        select: { id: true, payload: true },
      });
      for (const delivery of otherDeliveries)
        await tx.webhookDelivery.update({
          where: { id: delivery.id },
          data: { payload: blankMentions(delivery.payload, matcher) as Prisma.InputJsonValue },
        });
      const otherAudit = await tx.auditLog.findMany({
        where: { id: { in: found.mentioning.auditIds } },
        select: { id: true, before: true, after: true },
      });
      for (const entry of otherAudit)
        await tx.auditLog.update({
          where: { id: entry.id },
          data: {
            before: (blankMentions(entry.before, matcher) ?? undefined) as Prisma.InputJsonValue | undefined,
            after: (blankMentions(entry.after, matcher) ?? undefined) as Prisma.InputJsonValue | undefined,
          },
        });
      const notes = await tx.caseNote.findMany({
        where: { id: { in: found.mentioning.noteIds } },
        select: { id: true, body: true },
      });
      for (const note of notes)
        await tx.caseNote.update({ where: { id: note.id }, data: { body: blankMentions(note.body, matcher) } });
      // A possible-duplicate list on another case drops them.
      const otherCases = await tx.exceptionCase.findMany({
        where: { id: { in: found.mentioning.caseIds } },
        select: { id: true, matches: true },
      });
      for (const other of otherCases) {
        if (!Array.isArray(other.matches)) continue;
        const kept = other.matches.filter(
          (match) =>
            !mentions(match, matcher) &&
            !JSON.stringify(match)
              .split(/[^0-9a-f-]+/)
              .some((t) => ownLeadIds.has(t)),
        );
        await tx.exceptionCase.update({ where: { id: other.id }, data: { matches: kept as Prisma.InputJsonValue } });
      }
      await tx.widgetSession.deleteMany({ where: { id: { in: found.widgetSessionIds } } });
      const otherSessions = await tx.widgetSession.findMany({
        where: { id: { in: found.mentioning.widgetSessionIds } },
        select: { id: true, messages: true, visitor: true },
      });
      for (const session of otherSessions)
        await tx.widgetSession.update({
          where: { id: session.id },
          data: {
            messages: blankMentions(session.messages, matcher) as Prisma.InputJsonValue,
            visitor: (blankMentions(session.visitor, matcher) ?? undefined) as Prisma.InputJsonValue | undefined,
          },
        });
      // Their conversations go with every row that hangs off them (handoffs, cases, notes, replies,
      // consent records, events, facts), then the leads and the merges between them.
      await tx.conversation.deleteMany({ where: { id: { in: found.conversationIds } } });
      await tx.leadMerge.deleteMany({
        where: { OR: [{ fromLeadId: { in: found.leadIds } }, { intoLeadId: { in: found.leadIds } }] },
      });
      await tx.lead.deleteMany({ where: { id: { in: found.leadIds } } });
      const tombstone = await tx.erasureTombstone.create({
        data: { subjectHashes: hashes, reason, counts, erasedById: actorId },
      });
      await recordAudit(tx, {
        actorId,
        action: "contact.erased",
        targetType: "contact",
        targetId: tombstone.id,
        after: { counts, reason },
      });
      return { tombstoneId: tombstone.id, counts };
    },
    { timeout: 60_000 },
  );
}

/** What the queue's search reads for a conversation (as ingest builds it), from its stored parts. */
function searchTextOf(messages: unknown, brief: unknown, visitorFields: unknown): string {
  const b = (brief ?? {}) as {
    contact?: Record<string, { value?: string; e164?: string | null } | null>;
    sensitive?: SensitiveSpan[];
  };
  const visitor = (visitorFields ?? {}) as { name?: string; email?: string };
  const contact = b.contact ?? {};
  const list = Array.isArray(messages) ? (messages as { text?: string }[]) : [];
  return [
    contact.name?.value,
    contact.email?.value,
    contact.phone?.e164,
    contact.company?.value,
    visitor.name,
    visitor.email,
    ...list.map((m, i) =>
      redactText(
        String(m.text ?? ""),
        (b.sensitive ?? []).filter((span) => span.message === i),
      ),
    ),
  ]
    .filter(Boolean)
    .join("\n");
}
