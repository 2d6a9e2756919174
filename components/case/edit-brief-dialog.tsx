"use client";

import { useState } from "react";
import { DialogForm, inputClass, labelClass } from "../ui/dialog";
import { EDITABLE_FIELDS, type CaseReview, type EditableField } from "./labels";

// Correct one field of the brief. The analysis's original stays as it was and is shown beside the
// edit wherever the brief appears.

function originalValue(data: CaseReview, field: EditableField): string | null {
  const { brief } = data;
  switch (field) {
    case "statedNeed":
      return brief.statedNeed?.value ?? null;
    case "unresolvedQuestion":
      return brief.unresolvedQuestion?.value ?? null;
    case "urgency":
      return brief.urgency.level;
    case "topic":
      return brief.topic?.label ?? null;
    case "contactName":
      return brief.contact.name?.value ?? null;
    case "company":
      return brief.contact.company?.value ?? null;
  }
}

export function EditBriefDialog({
  data,
  initialField,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  data: CaseReview;
  initialField: EditableField;
  busy: boolean;
  error: string | null;
  onSubmit: (values: { field: EditableField; value: string }) => void;
  onCancel: () => void;
}) {
  const [field, setField] = useState<EditableField>(initialField);
  const current = (f: EditableField) => data.edits[f]?.value ?? originalValue(data, f) ?? "";
  const [value, setValue] = useState(() => current(initialField));
  const original = originalValue(data, field);

  return (
    <DialogForm
      onSubmit={() => onSubmit({ field, value })}
      onCancel={onCancel}
      submitLabel="Save edit"
      busy={busy}
      error={error}
      disabled={value.trim().length === 0}
    >
      <div>
        <label htmlFor="edit-field" className={labelClass}>
          Field
        </label>
        <select
          id="edit-field"
          className={inputClass}
          value={field}
          onChange={(e) => {
            const next = e.target.value as EditableField;
            setField(next);
            setValue(current(next));
          }}
        >
          {EDITABLE_FIELDS.map((f) => (
            <option key={f.field} value={f.field}>
              {f.label}
            </option>
          ))}
        </select>
      </div>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <div>
          <p className={labelClass}>Original (kept)</p>
          <p className="mt-1 rounded-md bg-slate-50 px-2.5 py-1.5 text-sm text-slate-800" data-testid="edit-original">
            {original ?? <span className="text-slate-500">Not stated</span>}
          </p>
        </div>
        <div>
          <label htmlFor="edit-value" className={labelClass}>
            Your edit
          </label>
          {field === "urgency" ? (
            <select id="edit-value" className={inputClass} value={value} onChange={(e) => setValue(e.target.value)}>
              {["low", "normal", "high"].map((level) => (
                <option key={level} value={level}>
                  {level}
                </option>
              ))}
            </select>
          ) : (
            <textarea
              id="edit-value"
              className={inputClass}
              rows={3}
              maxLength={2000}
              value={value}
              onChange={(e) => setValue(e.target.value)}
            />
          )}
        </div>
      </div>
    </DialogForm>
  );
}
