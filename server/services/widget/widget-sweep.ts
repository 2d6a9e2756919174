import type { Db } from "../../db/client";
import { getEnv } from "../../env";
import { ingestSession, WIDGET_LIMITS } from "./widget-session";

// Every minute: chats whose visitor left midway (a beacon and a short grace, or a quiet spell) go
// through ingest as they are, so no conversation is lost; sessions a day past their last message
// are deleted (their conversation lives on in the conversations table, under its retention). A chat
// that failed ingest five times is left out, logged as an error, and deleted with the others.

const BATCH = 200;

export async function sweepWidgetSessions(db: Db, now = new Date()) {
  const idleBefore = new Date(now.getTime() - getEnv().WIDGET_IDLE_MINUTES * 60_000);
  const leftBefore = new Date(now.getTime() - WIDGET_LIMITS.leftGraceMs);
  const due = await db.$queryRaw<{ id: string; source_id: string }[]>`
    SELECT id, source_id FROM widget_sessions
    WHERE spam_reason IS NULL
      AND message_count > ingested_count
      AND ingest_failures < ${WIDGET_LIMITS.ingestAttempts}
      AND jsonb_path_exists(messages, '$[*] ? (@.role == "visitor")')
      AND (last_activity_at < ${idleBefore} OR left_at < ${leftBefore})
    ORDER BY last_activity_at
    LIMIT ${BATCH}`;
  let ingested = 0;
  for (const row of due) {
    // One chat that cannot be ingested must not hold up the others (ingestSession logs and counts it).
    const source = await db.source.findUnique({
      where: { id: row.source_id },
      select: { id: true, name: true, kind: true, signingSecret: true, rateLimitPerMinute: true },
    });
    if (source && (await ingestSession(db, source, row.id).catch(() => null))) ingested += 1;
  }
  // Spam, greetings nobody answered, and chats ingested as they stand: nothing left to keep.
  const expiredBefore = new Date(now.getTime() - WIDGET_LIMITS.sessionHours * 3_600_000);
  const deleted = await db.$executeRaw`
    DELETE FROM widget_sessions
    WHERE last_activity_at < ${expiredBefore}
      AND (spam_reason IS NOT NULL
        OR ingested_count >= message_count
        OR ingest_failures >= ${WIDGET_LIMITS.ingestAttempts}
        OR NOT jsonb_path_exists(messages, '$[*] ? (@.role == "visitor")'))`;
  return { ingested, deleted };
}
