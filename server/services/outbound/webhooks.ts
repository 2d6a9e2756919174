import { z } from "zod";
import type { Db } from "../../db/client";
import { uuidv7, type Sql } from "../../db/sql";
import { getEnv } from "../../env";
import { signStandardWebhook } from "../../http/standard-webhooks";
import type { JobSender } from "../../jobs/runtime";
import { logger } from "../../logger";
import { checkOutboundUrl, postOutbound } from "../../net/outbound-http";
import { AppError } from "../../errors";
import { recordAudit } from "../audit";
import { generateSigningSecret } from "../sources";

// Outbound webhooks to subscribers (a CRM, a helpdesk). An event becomes one delivery per endpoint
// that asked for it, in the transaction that produced the event; each HTTP attempt is a job and a
// row in the delivery log. A failed attempt schedules the next on WEBHOOK_RETRY_SCHEDULE; after the
// last, the delivery is dead until someone redelivers it. A 410 Gone switches the endpoint off.

export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "./webhook-events";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "./webhook-events";

export const WEBHOOK_TIMEOUT_MS = 10_000;
const STUCK_AFTER_MS = 15 * 60_000;

export const ZCreateEndpoint = z.object({
  url: z.string().trim().min(1, "is required"),
  events: z
    .array(z.enum(WEBHOOK_EVENT_TYPES))
    .min(1, `name at least one of ${WEBHOOK_EVENT_TYPES.join(", ")}`)
    .transform((events) => [...new Set(events)]),
  description: z.string().trim().max(200).optional(),
});

export async function createWebhookEndpoint(db: Db, actorId: string | null, input: unknown) {
  const data = ZCreateEndpoint.parse(input);
  const problem = checkOutboundUrl(data.url, getEnv().OUTBOUND_ALLOW_PRIVATE_NETWORKS);
  if (problem) throw new AppError("BAD_REQUEST", `url ${problem}`, { field: "url" });
  const secret = generateSigningSecret();
  return db.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.create({
      data: { url: data.url, events: data.events, description: data.description ?? null, secret },
      select: { id: true, url: true, events: true, secret: true },
    });
    await recordAudit(tx, {
      actorId,
      action: "webhook_endpoint.created",
      targetType: "webhook_endpoint",
      targetId: endpoint.id,
      after: { url: data.url, events: data.events },
    });
    return endpoint;
  });
}

export async function setWebhookEndpointEnabled(db: Db, actorId: string | null, id: string, enabled: boolean) {
  await db.$transaction(async (tx) => {
    const before = await tx.webhookEndpoint.findUnique({ where: { id }, select: { enabled: true } });
    if (!before) throw new AppError("NOT_FOUND", `no webhook endpoint ${id}`);
    await tx.webhookEndpoint.update({
      where: { id },
      data: enabled
        ? { enabled: true, disabledAt: null, disabledReason: null }
        : { enabled: false, disabledAt: new Date(), disabledReason: "switched off by an admin" },
    });
    await recordAudit(tx, {
      actorId,
      action: enabled ? "webhook_endpoint.enabled" : "webhook_endpoint.disabled",
      targetType: "webhook_endpoint",
      targetId: id,
      before,
      after: { enabled },
    });
  });
}

function previousSecretInForce(endpoint: { previousSecret: string | null; previousSecretExpiresAt: Date | null }) {
  return endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > new Date()
    ? [endpoint.previousSecret]
    : [];
}

/** The endpoints, without their secrets, with their latest delivery outcomes. */
export async function listWebhookEndpoints(db: Db) {
  const endpoints = await db.webhookEndpoint.findMany({
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      url: true,
      description: true,
      events: true,
      enabled: true,
      disabledReason: true,
      disabledAt: true,
      createdAt: true,
      previousSecretExpiresAt: true,
    },
  });
  const counts = await db.webhookDelivery.groupBy({
    by: ["endpointId", "status"],
    where: { endpointId: { in: endpoints.map((e) => e.id) } },
    _count: { _all: true },
  });
  return endpoints.map(({ previousSecretExpiresAt, ...endpoint }) => ({
    ...endpoint,
    /** Until when deliveries are also signed with the secret before the last rotation. */
    rotationEndsAt: previousSecretExpiresAt && previousSecretExpiresAt > new Date() ? previousSecretExpiresAt : null,
    deliveries: Object.fromEntries(
      counts.filter((c) => c.endpointId === endpoint.id).map((c) => [c.status, c._count._all]),
    ) as Partial<Record<"pending" | "delivered" | "dead", number>>,
  }));
}

