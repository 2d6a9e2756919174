import { z } from "zod";
import type { Db } from "../../db/client";
import type { Prisma } from "../../db/generated/prisma/client";
import { redactText } from "../../domain/analysis/sensitive";
import type { SensitiveSpan } from "../../domain/analysis/types";
import { identifiersOf, redactDeep, redactIdentifiers, stripEvidence } from "../../domain/redaction/retention";
import { recordAudit } from "../audit";
import { readSetting, writeSetting } from "../settings/app-settings";

// The retention period: transcripts older than it are deleted or redacted by a scheduled job
// (retention.sweep, daily). The brief's facts stay, so the dashboards keep counting them; the
// transcript, the platform's visitor record, quotes and contact details go.

export const ZRetentionSettings = z.object({
  /** Off until an admin sets a period: nothing is removed by default. */
  enabled: z.boolean(),
  days: z
    .number({ message: "days must be a number" })
    .int("days must be a whole number")
    .min(7, "keep transcripts at least 7 days")
    .max(3650, "at most 3,650 days (ten years)"),
  mode: z.enum(["delete", "redact"], { message: "mode must be delete or redact" }),
});
export type RetentionSettings = z.infer<typeof ZRetentionSettings>;

const KEY = "retention";
const LAST_RUN_KEY = "retention.last_run";
const DEFAULT: RetentionSettings = { enabled: false, days: 365, mode: "redact" };
const ZLastRun = z.object({
  at: z.string(),
  removed: z.number(),
  cutoff: z.string(),
  mode: z.enum(["delete", "redact"]),
});

export async function getRetention(db: Db) {
  const [settings, lastRun] = await Promise.all([
    readSetting(db, KEY, ZRetentionSettings, DEFAULT),
    readSetting(db, LAST_RUN_KEY, ZLastRun.nullable(), null),
  ]);
  const removed = await db.conversation.count({ where: { transcriptRemovedAt: { not: null } } });
  return { settings: settings.value, updatedAt: settings.updatedAt, lastRun: lastRun.value, removedSoFar: removed };
}

export async function setRetention(db: Db, actorId: string, input: RetentionSettings) {
  return db.$transaction(async (tx) => {
    const before = await readSetting(tx, KEY, ZRetentionSettings, DEFAULT);
    const updatedAt = await writeSetting(tx, actorId, KEY, input);
    await recordAudit(tx, {
      actorId,
      action: "retention.updated",
      targetType: "settings",
      targetId: KEY,
      before: before.value,
      after: input,
    });
    return { settings: input, updatedAt };
  });
}

interface Row {
  id: string;
  brief: Prisma.JsonValue;
  messages: Prisma.JsonValue;
  visitor_fields: Prisma.JsonValue;
  brief_edits: Prisma.JsonValue;
  page_url: string | null;
}

/**
 * Removes the transcripts older than the retention period, 200 conversations per transaction, at
 * most `maxRows` per run (the next run continues). Returns how many it removed.
 */
export async function sweepRetention(
  db: Db,
  now = new Date(),
  options: { maxRows?: number; batchSize?: number } = {},
): Promise<{ removed: number; cutoff: Date | null }> {
  const { value: settings } = await readSetting(db, KEY, ZRetentionSettings, DEFAULT);
  if (!settings.enabled) return { removed: 0, cutoff: null };
  const cutoff = new Date(now.getTime() - settings.days * 86_400_000);
  const maxRows = options.maxRows ?? 20_000;
  const batchSize = options.batchSize ?? 200;
  let removed = 0;
  while (removed < maxRows) {
    const done = await db.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<Row[]>`
        SELECT id::text AS id, brief, messages, visitor_fields, brief_edits, page_url FROM conversations
        WHERE transcript_removed_at IS NULL AND received_at < ${cutoff}
        ORDER BY transcript_removed_at, received_at
        LIMIT ${Math.min(batchSize, maxRows - removed)}
        FOR UPDATE SKIP LOCKED`;
        for (const row of rows) await removeTranscript(tx, row, settings.mode, now);
        return rows.length;
      },
      { timeout: 120_000 },
    );
    removed += done;
    if (done < batchSize) break;
  }
  await writeSetting(db, null, LAST_RUN_KEY, {
    at: now.toISOString(),
    removed,
    cutoff: cutoff.toISOString(),
    mode: settings.mode,
  });
  if (removed > 0)
    await recordAudit(db, {
      actorId: null,
      action: "retention.swept",
      targetType: "settings",
      targetId: KEY,
      after: { removed, mode: settings.mode, cutoff: cutoff.toISOString(), days: settings.days },
    });
  return { removed, cutoff };
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

