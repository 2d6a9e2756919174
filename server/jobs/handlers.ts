import type { PgBoss } from "pg-boss";
import { createModelAnalyzer } from "../ai/analysis";
import { getDb } from "../db/client";
import { getEnv } from "../env";
import { logger } from "../logger";
import { runModelFollowUp } from "../services/ingest/model-followup";
import { sendAlert } from "../services/outbound/alerts";
import { sendOwnerEmail } from "../services/outbound/email";
import { sweepSlaBreaches } from "../services/outbound/sla";
import { sweepRetention } from "../services/data-protection/retention";
import { resolveModel } from "../services/settings/integrations";
import { loadAnalysisSettings } from "../services/settings/analysis-settings";
import { attemptDelivery } from "../services/outbound/webhooks";
import { sendReplyEmail } from "../services/replies/reply-email";
import { sweepWidgetSessions } from "../services/widget/widget-sweep";
import { QUEUES, RETENTION_SWEEP_CRON, SLA_SWEEP_CRON, WIDGET_SWEEP_CRON } from "./queues";
import { JobSender } from "./runtime";

// The workers: one handler per queue, each idempotent (a job may run more than once: a worker that
// died mid-job has it retried). A handler that throws has its job retried with backoff, then dead-lettered.

export async function registerHandlers(boss: PgBoss): Promise<void> {
  const env = getEnv();
  const jobs = new JobSender(boss);
  const db = () => getDb();
  const work = async <Q extends keyof typeof QUEUES>(
    queue: Q,
    handle: (data: ReturnType<(typeof QUEUES)[Q]["payload"]["parse"]>) => Promise<unknown>,
  ) => {
    const spec = QUEUES[queue];
    await boss.work(spec.name, { pollingIntervalSeconds: env.JOBS_POLL_INTERVAL_SECONDS }, async (batch) => {
      for (const job of batch) {
        const parsed = spec.payload.safeParse(job.data);
        if (!parsed.success) {
          // A malformed job can never succeed; fail it without retries' worth of noise.
          logger.error("job with an invalid payload", { queue: spec.name, jobId: job.id, issues: parsed.error.issues });
          throw new Error(`invalid payload for ${spec.name}`);
        }
        const result = await handle(parsed.data as never);
        logger.debug("job done", { queue: spec.name, jobId: job.id, result: String(result) });
      }
    });
  };

  await work("webhookDeliver", (data) => attemptDelivery(db(), jobs, data));
  await work("ownerEmail", (data) => sendOwnerEmail(db(), data));
  await work("replyEmail", (data) => sendReplyEmail(db(), data));
  await work("alert", (data) => sendAlert(db(), data));
  await work("slaSweep", () => sweepSlaBreaches(db(), jobs));
  // The model in force is read per job (settings, else the environment), so a change in the
  // console reaches the workers without a restart; one analyzer per configuration.
  let analyzer: { key: string; analyze: ReturnType<typeof createModelAnalyzer> } | null = null;
  await work("modelAnalysis", async (data) => {
    const model = await resolveModel(db());
    if (!model) return "skipped: no model is set up";
    if (analyzer?.key !== model.key)
      analyzer = { key: model.key, analyze: createModelAnalyzer(model.settings, model.timeoutMs) };
    const analyze = analyzer.analyze;
    if (!analyze) return "skipped: no model is set up";
    // The escalation policy in force now, as ingest used for the rules' first look.
    const { policy } = await loadAnalysisSettings(db());
    return runModelFollowUp(db(), jobs, data, (conversation) => analyze(conversation, policy));
  });
  await work("retentionSweep", () => sweepRetention(db()).then((result) => result.removed));
  await work("widgetSweep", () => sweepWidgetSessions(db()).then((result) => JSON.stringify(result)));
  await boss.schedule(QUEUES.slaSweep.name, SLA_SWEEP_CRON, {});
  await boss.schedule(QUEUES.widgetSweep.name, WIDGET_SWEEP_CRON, {});
  await boss.schedule(QUEUES.retentionSweep.name, RETENTION_SWEEP_CRON, {});
}
