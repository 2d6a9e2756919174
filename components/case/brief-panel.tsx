"use client";

import { Eye, EyeOff, Pencil } from "lucide-react";
import type { ReactNode } from "react";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import {
  CONSENT_LABELS,
  EDITABLE_FIELDS,
  FLAG_LABELS,
  formatDateTime,
  REASON_LABELS,
  type CaseReview,
  type EditableField,
} from "./labels";
import { EvidenceText, Field, Quote, Section, type ShowEvidence } from "./evidence";

// The brief beside the transcript: why the case is here, what the visitor needs and asks, how
// urgent, who they are and whether they agreed to be contacted, each statement linked to the words
// that support it. A reviewer's edit shows beside the analysis's original, never instead of it.

const FIELD_LABEL = Object.fromEntries(EDITABLE_FIELDS.map((f) => [f.field, f.label])) as Record<EditableField, string>;

function Edited({
  data,
  field,
  original,
  onShow,
  evidence,
  canEdit,
  onEdit,
}: {
  data: CaseReview;
  field: EditableField;
  original: ReactNode;
  evidence: CaseReview["brief"]["flags"][number]["evidence"];
  onShow: ShowEvidence;
  canEdit: boolean;
  onEdit: (field: EditableField) => void;
}) {
  const edit = data.edits[field];
  const originalView = (
    <EvidenceText evidence={evidence} onShow={onShow} testId={`brief-${field}`}>
      {original ?? <span className="text-slate-500">Not stated</span>}
    </EvidenceText>
  );
  return (
    <Field label={FIELD_LABEL[field]} testId={`field-${field}`}>
      {edit ? (
        <>
          <span className="font-medium" data-testid={`edited-${field}`}>
            {edit.value}
          </span>
          <span className="mt-0.5 block text-xs text-slate-600">
            Edited by {edit.editedBy?.name ?? "a former user"}, {formatDateTime(edit.editedAt)}. Original:{" "}
            {originalView}
          </span>
        </>
      ) : (
        originalView
      )}
      {canEdit ? (
        <button
          type="button"
          onClick={() => onEdit(field)}
          className="ml-1.5 inline-flex items-center rounded p-0.5 align-middle text-slate-500 hover:bg-slate-100 hover:text-slate-900"
          aria-label={`Edit ${FIELD_LABEL[field].toLowerCase()}`}
        >
          <Pencil aria-hidden className="h-3.5 w-3.5" />
        </button>
      ) : null}
    </Field>
  );
}

