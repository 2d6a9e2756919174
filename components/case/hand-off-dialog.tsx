"use client";

import { useState } from "react";
import { DialogForm, inputClass, labelClass } from "../ui/dialog";
import { CONSENT_LABELS, type CaseReview, type Candidate } from "./labels";

// Approve (routing's owner prefilled, editable) or reassign (another owner, with the reason that
// counts toward the wrong-owner rate). Either contacts the visitor through an owner, so consent
// must be given, or confirmed here by the reviewer from the transcript; a refusal blocks both.

export interface HandOffValues {
  ownerId: string;
  reason: string;
  consentConfirmed: boolean | undefined;
}

function OwnerOptions({
  candidates,
  suggestedId,
  teamName,
}: {
  candidates: Candidate[];
  suggestedId: string | null;
  teamName: string | null;
}) {
  const label = (c: Candidate) => `${c.name}${c.id === suggestedId ? " (suggested)" : ""} · ${c.role}`;
  const team = candidates.filter((c) => c.inSuggestedTeam);
  const rest = candidates.filter((c) => !c.inSuggestedTeam);
  return (
    <>
      {team.length > 0 ? (
        <optgroup label={`${teamName ?? "Suggested team"} (suggested team)`}>
          {team.map((c) => (
            <option key={c.id} value={c.id}>
              {label(c)}
            </option>
          ))}
        </optgroup>
      ) : null}
      <optgroup label={team.length > 0 ? "Everyone else" : "Owners"}>
        {rest.map((c) => (
          <option key={c.id} value={c.id}>
            {label(c)}
          </option>
        ))}
      </optgroup>
    </>
  );
}

export function HandOffDialog({
  mode,
  data,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  mode: "approve" | "reassign";
  data: CaseReview;
  busy: boolean;
  error: string | null;
  onSubmit: (values: HandOffValues) => void;
  onCancel: () => void;
}) {
  const suggestedId = data.routing.suggestedOwner?.id ?? null;
  const candidates = mode === "reassign" ? data.candidates.filter((c) => c.id !== suggestedId) : data.candidates;
  const [ownerId, setOwnerId] = useState(mode === "approve" && suggestedId ? suggestedId : "");
  const [reason, setReason] = useState("");
  const [confirmed, setConfirmed] = useState(false);
  const consent = data.consent.status;
  const refused = consent === "refused";
  const needsConfirmation = consent !== "given" && !refused;
  const changedOwner = mode === "approve" && suggestedId !== null && ownerId !== "" && ownerId !== suggestedId;
  const reasonShort = mode === "reassign" && reason.trim().length < 3;
  const missing = !ownerId || reasonShort || (needsConfirmation && !confirmed);

  return (
    <DialogForm
      onSubmit={() => onSubmit({ ownerId, reason, consentConfirmed: needsConfirmation ? confirmed : undefined })}
      onCancel={onCancel}
      submitLabel={mode === "approve" ? "Approve handoff" : "Reassign"}
      busy={busy}
      error={error}
      disabled={refused || missing}
    >
      {refused ? (
        <p
          className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
          data-testid="consent-refused"
        >
          The visitor refused to be contacted, so no owner may contact them. Request consent instead.
        </p>
      ) : null}
      <div>
        <label htmlFor="handoff-owner" className={labelClass}>
          Owner
        </label>
        <select
          id="handoff-owner"
          className={inputClass}
          value={ownerId}
          onChange={(e) => setOwnerId(e.target.value)}
          required
          data-testid="owner-select"
        >
          <option value="" disabled>
            Choose an owner…
          </option>
          <OwnerOptions
            candidates={candidates}
            suggestedId={suggestedId}
            teamName={data.routing.suggestedTeam?.name ?? null}
          />
        </select>
        {mode === "approve" && suggestedId ? (
          <p className="mt-1 text-xs text-slate-600">
            Routing suggested {data.routing.suggestedOwner?.name} by rule {data.routing.rule?.id} (version{" "}
            {data.routing.rule?.version}).
            {changedOwner ? " Choosing someone else counts as a reassignment of that rule's choice." : ""}
          </p>
        ) : null}
      </div>
      {mode === "reassign" ? (
        <div>
          <label htmlFor="handoff-reason" className={labelClass}>
            Reason
          </label>
          <textarea
            id="handoff-reason"
            className={inputClass}
            rows={3}
            minLength={3}
            maxLength={500}
            required
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-describedby="handoff-reason-help"
          />
          <p id="handoff-reason-help" className="mt-1 text-xs text-slate-600">
            3 to 500 characters. Counts toward the wrong-owner rate of rule {data.routing.rule?.id ?? "—"} (version{" "}
            {data.routing.rule?.version ?? "—"}).
          </p>
        </div>
      ) : null}
      {needsConfirmation ? (
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-1"
            checked={confirmed}
            onChange={(e) => setConfirmed(e.target.checked)}
            data-testid="consent-confirm"
          />
          <span>
            Consent is <strong>{CONSENT_LABELS[consent]?.label.toLowerCase() ?? consent}</strong>. I read in the
            transcript that the visitor agreed to be contacted.
          </span>
        </label>
      ) : null}
    </DialogForm>
  );
}