export const ZUpdateEndpoint = z.object({
  id: z.uuid("id must be an endpoint id"),
  url: z.string().trim().min(1, "url is required").max(2_000).optional(),
  events: ZCreateEndpoint.shape.events.optional(),
  description: z.string().trim().max(200).nullable().optional(),
});

export async function updateWebhookEndpoint(db: Db, actorId: string, input: z.infer<typeof ZUpdateEndpoint>) {
  if (input.url) {
    const problem = checkOutboundUrl(input.url, getEnv().OUTBOUND_ALLOW_PRIVATE_NETWORKS);
    if (problem) throw new AppError("BAD_REQUEST", `url ${problem}`, { field: "url" });
  }
  return db.$transaction(async (tx) => {
    const before = await tx.webhookEndpoint.findUnique({
      where: { id: input.id },
      select: { url: true, events: true, description: true },
    });
    if (!before) throw new AppError("NOT_FOUND", `no webhook endpoint ${input.id}`);
    const after = await tx.webhookEndpoint.update({
      where: { id: input.id },
      data: { url: input.url, events: input.events, description: input.description },
      select: { url: true, events: true, description: true },
    });
    await recordAudit(tx, {
      actorId,
      action: "webhook_endpoint.updated",
      targetType: "webhook_endpoint",
      targetId: input.id,
      before,
      after,
    });
    return after;
  });
}

/**
 * A new signing secret, shown once. Deliveries carry signatures under the new and the old secret
 * for `graceHours` (Standard Webhooks allows several), so the receiver can switch without a gap.
 */
export async function rotateWebhookSecret(db: Db, actorId: string, id: string, graceHours = 24) {
  const secret = generateSigningSecret();
  return db.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { id }, select: { secret: true } });
    if (!endpoint) throw new AppError("NOT_FOUND", `no webhook endpoint ${id}`);
    const rotationEndsAt = graceHours > 0 ? new Date(Date.now() + graceHours * 3_600_000) : null;
    await tx.webhookEndpoint.update({
      where: { id },
      data: {
        secret,
        previousSecret: rotationEndsAt ? endpoint.secret : null,
        previousSecretExpiresAt: rotationEndsAt,
      },
    });
    await recordAudit(tx, {
      actorId,
      action: "webhook_endpoint.secret_rotated",
      targetType: "webhook_endpoint",
      targetId: id,
      after: { oldSecretValidUntil: rotationEndsAt?.toISOString() ?? null },
    });
    return { secret, rotationEndsAt };
  });
}

/** Queues a `webhook.test` event to one endpoint, whatever it subscribes to, through the real delivery path. */
export async function sendTestEvent(db: Db, jobs: JobSender, actorId: string, id: string) {
  const endpoint = await db.webhookEndpoint.findUnique({ where: { id }, select: { enabled: true, url: true } });
  if (!endpoint) throw new AppError("NOT_FOUND", `no webhook endpoint ${id}`);
  if (!endpoint.enabled)
    throw new AppError("CONFLICT", `the endpoint ${endpoint.url} is switched off; enable it first`);
  const now = new Date();
  const delivery = await db.$transaction(async (tx) => {
    const created = await tx.webhookDelivery.create({
      data: {
        endpointId: id,
        eventType: "webhook.test",
        payload: {
          type: "webhook.test",
          timestamp: now.toISOString(),
          data: { message: "A test event from Handoff Desk's settings. Answer 2xx to show it arrived." },
        },
        nextAttemptAt: now,
      },
      select: { id: true },
    });
    await jobs.send(tx, "webhookDeliver", { deliveryId: created.id, attempt: 1 });
    await recordAudit(tx, { actorId, action: "webhook_endpoint.tested", targetType: "webhook_endpoint", targetId: id });
    return created;
  });
  return { deliveryId: delivery.id };
}

