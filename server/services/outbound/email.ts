import type { Db } from "../../db/client";
import type { Brief } from "../../domain/analysis/types";
import { callInvite, findCallRequest } from "../../domain/intake/call-request";
import { getEnv } from "../../env";
import { logger } from "../../logger";
import { loadRoutingConfig } from "../ingest/routing-config";
import { getMailer } from "./mailer";
import { claimMessage, markFailed, markSent, markSkipped } from "./messages";

// The owner's email for a new handoff: what the visitor wants and what is still open come first,
// then urgency, contact and consent, where they came from, and the link to the case. When the
// visitor asked for a call at a stated time, an .ics invitation for that time is attached.

/** For reviewers (alerts, webhooks): the case page, which finds a case by its conversation's id. */
export function caseUrl(conversationId: string): string {
  return new URL(`/cases/${conversationId}`, getEnv().APP_URL).toString();
}

/** For the owner: their inbox item (owners cannot open cases). */
export function handoffUrl(handoffId: string): string {
  return new URL(`/inbox/${handoffId}`, getEnv().APP_URL).toString();
}

const CONSENT_WORDS: Record<string, string> = {
  given: "given",
  refused: "REFUSED: do not contact",
  unclear: "UNCLEAR: confirm before contacting",
  not_asked: "NOT ASKED: confirm before contacting",
  withdrawn: "WITHDRAWN: do not contact",
};

export interface OwnerEmail {
  to: string;
  subject: string;
  text: string;
  ics: string | null;
}

export function composeOwnerEmail(input: {
  handoffId: string;
  conversationId: string;
  owner: { name: string; email: string };
  brief: Brief;
  messages: { role: string; text: string; at?: string | null }[];
  consentStatus: string;
  consentQuote: string | null;
  dueAt: Date;
  timeZone: string;
  receivedAt: Date;
  from: string;
  now: Date;
}): OwnerEmail {
  const { brief } = input;
  const need = brief.statedNeed?.value ?? "not stated";
  const question = brief.unresolvedQuestion?.value ?? "none";
  const contact = brief.contact;
  const campaign = brief.source.campaign;
  const due = new Intl.DateTimeFormat("en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: input.timeZone,
  }).format(input.dueAt);
  const call = findCallRequest(input.messages, { timeZone: input.timeZone, receivedAt: input.receivedAt });
  const lines = [
    `Needs: ${need}`,
    `Unresolved question: ${question}`,
    "",
    `Summary: ${brief.summary}`,
    `Urgency: ${brief.urgency.level}${brief.urgency.reason ? ` (${brief.urgency.reason})` : ""}`,
    call ? `Asked for a call: "${call.quote}" (invitation attached)` : null,
    `Respond by: ${due} (${input.timeZone})`,
    "",
    `Contact: ${[contact.name?.value, contact.company?.value].filter(Boolean).join(", ") || "name not given"}`,
    contact.email ? `Email: ${contact.email.value}` : null,
    contact.phone ? `Phone: ${contact.phone.e164 ?? contact.phone.value}` : null,
    `Consent to be contacted: ${CONSENT_WORDS[input.consentStatus] ?? input.consentStatus}${
      input.consentQuote ? ` ("${input.consentQuote}")` : ""
    }`,
    "",
    `Page: ${brief.source.pageUrl ?? "unknown"}`,
    campaign ? `Campaign: ${[campaign.source, campaign.medium, campaign.campaign].filter(Boolean).join(" / ")}` : null,
    "",
    `Open it in your inbox: ${handoffUrl(input.handoffId)}`,
    "",
    "Nothing has been promised to this visitor about price, timing, scope or results. Please keep it that way in your first reply.",
  ].filter((line) => line !== null);
  const ics = call
    ? callInvite({
        uid: `${input.handoffId}@handoff-desk`,
        startsAt: call.startsAt,
        minutes: 30,
        summary: `Call ${contact.name?.value ?? "website visitor"}: ${need}`.slice(0, 200),
        description: `${brief.summary}\nUnresolved question: ${question}\n${handoffUrl(input.handoffId)}`,
        organizer: addressOf(input.from),
        attendee: input.owner.email,
        now: input.now,
      })
    : null;
  return {
    to: input.owner.email,
    subject: `New handoff: ${need}`.slice(0, 140),
    text: lines.join("\n"),
    ics,
  };
}

function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from;
}

export type EmailResult = "sent" | "already_sent" | "skipped";

/** The job: email the owner of a handoff, once. Throws (to be retried) when the SMTP server fails. */
export async function sendOwnerEmail(db: Db, job: { handoffId: string }): Promise<EmailResult> {
  const handoff = await db.handoff.findUnique({
    where: { id: job.handoffId },
    select: {
      id: true,
      status: true,
      dueAt: true,
      createdAt: true,
      owner: { select: { id: true, name: true, email: true, active: true } },
      conversation: {
        select: {
          id: true,
          brief: true,
          messages: true,
          consentRecords: { orderBy: { recordedAt: "desc" }, take: 1, select: { status: true, words: true } },
        },
      },
    },
  });
  if (!handoff) return "skipped";
  const claim = await claimMessage(db, {
    channel: "email",
    kind: "handoff_owner",
    // Once per owner of the handoff: a handoff handed back to someone else tells them too.
    dedupeKey: `email:handoff_owner:${handoff.id}:${handoff.owner?.id ?? "none"}`,
    recipient: handoff.owner?.email ?? null,
    subject: null,
  });
  if (claim.alreadySent) return "already_sent";
  const mailer = await getMailer(db);
  const skip = !mailer
    ? "email is not set up (settings or SMTP_URL)"
    : !handoff.owner?.active
      ? "the handoff has no active owner"
      : handoff.status !== "open"
        ? "the handoff was withdrawn before the email went out"
        : null;
  if (skip) {
    await markSkipped(db, claim.id, skip);
    return "skipped";
  }
  const routing = await loadRoutingConfig(db);
  const email = composeOwnerEmail({
    handoffId: handoff.id,
    conversationId: handoff.conversation.id,
    owner: handoff.owner!,
    brief: handoff.conversation.brief as unknown as Brief,
    messages: handoff.conversation.messages as unknown as { role: string; text: string; at?: string | null }[],
    consentStatus: handoff.conversation.consentRecords[0]?.status ?? "not_asked",
    consentQuote: handoff.conversation.consentRecords[0]?.words ?? null,
    dueAt: handoff.dueAt,
    timeZone: routing.config.businessHours.timeZone,
    receivedAt: handoff.createdAt,
    from: mailer!.from,
    now: new Date(),
  });
  await db.outboundMessage.update({ where: { id: claim.id }, data: { subject: email.subject } });
  try {
    const info = await mailer!.send({
      to: email.to,
      subject: email.subject,
      text: email.text,
      icalEvent: email.ics ? { method: "REQUEST", filename: "call.ics", content: email.ics } : undefined,
    });
    await markSent(db, claim.id, info.messageId ?? null);
    return "sent";
  } catch (error) {
    await markFailed(db, claim.id, error);
    logger.warn("owner email failed; will retry", { handoffId: handoff.id, err: error });
    throw error;
  }
}
