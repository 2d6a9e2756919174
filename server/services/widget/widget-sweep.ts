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
  // Each due chat with its source, in one read. (A session holds only the greeting until the
  // visitor writes: more than one message means they did.)
  const due = await db.widgetSession.findMany({
    where: {
      spamReason: null,
      messageCount: { gt: 1 },
      ingestedCount: { lt: db.widgetSession.fields.messageCount },
      ingestFailures: { lt: WIDGET_LIMITS.ingestAttempts },
      OR: [{ lastActivityAt: { lt: idleBefore } }, { leftAt: { lt: leftBefore } }],
    },
    include: {
      source: { select: { id: true, name: true, kind: true, signingSecret: true, rateLimitPerMinute: true } },
    },
    orderBy: { lastActivityAt: "asc" },
    take: BATCH,
  });
  let ingested = 0;
  // One chat that cannot be ingested must not hold up the others (ingestSession logs and counts it).
  for (const { source, ...session } of due) if (await ingestSession(db, source, session)) ingested += 1;
  // Spam, greetings nobody answered, and chats ingested as they stand: nothing left to keep.
  const expiredBefore = new Date(now.getTime() - WIDGET_LIMITS.sessionHours * 3_600_000);
  const deleted = await db.$executeRaw`
    DELETE FROM widget_sessions
    WHERE last_activity_at < ${expiredBefore}
      AND (spam_reason IS NOT NULL
        OR ingested_count >= message_count
        OR ingest_failures >= ${WIDGET_LIMITS.ingestAttempts}
        OR message_count <= 1)`;
  return { ingested, deleted };
}