export function listDeliveries(
  db: Db,
  filter: { endpointId?: string; status?: "pending" | "delivered" | "dead" } = {},
) {
  return db.webhookDelivery.findMany({
    where: { endpointId: filter.endpointId, status: filter.status },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: {
      id: true,
      endpointId: true,
      eventType: true,
      status: true,
      attemptCount: true,
      nextAttemptAt: true,
      deliveredAt: true,
      createdAt: true,
      attempts: {
        orderBy: { number: "asc" },
        select: { number: true, statusCode: true, error: true, durationMs: true, attemptedAt: true },
      },
    },
  });
}

/** The enabled endpoints and what each receives: read once per transaction that may emit events. */
export async function subscribedEndpoints(sql: Sql): Promise<{ id: string; events: string[] }[]> {
  return sql.query<{ id: string; events: string[] }>(`SELECT id, events FROM webhook_endpoints WHERE enabled`);
}

/**
 * Records `type` for every endpoint in `endpoints` (from subscribedEndpoints, in the same
 * transaction) that receives it, and queues the first attempt, in the caller's transaction. The
 * payload is fixed now: a retry sends the same bytes under the same id.
 */
export async function queueWebhookEvent(
  sql: Sql,
  jobs: JobSender,
  type: WebhookEventType,
  data: Record<string, unknown>,
  now: Date,
  endpoints: { id: string; events: string[] }[],
): Promise<number> {
  const targets = endpoints.filter((e) => e.events.includes(type));
  const payload = JSON.stringify({ type, timestamp: now.toISOString(), data });
  for (const endpoint of targets) {
    const deliveryId = uuidv7();
    await sql.query(
      `INSERT INTO webhook_deliveries (id, endpoint_id, event_type, payload, next_attempt_at, updated_at)
       VALUES ($1::uuid, $2::uuid, $3::text, $4::jsonb, $5::timestamptz, $5::timestamptz)`,
      [deliveryId, endpoint.id, type, payload, now],
    );
    await jobs.send(sql, "webhookDeliver", { deliveryId, attempt: 1 });
  }
  return targets.length;
}

export type AttemptResult = "delivered" | "retry_scheduled" | "dead" | "endpoint_gone" | "skipped";

/**
 * The job: one attempt at one delivery. Safe to run twice: an attempt already logged, or a delivery
 * no longer pending, is left alone. The attempt's outcome and the next job commit together.
 */