export function BriefPanel({
  data,
  onShow,
  onEdit,
  onReveal,
  onHide,
  revealing,
}: {
  data: CaseReview;
  onShow: ShowEvidence;
  onEdit: (field: EditableField) => void;
  onReveal: () => void;
  onHide: () => void;
  revealing: boolean;
}) {
  const { brief, consent } = data;
  const canEdit = data.allowed.act;
  const edited = (
    field: EditableField,
    original: ReactNode,
    evidence: CaseReview["brief"]["flags"][number]["evidence"],
  ) => (
    <Edited
      data={data}
      field={field}
      original={original}
      evidence={evidence}
      onShow={onShow}
      canEdit={canEdit}
      onEdit={onEdit}
    />
  );
  const consentLabel = CONSENT_LABELS[consent.status] ?? { label: consent.status, tone: "amber" as const };
  const revealControl = data.allowed.reveal ? (
    data.revealed ? (
      <Button variant="ghost" className="h-7 px-2 text-xs" onClick={onHide} data-testid="hide-sensitive">
        <EyeOff aria-hidden className="h-3.5 w-3.5" /> Mask again
      </Button>
    ) : (
      <Button
        variant="secondary"
        className="h-7 px-2 text-xs"
        onClick={onReveal}
        disabled={revealing}
        data-testid="reveal-sensitive"
      >
        <Eye aria-hidden className="h-3.5 w-3.5" /> {revealing ? "Revealing…" : "Reveal"}
      </Button>
    )
  ) : null;

  return (
    <div>
      <Section id="brief-summary" title="Why it needs review">
        <ul className="flex flex-wrap gap-1" aria-label="Reasons">
          {data.case.reasons.map((reason) => (
            <li key={reason}>
              <Badge tone={reason === "emergency" || reason === "consent_refused" ? "red" : "amber"}>
                {REASON_LABELS[reason] ?? reason}
              </Badge>
            </li>
          ))}
        </ul>
        <p className="mt-2 text-sm text-slate-800" data-testid="brief-summary-text">
          {brief.summary}
        </p>
        {brief.flags.length > 0 ? (
          <ul className="mt-2 space-y-1" aria-label="Flags" data-testid="flags">
            {brief.flags.map((flag) => (
              <li key={flag.flag} className="text-sm">
                <EvidenceText evidence={flag.evidence} onShow={onShow} testId={`flag-${flag.flag}`}>
                  <span className="font-medium">{FLAG_LABELS[flag.flag] ?? flag.flag}</span>
                </EvidenceText>
                {flag.model ? (
                  <span className="ml-1 text-xs text-slate-600">
                    (word model, {Math.round(flag.model.probability * 100)}%: {flag.model.words.slice(0, 3).join(", ")})
                  </span>
                ) : null}
                {flag.evidence[0] ? (
                  <span className="mt-0.5 block truncate text-xs italic text-slate-600">
                    “{flag.evidence[0].quote}”
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
      </Section>

      <Section id="brief-need" title="Need">
        <dl>
          {edited("statedNeed", brief.statedNeed?.value, brief.statedNeed?.evidence ?? [])}
          {edited("unresolvedQuestion", brief.unresolvedQuestion?.value, brief.unresolvedQuestion?.evidence ?? [])}
          {edited(
            "urgency",
            <>
              <span className="capitalize">{brief.urgency.level}</span>
              <span className="text-slate-600"> · {brief.urgency.reason}</span>
            </>,
            brief.urgency.evidence,
          )}
          {edited("topic", brief.topic?.label, brief.topic?.evidence ?? [])}
          <Field label="Intent">
            <EvidenceText evidence={brief.intent.evidence} onShow={onShow}>
              <span className="capitalize">{brief.intent.value}</span>
            </EvidenceText>
            {" · "}
            <EvidenceText evidence={brief.customerStatus.evidence} onShow={onShow}>
              {brief.customerStatus.value === "existing" ? "existing customer" : "new or unknown"}
            </EvidenceText>
          </Field>
        </dl>
      </Section>

      <Section id="brief-contact" title="Contact" actions={revealControl}>
        {data.allowed.reveal && !data.revealed ? (
          <p className="mb-1 text-xs text-slate-600">
            Contact details and sensitive data are masked. Each reveal is recorded in the audit log.
          </p>
        ) : null}
        {data.revealed ? (
          <p className="mb-1 text-xs font-medium text-rose-800" role="status">
            Showing masked data. This reveal was recorded in the audit log.
          </p>
        ) : null}
        <dl>
          {edited("contactName", brief.contact.name?.value, brief.contact.name?.evidence ?? [])}
          <Field label="Email">
            <EvidenceText evidence={brief.contact.email?.evidence ?? []} onShow={onShow} testId="contact-email">
              {brief.contact.email?.value ?? data.brief.visitorFields?.email ?? (
                <span className="text-slate-500">Not given</span>
              )}
            </EvidenceText>
          </Field>
          <Field label="Phone">
            <EvidenceText evidence={brief.contact.phone?.evidence ?? []} onShow={onShow} testId="contact-phone">
              {brief.contact.phone?.value ?? data.brief.visitorFields?.phone ?? (
                <span className="text-slate-500">Not given</span>
              )}
            </EvidenceText>
          </Field>
          {edited(
            "company",
            brief.contact.company?.value ?? data.brief.visitorFields?.company,
            brief.contact.company?.evidence ?? [],
          )}
        </dl>
      </Section>

      <Section id="brief-consent" title="Consent to be contacted">
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span data-testid="consent-status">
            <Badge tone={consentLabel.tone}>{consentLabel.label}</Badge>
          </span>
          {data.case.waitingFor === "consent" ? <Badge tone="blue">Consent requested</Badge> : null}
          {consent.fromWidget ? (
            <span className="text-xs text-slate-600">
              Recorded by the chat widget, wording {consent.wordingVersion}
            </span>
          ) : null}
        </div>
        {consent.question ? (
          <div className="mt-2">
            <p className="text-xs text-slate-600">Asked</p>
            <Quote evidence={consent.question} onShow={onShow} />
          </div>
        ) : null}
        {consent.evidence ? (
          <div className="mt-2">
            <p className="text-xs text-slate-600">Visitor’s words</p>
            <Quote evidence={consent.evidence} onShow={onShow} testId="consent-evidence" />
          </div>
        ) : null}
        {consent.history.length > 1 ? (
          <p className="mt-2 text-xs text-slate-600">
            Earlier:{" "}
            {consent.history
              .slice(1)
              .map((r) => `${CONSENT_LABELS[r.status]?.label ?? r.status} (${formatDateTime(r.recordedAt)})`)
              .join(", ")}
          </p>
        ) : null}
      </Section>
    </div>
  );
}
