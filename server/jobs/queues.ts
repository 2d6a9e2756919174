import { z } from "zod";

// Every background job, its payload and how pg-boss treats it. Payloads carry ids only: a handler
// reads the current rows, so a job run twice, or late, acts on what is true now.

export interface QueueSpec<T extends z.ZodType> {
  name: string;
  payload: T;
  options: {
    /** Retries after an error the handler throws (or a worker that died mid-job). */
    retryLimit: number;
    retryDelay: number;
    retryBackoff: boolean;
    retryDelayMax?: number;
    /** A job running longer than this is failed (and retried). */
    expireInSeconds: number;
    /** A worker refreshes a claimed job this often; one that stops (killed) has its job retried. */
    heartbeatSeconds?: number;
  };
}

const spec = <T extends z.ZodType>(s: QueueSpec<T>) => s;

export const QUEUES = {
  /** One HTTP attempt at one webhook delivery; the next attempt is its own job on the retry schedule. */
  webhookDeliver: spec({
    name: "webhook.deliver",
    payload: z.object({ deliveryId: z.uuid(), attempt: z.number().int().min(1) }),
    options: { retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 60, heartbeatSeconds: 10 },
  }),
  /** The owner's email for a new handoff. */
  ownerEmail: spec({
    name: "email.handoff-owner",
    payload: z.object({ handoffId: z.uuid() }),
    options: {
      retryLimit: 8,
      retryDelay: 30,
      retryBackoff: true,
      retryDelayMax: 3600,
      expireInSeconds: 120,
      heartbeatSeconds: 10,
    },
  }),
  /** A first reply to a visitor, once it is clean or approved (server/services/replies/reply-email.ts). */
  replyEmail: spec({
    name: "email.first-reply",
    payload: z.object({ replyId: z.uuid() }),
    options: {
      retryLimit: 8,
      retryDelay: 30,
      retryBackoff: true,
      retryDelayMax: 3600,
      expireInSeconds: 120,
      heartbeatSeconds: 10,
    },
  }),
  /** A chat alert (Slack-compatible incoming webhook). */
  alert: spec({
    name: "alert.send",
    payload: z.object({ kind: z.enum(["emergency", "sla_breach"]), subjectId: z.uuid() }),
    options: { retryLimit: 8, retryDelay: 15, retryBackoff: true, retryDelayMax: 1800, expireInSeconds: 60 },
  }),
  /** The language model's second look at a conversation, when a model is configured. */
  modelAnalysis: spec({
    name: "analysis.model",
    payload: z.object({ conversationId: z.uuid(), contentHash: z.string().min(1) }),
    options: { retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 300 },
  }),
  /** The SLA clock: every minute, handoffs past due without a response are marked breached. */
  slaSweep: spec({
    name: "sla.sweep",
    payload: z.object({}).loose(),
    options: { retryLimit: 0, retryDelay: 0, retryBackoff: false, expireInSeconds: 120 },
  }),
  /** The retention period: transcripts older than it are deleted or redacted, daily. */
  retentionSweep: spec({
    name: "retention.sweep",
    payload: z.object({}).loose(),
    options: { retryLimit: 2, retryDelay: 600, retryBackoff: false, expireInSeconds: 1800, heartbeatSeconds: 30 },
  }),
  /** The chat widget: chats left midway go through ingest; old sessions are deleted. Every minute. */
  widgetSweep: spec({
    name: "widget.sweep",
    payload: z.object({}).loose(),
    options: { retryLimit: 0, retryDelay: 0, retryBackoff: false, expireInSeconds: 300 },
  }),
} as const;

export type JobPayload<Q extends keyof typeof QUEUES> = z.infer<(typeof QUEUES)[Q]["payload"]>;

/** Jobs that used up their retries land here, for an operator to look at and send again. */
export const DEAD_LETTER_QUEUE = "dead-letter";

export const SLA_SWEEP_CRON = "* * * * *";
export const WIDGET_SWEEP_CRON = "* * * * *";
/** 03:17 UTC daily: a quiet hour, off the hour so many installs do not all start at once. */
export const RETENTION_SWEEP_CRON = "17 3 * * *";