export async function attemptDelivery(
  db: Db,
  jobs: JobSender,
  job: { deliveryId: string; attempt: number },
): Promise<AttemptResult> {
  const env = getEnv();
  const delivery = await db.webhookDelivery.findUnique({
    where: { id: job.deliveryId },
    select: {
      id: true,
      status: true,
      attemptCount: true,
      payload: true,
      endpoint: {
        select: {
          id: true,
          url: true,
          secret: true,
          previousSecret: true,
          previousSecretExpiresAt: true,
          enabled: true,
        },
      },
    },
  });
  if (!delivery || delivery.status !== "pending" || delivery.attemptCount >= job.attempt) return "skipped";
  if (!delivery.endpoint.enabled) {
    await db.webhookDelivery.update({ where: { id: delivery.id }, data: { status: "dead", nextAttemptAt: null } });
    return "dead";
  }
  const body = JSON.stringify(delivery.payload);
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = {
    "webhook-id": delivery.id,
    "webhook-timestamp": String(timestamp),
    // During a secret rotation, a signature under each secret: the receiver accepts either.
    "webhook-signature": [delivery.endpoint.secret, ...previousSecretInForce(delivery.endpoint)]
      .map((secret) => signStandardWebhook(secret, delivery.id, timestamp, body))
      .join(" "),
    "user-agent": "HandoffDesk-Webhooks/1",
  };
  let statusCode: number | null = null;
  let error: string | null = null;
  let durationMs = 0;
  const started = performance.now();
  try {
    const response = await postOutbound(delivery.endpoint.url, body, headers, {
      timeoutMs: WEBHOOK_TIMEOUT_MS,
      allowPrivate: env.OUTBOUND_ALLOW_PRIVATE_NETWORKS,
    });
    statusCode = response.status;
    durationMs = response.durationMs;
    if (statusCode < 200 || statusCode >= 300) error = `HTTP ${statusCode}: ${response.bodyExcerpt.slice(0, 300)}`;
  } catch (caught) {
    durationMs = Math.round(performance.now() - started);
    error = caught instanceof Error ? caught.message : String(caught);
  }
  const ok = error === null;
  const gone = statusCode === 410;
  const schedule = env.WEBHOOK_RETRY_SCHEDULE;
  const delaySeconds = schedule[job.attempt - 1];
  const now = new Date();

  return db.$transaction(async (tx) => {
    // Claimed by number: a second run of this same job finds the attempt taken and changes nothing.
    const claimed = await tx.webhookDelivery.updateMany({
      where: { id: delivery.id, status: "pending", attemptCount: job.attempt - 1 },
      data: { attemptCount: job.attempt },
    });
    if (claimed.count === 0) return "skipped" as const;
    await tx.webhookAttempt.create({
      data: { deliveryId: delivery.id, number: job.attempt, statusCode, error, durationMs, attemptedAt: now },
    });
    if (ok) {
      await tx.webhookDelivery.update({
        where: { id: delivery.id },
        data: { status: "delivered", deliveredAt: now, nextAttemptAt: null },
      });
      return "delivered" as const;
    }
    if (gone) {
      await tx.webhookEndpoint.update({
        where: { id: delivery.endpoint.id },
        data: { enabled: false, disabledAt: now, disabledReason: "the receiver answered 410 Gone" },
      });
      await tx.webhookDelivery.updateMany({
        where: { endpointId: delivery.endpoint.id, status: "pending" },
        data: { status: "dead", nextAttemptAt: null },
      });
      logger.warn("webhook endpoint disabled: 410 Gone", { endpointId: delivery.endpoint.id });
      return "endpoint_gone" as const;
    }
    if (delaySeconds === undefined) {
      await tx.webhookDelivery.update({ where: { id: delivery.id }, data: { status: "dead", nextAttemptAt: null } });
      logger.warn("webhook delivery dead after its last attempt", { deliveryId: delivery.id, attempts: job.attempt });
      return "dead" as const;
    }
    const nextAt = new Date(now.getTime() + delaySeconds * 1000);
    await tx.webhookDelivery.update({ where: { id: delivery.id }, data: { nextAttemptAt: nextAt } });
    await jobs.send(
      tx,
      "webhookDeliver",
      { deliveryId: delivery.id, attempt: job.attempt + 1 },
      { startAfter: nextAt },
    );
    return "retry_scheduled" as const;
  });
}

/** Sends a dead (or delivered) delivery again now, as a new attempt under the same webhook-id. */
export async function redeliver(db: Db, jobs: JobSender, actorId: string | null, deliveryId: string) {
  await db.$transaction(async (tx) => {
    const delivery = await tx.webhookDelivery.findUnique({
      where: { id: deliveryId },
      select: {
        id: true,
        status: true,
        attemptCount: true,
        nextAttemptAt: true,
        endpoint: { select: { enabled: true, url: true } },
      },
    });
    if (!delivery) throw new AppError("NOT_FOUND", `no webhook delivery ${deliveryId}`);
    // A pending delivery whose next attempt is long overdue lost its job (retries used up while the
    // database was unreachable, say): it may be sent again too.
    const stuck =
      delivery.status === "pending" &&
      (!delivery.nextAttemptAt || delivery.nextAttemptAt.getTime() < Date.now() - STUCK_AFTER_MS);
    if (delivery.status === "pending" && !stuck) {
      throw new AppError("CONFLICT", "this delivery is still being attempted");
    }
    if (!delivery.endpoint.enabled) {
      throw new AppError("CONFLICT", `the endpoint ${delivery.endpoint.url} is switched off; enable it first`);
    }
    // Conditional on what was read, so two redeliveries at once queue one attempt, not two.
    const claimed = await tx.webhookDelivery.updateMany({
      where: {
        id: deliveryId,
        status: delivery.status,
        attemptCount: delivery.attemptCount,
        nextAttemptAt: delivery.nextAttemptAt,
      },
      data: { status: "pending", nextAttemptAt: new Date() },
    });
    if (claimed.count === 0) throw new AppError("CONFLICT", "this delivery was just sent again by someone else");
    await jobs.send(tx, "webhookDeliver", { deliveryId, attempt: delivery.attemptCount + 1 });
    await recordAudit(tx, {
      actorId,
      action: "webhook_delivery.redelivered",
      targetType: "webhook_delivery",
      targetId: deliveryId,
      before: { status: delivery.status, attempts: delivery.attemptCount },
    });
  });
}