async function removeTranscript(tx: Tx, row: Row, mode: RetentionSettings["mode"], now: Date) {
  const identifiers = identifiersOf(row.brief, row.visitor_fields);
  const sensitive = ((row.brief as { sensitive?: SensitiveSpan[] } | null)?.sensitive ?? []) as SensitiveSpan[];
  // Card numbers, passwords and the like first, while the brief's spans still point at the right
  // characters; then contact details. The spans go with them: they would point at the wrong words.
  const brief = { ...(redactDeep(stripEvidence(row.brief), identifiers) as Record<string, unknown>), sensitive: [] };
  const messages =
    mode === "delete"
      ? []
      : ((row.messages as { role: string; text: string; at?: string | null }[]) ?? []).map((m, index) => ({
          ...m,
          text: redactIdentifiers(
            redactText(
              m.text,
              sensitive.filter((span) => span.message === index),
            ),
            identifiers,
          ),
        }));
  await tx.$executeRaw`
    UPDATE conversations
       SET messages = ${JSON.stringify(messages)}::jsonb,
           brief = ${JSON.stringify(brief)}::jsonb,
           brief_edits = ${row.brief_edits === null ? null : JSON.stringify(redactDeep(row.brief_edits, identifiers))}::jsonb,
           visitor_fields = NULL,
           consent_events = NULL,
           referrer = NULL,
           page_url = ${row.page_url === null ? null : redactIdentifiers(row.page_url, identifiers)},
           search = NULL,
           transcript_removed_at = ${now},
           transcript_removal = ${mode === "delete" ? "deleted" : "redacted"},
           updated_at = ${now}
     WHERE id = ${row.id}::uuid`;
  // The consent record keeps its status; its quote goes with the transcript, or is redacted with it.
  const records = await tx.consentRecord.findMany({
    where: { conversationId: row.id },
    select: { id: true, words: true },
  });
  for (const record of records)
    await tx.consentRecord.update({
      where: { id: record.id },
      data:
        mode === "delete"
          ? { words: null, evidenceMessage: null }
          : { words: record.words ? redactIdentifiers(record.words, identifiers) : null },
    });
  // Webhook deliveries about it (queued or logged) carried its summary and contact details.
  const deliveries = await tx.$queryRaw<{ id: string; payload: Prisma.JsonValue }[]>`
    SELECT id::text AS id, payload FROM webhook_deliveries WHERE payload->'data'->>'conversationId' = ${row.id}`;
  for (const delivery of deliveries)
    await tx.webhookDelivery.update({
      where: { id: delivery.id },
      data: { payload: redactDeep(delivery.payload, identifiers) as Prisma.InputJsonValue },
    });
  // What reviewers did to its case keeps its facts; the values they quoted (a corrected name or
  // need) go the way of the transcript.
  const targets = [
    row.id,
    ...(await tx.exceptionCase.findMany({ where: { conversationId: row.id }, select: { id: true } })).map((c) => c.id),
  ];
  const entries = await tx.auditLog.findMany({
    where: { targetId: { in: targets } },
    select: { id: true, before: true, after: true },
  });
  for (const entry of entries)
    await tx.auditLog.update({
      where: { id: entry.id },
      data: {
        before: (entry.before === null ? undefined : redactDeep(entry.before, identifiers)) as
          Prisma.InputJsonValue | undefined,
        after: (entry.after === null ? undefined : redactDeep(entry.after, identifiers)) as
          Prisma.InputJsonValue | undefined,
      },
    });
  const replies = await tx.reply.findMany({
    where: { conversationId: row.id },
    select: { id: true, subject: true, body: true },
  });
  for (const reply of replies)
    await tx.reply.update({
      where: { id: reply.id },
      data: {
        subject: redactIdentifiers(reply.subject, identifiers),
        body: redactIdentifiers(reply.body, identifiers),
      },
    });
}
