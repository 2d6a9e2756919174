import type { ReactNode } from "react";
import { cn } from "./cn";

// The pieces of a filter bar (the queue's and the dashboards'): a labelled field, and a select whose
// empty choice means "any", so every filter bar reads and behaves the same.

export const FIELD =
  "h-8 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 placeholder:text-slate-500 disabled:bg-slate-50";

export function Labelled({ label, htmlFor, children }: { label: string; htmlFor: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <label htmlFor={htmlFor} className="text-xs font-medium text-slate-600">
        {label}
      </label>
      {children}
    </div>
  );
}

/**
 * A labelled select over `choices`, with `anyLabel` as the empty choice; `onChange` gets undefined
 * for it. A current value missing from the choices (an old link) stays selectable as `unknownLabel`.
 */
export function FilterSelect({
  id,
  label,
  width,
  value,
  anyLabel,
  choices,
  unknownLabel,
  onChange,
}: {
  id: string;
  label: string;
  /** A Tailwind width class, such as "w-32". */
  width: string;
  value: string | undefined;
  anyLabel: string;
  choices: readonly { value: string; label: string }[] | undefined;
  unknownLabel?: string;
  onChange: (value: string | undefined) => void;
}) {
  const missing = value && choices && !choices.some((choice) => choice.value === value);
  return (
    <Labelled label={label} htmlFor={id}>
      <select
        id={id}
        className={cn(FIELD, width)}
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value || undefined)}
      >
        <option value="">{anyLabel}</option>
        {(choices ?? (value ? [{ value, label: unknownLabel ?? value }] : [])).map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
        {missing && unknownLabel ? <option value={value}>{unknownLabel}</option> : null}
      </select>
    </Labelled>
  );
}

/** A labelled date ("YYYY-MM-DD"); `onChange` gets undefined when it is cleared. */
export function FilterDate({
  id,
  label,
  value,
  min,
  max,
  emphasised,
  onChange,
}: {
  id: string;
  label: string;
  value: string | undefined;
  min?: string;
  max?: string;
  /** Drawn darker, as the dashboards do for a custom range. */
  emphasised?: boolean;
  onChange: (value: string | undefined) => void;
}) {
  return (
    <Labelled label={label} htmlFor={id}>
      <input
        id={id}
        type="date"
        className={cn(FIELD, "w-[8.5rem]", emphasised && "border-slate-900")}
        value={value ?? ""}
        min={min || undefined}
        max={max || undefined}
        onChange={(e) => onChange(e.target.value || undefined)}
      />
    </Labelled>
  );
}
