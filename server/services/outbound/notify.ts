import type { Sql } from "../../db/sql";
import type { Brief } from "../../domain/analysis/types";
import type { JobSender } from "../../jobs/runtime";
import { caseUrl } from "./email";
import { queueWebhookEvent, subscribedEndpoints, type WebhookEventType } from "./webhooks";

// What the outside world is told about one ingested conversation, queued in the ingest transaction:
// subscribers' webhooks, the owner's email, an emergency alert, the language model's second look.
// Contact details leave the building only with consent: a case payload without it carries the
// consent status (never hidden) but no email or phone.

export interface PipelineEvent {
  type: string;
  data?: unknown;
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
  sql: Sql,
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
  const endpoints = await subscribedEndpoints(sql);
  const wanted = (type: WebhookEventType) => endpoints.some((e) => e.events.includes(type));
  const emit = (type: WebhookEventType, data: Record<string, unknown>) =>
    queueWebhookEvent(sql, jobs, type, data, now, endpoints);
  let alertEmergency = false;
  for (const event of input.events) {
    const data = (event.data ?? {}) as Record<string, unknown>;
    switch (event.type) {
      case "handoff.created": {
        const handoffId = String(data.handoffId);
        if (wanted("handoff.created")) {
          const [handoff] = await sql.query<{
            id: string;
            priority: string;
            due_at: Date;
            rule_id: string | null;
            rule_version: number | null;
            owner_id: string | null;
            owner_name: string | null;
            owner_email: string | null;
            team_id: string | null;
            team_name: string | null;
          }>(
            `SELECT h.id, h.priority, h.due_at, h.rule_id, h.rule_version, u.id AS owner_id, u.name AS owner_name,
                    u.email AS owner_email, t.id AS team_id, t.name AS team_name
               FROM handoffs h LEFT JOIN users u ON u.id = h.owner_id LEFT JOIN teams t ON t.id = h.team_id
              WHERE h.id = $1::uuid`,
            [handoffId],
          );
          if (!handoff) throw new Error(`handoff ${handoffId} vanished inside its own transaction`);
          await emit("handoff.created", {
            handoffId: handoff.id,
            owner: handoff.owner_id
              ? { id: handoff.owner_id, name: handoff.owner_name, email: handoff.owner_email }
              : null,
            team: handoff.team_id ? { id: handoff.team_id, name: handoff.team_name } : null,
            priority: handoff.priority,
            dueAt: new Date(handoff.due_at).toISOString(),
            rule: handoff.rule_id ? { id: handoff.rule_id, version: handoff.rule_version } : null,
            ...base(),
          });
        }
        if (data.ownerId) await jobs.send(sql, "ownerEmail", { handoffId });
        alertEmergency = true;
        break;
      }
      case "exception.raised":
        if (wanted("case.created"))
          await emit("case.created", { caseId: data.caseId, reasons: data.reasons, ...base() });
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
        const [lead] = await sql.query<{
          id: string;
          kind: string;
          name: string | null;
          email: string | null;
          phone_e164: string | null;
          company: string | null;
          owner_id: string | null;
        }>(`SELECT id, kind::text AS kind, name, email, phone_e164, company, owner_id FROM leads WHERE id = $1::uuid`, [
          String(data.leadId),
        ]);
        if (!lead) break;
        const withConsent = input.consentStatus === "given";
        await emit("lead.updated", {
          change: "created",
          lead: {
            id: lead.id,
            kind: lead.kind,
            ownerId: lead.owner_id,
            name: lead.name,
            company: lead.company,
            email: withConsent ? lead.email : null,
            phone: withConsent ? lead.phone_e164 : null,
          },
          ...base(),
        });
        break;
      }
    }
  }
  // One alert per conversation however often it is updated (the message log keys it).
  if (alertEmergency && brief.flags.some((f) => f.flag === "emergency")) {
    await jobs.send(sql, "alert", { kind: "emergency", subjectId: conversationId });
  }
  if (input.modelConfigured) {
    await jobs.send(
      sql,
      "modelAnalysis",
      { conversationId, contentHash: input.contentHash },
      { singletonKey: `${conversationId}:${input.contentHash}` },
    );
  }
}
