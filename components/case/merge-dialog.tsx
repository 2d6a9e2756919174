"use client";

import { useState } from "react";
import { DialogForm, inputClass, labelClass } from "../ui/dialog";
import type { CaseReview } from "./labels";

// Merge this conversation's lead into an existing one, choosing each field side by side. The kept
// lead is the existing one; the merge can be undone from the case while it is open.

const FIELDS = [
  { key: "name", label: "Name" },
  { key: "email", label: "Email" },
  { key: "phone", label: "Phone" },
  { key: "company", label: "Company" },
] as const;
type FieldKey = (typeof FIELDS)[number]["key"];
export type MergeChoices = Record<FieldKey, "from" | "into">;

export function MergeDialog({
  data,
  initialLeadId,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  data: CaseReview;
  initialLeadId: string | null;
  busy: boolean;
  error: string | null;
  onSubmit: (values: { intoLeadId: string; choices: MergeChoices }) => void;
  onCancel: () => void;
}) {
  const from = data.lead.linked;
  const options = data.lead.duplicates.filter((d) => !d.lead.mergedIntoId && d.lead.id !== from?.id);
  const [intoLeadId, setIntoLeadId] = useState(initialLeadId ?? options[0]?.lead.id ?? "");
  const leadById = (id: string) => options.find((d) => d.lead.id === id)?.lead ?? null;
  const into = leadById(intoLeadId);
  // By default the existing lead keeps its values, except where it has none and this one does.
  const defaultsFor = (target: typeof into): MergeChoices =>
    Object.fromEntries(FIELDS.map(({ key }) => [key, !target?.[key] && from?.[key] ? "from" : "into"])) as MergeChoices;
  const [choices, setChoices] = useState<MergeChoices>(() => defaultsFor(into));

  if (!from || options.length === 0) {
    return (
      <DialogForm onSubmit={onCancel} onCancel={onCancel} submitLabel="Close" busy={false} error={null}>
        <p className="text-sm text-slate-700">
          {from
            ? "There is no possible duplicate to merge with."
            : "This conversation has no lead of its own to merge."}
        </p>
      </DialogForm>
    );
  }

  return (
    <DialogForm
      onSubmit={() => onSubmit({ intoLeadId, choices })}
      onCancel={onCancel}
      submitLabel="Merge leads"
      busy={busy}
      error={error}
      disabled={!into}
    >
      <div>
        <label htmlFor="merge-into" className={labelClass}>
          Merge into
        </label>
        <select
          id="merge-into"
          className={inputClass}
          value={intoLeadId}
          onChange={(e) => {
            setIntoLeadId(e.target.value);
            setChoices(defaultsFor(leadById(e.target.value)));
          }}
        >
          {options.map((d) => (
            <option key={d.lead.id} value={d.lead.id}>
              {d.lead.name ?? "No name"}
              {d.lead.company ? `, ${d.lead.company}` : ""} ({Math.round(d.score * 100)}% match)
            </option>
          ))}
        </select>
      </div>
      <table className="w-full text-left text-sm" data-testid="merge-fields">
        <caption className="mb-1 text-left text-xs text-slate-600">
          For each field, choose the value the kept lead ends with.
        </caption>
        <thead className="text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="py-1 pr-2 font-medium">
              Field
            </th>
            <th scope="col" className="py-1 pr-2 font-medium">
              This conversation’s lead
            </th>
            <th scope="col" className="py-1 font-medium">
              Existing lead (kept)
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {FIELDS.map(({ key, label }) => (
            <tr key={key}>
              <th scope="row" className="py-1.5 pr-2 font-medium">
                {label}
              </th>
              {(["from", "into"] as const).map((side) => {
                const lead = side === "from" ? from : into;
                return (
                  <td key={side} className="py-1.5 pr-2">
                    <label className="flex items-start gap-1.5">
                      <input
                        type="radio"
                        name={`merge-${key}`}
                        value={side}
                        checked={choices[key] === side}
                        onChange={() => setChoices((c) => ({ ...c, [key]: side }))}
                        className="mt-1"
                      />
                      <span className="min-w-0 break-words">
                        <span className="sr-only">
                          {label} from {side === "from" ? "this conversation’s lead" : "the existing lead"}:{" "}
                        </span>
                        {lead?.[key] ?? <span className="text-slate-500">empty</span>}
                      </span>
                    </label>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-xs text-slate-600">
        The conversation’s lead is marked as merged and its conversations move to the kept lead. You can undo the merge
        from this case.
      </p>
    </DialogForm>
  );
}
