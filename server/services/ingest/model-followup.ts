import type { Db } from "../../db/client";
import type { Prisma } from "../../db/generated/prisma/client";
import type { Brief, Conversation } from "../../domain/analysis/types";
import { briefFacts } from "../../domain/metrics/brief-facts";
import type { JobSender } from "../../jobs/runtime";

// The language model's second look, as a job after the rules' brief is stored: ingest never waits
// on a model. Its brief replaces the rules' only if the conversation has not changed since (a newer
// post queued its own look), and only when the model answered (a fallback changes nothing). Safety
// flags the model adds are kept (the rules' are never removed); a newly flagged emergency alerts.

export type FollowUpResult = "updated" | "stale" | "unchanged" | "fallback";

export async function runModelFollowUp(
  db: Db,
  jobs: JobSender,
  job: { conversationId: string; contentHash: string },
  analyze: (conversation: Conversation) => Promise<Brief>,
): Promise<FollowUpResult> {
  const row = await db.conversation.findUnique({
    where: { id: job.conversationId },
    select: {
      contentHash: true,
      messages: true,
      pageUrl: true,
      referrer: true,
      utm: true,
      locale: true,
      brief: true,
      briefEdits: true,
    },
  });
  if (!row || row.contentHash !== job.contentHash) return "stale";
  const conversation: Conversation = {
    messages: (
      row.messages as unknown as { role: Conversation["messages"][number]["role"]; text: string; at?: string | null }[]
    ).map((m) => ({ role: m.role, text: m.text, at: m.at ?? null })),
    pageUrl: row.pageUrl,
    referrer: row.referrer,
    campaign: (row.utm as Conversation["campaign"]) ?? null,
    locale: row.locale,
  };
  const brief = await analyze(conversation);
  if (brief.analyzer !== "llm") return "fallback";
  const before = row.brief as unknown as Brief;
  const had = new Set(before.flags.map((f) => f.flag));
  const addedFlags = brief.flags.map((f) => f.flag).filter((flag) => !had.has(flag));
  if (JSON.stringify(before) === JSON.stringify(brief)) return "unchanged";
  return db.$transaction(async (tx) => {
    // Only over the version it analysed: a post that arrived meanwhile wins.
    const updated = await tx.conversation.updateMany({
      where: { id: job.conversationId, contentHash: job.contentHash },
      data: {
        brief: brief as unknown as Prisma.InputJsonValue,
        analyzer: "llm",
        nextAction: brief.nextAction.action,
        // The dashboards and the queue count what the brief now says.
        ...briefFacts(brief, row.briefEdits as Parameters<typeof briefFacts>[1]),
      },
    });
    if (updated.count === 0) return "stale" as const;
    await tx.event.create({
      data: {
        type: "brief.updated",
        conversationId: job.conversationId,
        data: { analyzer: "llm", addedFlags, nextAction: brief.nextAction.action },
      },
    });
    if (addedFlags.includes("emergency")) {
      await jobs.send(tx, "alert", { kind: "emergency", subjectId: job.conversationId });
    }
    return "updated" as const;
  });
}
