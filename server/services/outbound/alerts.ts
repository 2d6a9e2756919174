import type { Db } from "../../db/client";
import type { Brief } from "../../domain/analysis/types";
import { getEnv } from "../../env";
import { postOutbound } from "../../net/outbound-http";
import { resolveAlertUrl } from "../settings/integrations";
import { caseUrl } from "./email";
import { claimMessage, markFailed, markSent, markSkipped } from "./messages";

// Internal alerts to a Slack-compatible incoming webhook ({"text": …}): a conversation flagged as
// an emergency, and a handoff whose owner missed the SLA. Once per subject; retried on failure.

export type AlertKind = "emergency" | "sla_breach";

async function alertText(db: Db, kind: AlertKind, subjectId: string): Promise<string | null> {
  if (kind === "emergency") {
    const conversation = await db.conversation.findUnique({
      where: { id: subjectId },
      select: { id: true, brief: true, pageUrl: true },
    });
    if (!conversation) return null;
    const brief = conversation.brief as unknown as Brief;
    return [
      `:rotating_light: *Emergency in a website chat*: ${brief.summary}`,
      `Page: ${conversation.pageUrl ?? "unknown"}`,
      `Open the case: ${caseUrl(conversation.id)}`,
    ].join("\n");
  }
  const handoff = await db.handoff.findUnique({
    where: { id: subjectId },
    select: {
      dueAt: true,
      owner: { select: { name: true } },
      team: { select: { name: true } },
      conversation: { select: { id: true, brief: true } },
    },
  });
  if (!handoff) return null;
  const brief = handoff.conversation.brief as unknown as Brief;
  return [
    `:alarm_clock: *Handoff past its response time*: ${brief.statedNeed?.value ?? brief.summary}`,
    `Owner: ${handoff.owner?.name ?? "nobody"}${handoff.team ? ` (${handoff.team.name})` : ""}; due ${handoff.dueAt.toISOString()}`,
    `Open the case: ${caseUrl(handoff.conversation.id)}`,
  ].join("\n");
}

export type AlertResult = "sent" | "already_sent" | "skipped";

/** The job: post one alert. Throws (to be retried) when the receiver fails. */
export async function sendAlert(db: Db, job: { kind: AlertKind; subjectId: string }): Promise<AlertResult> {
  const env = getEnv();
  const claim = await claimMessage(db, {
    channel: "alert",
    kind: job.kind,
    dedupeKey: `alert:${job.kind}:${job.subjectId}`,
    recipient: null,
    subject: null,
  });
  if (claim.alreadySent) return "already_sent";
  const text = await alertText(db, job.kind, job.subjectId);
  const url = await resolveAlertUrl(db);
  if (!url || !text) {
    await markSkipped(
      db,
      claim.id,
      text ? "no alert webhook is set up (settings or ALERT_WEBHOOK_URL)" : "its subject no longer exists",
    );
    return "skipped";
  }
  try {
    const response = await postOutbound(
      url,
      JSON.stringify({ text }),
      {},
      {
        timeoutMs: 10_000,
        allowPrivate: env.OUTBOUND_ALLOW_PRIVATE_NETWORKS,
      },
    );
    if (response.status < 200 || response.status >= 300) {
      throw new Error(`HTTP ${response.status}: ${response.bodyExcerpt.slice(0, 200)}`);
    }
    await markSent(db, claim.id, `HTTP ${response.status}`);
    return "sent";
  } catch (error) {
    await markFailed(db, claim.id, error);
    throw error;
  }
}
