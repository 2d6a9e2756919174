"use client";

import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { formatDateTime, pagePath, type CaseReview } from "./labels";
import { Field, Section } from "./evidence";

// Where the visitor came from, whom routing would give them to and by which rule, and whether we
// already know them: the linked lead or customer, possible duplicates with the reasons, and merges
// made on this case (each can be undone while the case is open).

type Lead = NonNullable<CaseReview["lead"]["linked"]>;

function LeadCard({ lead, testId }: { lead: Lead; testId?: string }) {
  return (
    <div className="text-sm" data-testid={testId}>
      <div className="flex flex-wrap items-center gap-1.5">
        <span className="font-medium">{lead.name ?? "No name"}</span>
        <Badge tone={lead.kind === "customer" ? "green" : "neutral"}>
          {lead.kind === "customer" ? "Customer" : "Lead"}
        </Badge>
        {lead.mergedIntoId ? <Badge>Merged</Badge> : null}
      </div>
      <div className="text-xs text-slate-600">
        {[lead.company, lead.email, lead.phone].filter(Boolean).join(" · ") || "No details"}
        {lead.ownerName ? ` · account owner ${lead.ownerName}` : null}
      </div>
    </div>
  );
}

export function LeadPanel({
  data,
  onMerge,
  onUndo,
  busy,
}: {
  data: CaseReview;
  onMerge: (leadId: string) => void;
  onUndo: (mergeId: string) => void;
  busy: boolean;
}) {
  const { linked, duplicates, merges } = data.lead;
  const canAct = data.allowed.act;
  return (
    <Section id="lead-match" title="Lead or customer match">
      {linked ? (
        <div>
          <p className="text-xs text-slate-600">This conversation’s lead</p>
          <LeadCard lead={linked} testId="linked-lead" />
        </div>
      ) : (
        <p className="text-sm text-slate-600">No lead yet: the visitor left no email or phone.</p>
      )}
      {duplicates.length > 0 ? (
        <div className="mt-3">
          <p className="text-xs text-slate-600">Possible duplicates</p>
          <ul className="mt-1 space-y-2">
            {duplicates.map((d) => (
              <li
                key={d.lead.id}
                className="flex items-start justify-between gap-2 rounded border border-slate-200 p-2"
                data-testid={`duplicate-${d.lead.id}`}
              >
                <div className="min-w-0">
                  <LeadCard lead={d.lead} />
                  <p className="text-xs text-slate-700">
                    Match {Math.round(d.score * 100)}%: {d.reasons.join(", ")}
                  </p>
                </div>
                {canAct && linked && !d.lead.mergedIntoId && d.lead.id !== linked.id ? (
                  <Button variant="secondary" className="h-7 shrink-0 px-2 text-xs" onClick={() => onMerge(d.lead.id)}>
                    Merge…
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {merges.length > 0 ? (
        <div className="mt-3">
          <p className="text-xs text-slate-600">Merges on this case</p>
          <ul className="mt-1 space-y-1 text-sm">
            {merges.map((m) => (
              <li key={m.id} className="flex items-center justify-between gap-2" data-testid={`merge-${m.id}`}>
                <span className="min-w-0">
                  {m.from?.name ?? "Lead"} into {m.into?.name ?? "lead"} by {m.mergedBy?.name ?? "—"},{" "}
                  {formatDateTime(m.createdAt)}
                  {m.undoneAt ? ` · undone by ${m.undoneBy?.name ?? "—"}` : null}
                </span>
                {!m.undoneAt && canAct ? (
                  <Button
                    variant="secondary"
                    className="h-7 shrink-0 px-2 text-xs"
                    disabled={busy}
                    onClick={() => onUndo(m.id)}
                  >
                    Undo merge
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Section>
  );
}

export function RoutingPanel({ data }: { data: CaseReview }) {
  const { routing, conversation, handoff } = data;
  const campaign = conversation.campaign
    ? Object.entries(conversation.campaign)
        .filter(([, v]) => v)
        .map(([k, v]) => `${k}: ${v}`)
        .join(", ")
    : null;
  return (
    <>
      <Section id="routing" title="Suggested owner">
        <dl>
          <Field label="Owner" testId="suggested-owner">
            {routing.suggestedOwner?.name ?? <span className="text-slate-600">Nobody found</span>}
            {routing.suggestedTeam ? <span className="text-slate-600"> · {routing.suggestedTeam.name}</span> : null}
          </Field>
          <Field label="Chosen by" testId="routing-rule">
            {routing.rule ? (
              <>
                {routing.rule.name ?? routing.rule.id}{" "}
                <span className="text-xs text-slate-600">
                  (rule {routing.rule.id}, version {routing.rule.version})
                </span>
                {routing.rule.assign ? (
                  <span className="block text-xs text-slate-600">
                    Assigns to {routing.rule.assign}
                    {routing.rule.slaMinutes ? `, respond within ${routing.rule.slaMinutes} minutes` : ""}
                  </span>
                ) : null}
              </>
            ) : (
              "—"
            )}
          </Field>
          <Field label="Respond by">{formatDateTime(data.case.dueAt)}</Field>
          {handoff ? (
            <Field label="Handoff" testId="handoff">
              {handoff.owner?.name ?? "No owner"} · {handoff.status}
            </Field>
          ) : null}
        </dl>
      </Section>
      <Section id="source" title="Source">
        <dl>
          <Field label="Page">
            {conversation.pageUrl ? (
              <a
                href={conversation.pageUrl}
                target="_blank"
                rel="noreferrer noopener"
                className="text-blue-700 underline underline-offset-2"
              >
                {pagePath(conversation.pageUrl)}
              </a>
            ) : (
              "—"
            )}
          </Field>
          {conversation.referrer ? <Field label="Referrer">{conversation.referrer}</Field> : null}
          <Field label="Campaign">{campaign || "—"}</Field>
          <Field label="Chat">
            {conversation.source.name} · received {formatDateTime(conversation.receivedAt)}
          </Field>
        </dl>
      </Section>
    </>
  );
}
