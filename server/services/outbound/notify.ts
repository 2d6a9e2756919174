import type { Prisma } from "../../db/generated/prisma/client";
import type { Brief } from "../../domain/analysis/types";
import type { JobSender } from "../../jobs/runtime";
import { caseUrl } from "./email";
import { queueWebhookEvent, subscribedEndpoints, type WebhookEventType } from "./webhooks";

// What the outside world is told about one ingested conversation, queued in the ingest transaction:
// subscribers' webhooks, the owner's email, an emergency alert, the language model's second look.
// Contact details leave the building only with consent: a case payload without it carries the
// consent status (never hidden) but no email or phone.

type Tx = Prisma.TransactionClient;

export interface PipelineEvent {
  type: string;
  data?: Prisma.InputJsonValue;
}

function conversationSummary(conversationId: string, brief: Brief, consentStatus: string) {
  const contact =
    consentStatus === "given"
      ? {
          name: brief.contact.name?.value ?? null,
          email: brief.contact.email?.value ?? null,
          phone: brief.contact.phone?.e164 ?? brief.contact.phone?.value ?? null,
          company: brief.contact.company?.value ?? null,
        }
      : null;
  return {
    conversationId,
    caseUrl: caseUrl(conversationId),
    summary: brief.summary,
    statedNeed: brief.statedNeed?.value ?? null,
    unresolvedQuestion: brief.unresolvedQuestion?.value ?? null,
    urgency: brief.urgency.level,
    intent: brief.intent.value,
    customerStatus: brief.customerStatus.value,
    topic: brief.topic?.label ?? null,
    flags: brief.flags.map((f) => f.flag),
    source: brief.source,
    consent: { status: consentStatus },
    contact,
  };
}

export async function queueOutbound(
  tx: Tx,
  jobs: JobSender,
  input: {
    conversationId: string;
    events: PipelineEvent[];
    brief: Brief;
    consentStatus: string;
    contentHash: string;
    modelConfigured: boolean;
    now: Date;
  },
): Promise<void> {
  const { conversationId, brief, now } = input;
  const base = () => conversationSummary(conversationId, brief, input.consentStatus);
  // One read of the subscriptions; a payload is built only when someone receives it.
  const endpoints = await subscribedEndpoints(tx);
  const wanted = (type: WebhookEventType) => endpoints.some((e) => e.events.includes(type));
  const emit = (type: WebhookEventType, data: Record<string, unknown>) =>
    queueWebhookEvent(tx, jobs, type, data, now, endpoints);
  let alertEmergency = false;
  for (const event of input.events) {
    const data = (event.data ?? {}) as Record<string, unknown>;
    switch (event.type) {
      case "handoff.created": {
        const handoffId = String(data.handoffId);
        if (wanted("handoff.created")) {
          const handoff = await tx.handoff.findUniqueOrThrow({
            where: { id: handoffId },
            select: {
              id: true,
              priority: true,
              dueAt: true,
              ruleId: true,
              ruleVersion: true,
              owner: { select: { id: true, name: true, email: true } },
              team: { select: { id: true, name: true } },
            },
          });
          await emit("handoff.created", {
            handoffId: handoff.id,
            owner: handoff.owner,
            team: handoff.team,
            priority: handoff.priority,
            dueAt: handoff.dueAt.toISOString(),
            rule: handoff.ruleId ? { id: handoff.ruleId, version: handoff.ruleVersion } : null,
            ...base(),
          });
        }
        if (data.ownerId) await jobs.send(tx, "ownerEmail", { handoffId });
        alertEmergency = true;
        break;
      }
      case "exception.raised":
        await queueWebhookEvent(
          tx,
          jobs,
          "case.created",
          { caseId: data.caseId, reasons: data.reasons, ...base() },
          now,
        );
        alertEmergency = true;
        break;
      case "exception.updated":
      case "exception.reopened":
        alertEmergency = true;
        break;
      case "case.resolved":
        if (wanted("case.resolved")) {
          await emit("case.resolved", { caseId: data.caseId, resolution: data.resolution, ...base() });
        }
        break;
      case "lead.created": {
        if (!wanted("lead.updated")) break;
        const lead = await tx.lead.findUniqueOrThrow({
          where: { id: String(data.leadId) },
          select: { id: true, kind: true, name: true, email: true, phoneE164: true, company: true, ownerId: true },
        });
        const withConsent = input.consentStatus === "given";
        await emit("lead.updated", {
          change: "created",
          lead: {
            id: lead.id,
            kind: lead.kind,
            ownerId: lead.ownerId,
            name: lead.name,
            company: lead.company,
            email: withConsent ? lead.email : null,
            phone: withConsent ? lead.phoneE164 : null,
          },
          ...base(),
        });
        break;
      }
    }
  }
  // One alert per conversation however often it is updated (the message log keys it).
  if (alertEmergency && brief.flags.some((f) => f.flag === "emergency")) {
    await jobs.send(tx, "alert", { kind: "emergency", subjectId: conversationId });
  }
  if (input.modelConfigured) {
    await jobs.send(
      tx,
      "modelAnalysis",
      { conversationId, contentHash: input.contentHash },
      { singletonKey: `${conversationId}:${input.contentHash}` },
    );
  }
}
