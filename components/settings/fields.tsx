"use client";

import { useState, type ReactNode } from "react";
import type { z } from "zod";
import { cn } from "../ui/cn";
import { FIELD } from "../ui/filter-field";

// Small form pieces of the routing editor: a labelled field with its error, checkbox groups and
// comma-separated lists. Errors come from the same zod schema the server checks, keyed by path.

export type Issues = ReadonlyMap<string, string>;

/** The first issue per path of a document under its schema (the server's own), keyed "rules.2.slaMinutes". */
export function issuesOf(schema: z.ZodType, document: unknown): Map<string, string> {
  const parsed = schema.safeParse(document);
  const issues = new Map<string, string>();
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const path = issue.path.join(".");
      if (!issues.has(path)) issues.set(path, issue.message);
    }
  return issues;
}

/** The issues under `prefix`, keyed by the rest of their path ("" for the prefix itself). */
export function issuesUnder(issues: Issues, prefix: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, message] of issues) {
    if (path === prefix) out.set("", message);
    else if (path.startsWith(`${prefix}.`)) out.set(path.slice(prefix.length + 1), message);
  }
  return out;
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-0.5 text-xs text-red-700" data-testid="field-error">
      {message}
    </p>
  );
}

export function Field({
  label,
  htmlFor,
  error,
  hint,
  className,
  children,
}: {
  label: string;
  htmlFor: string;
  error?: string;
  hint?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={cn("flex flex-col gap-0.5", className)}>
      <label htmlFor={htmlFor} className="text-xs font-medium text-slate-600">
        {label}
      </label>
      {children}
      {hint && !error ? <p className="text-xs text-slate-500">{hint}</p> : null}
      <FieldError id={`${htmlFor}-error`} message={error} />
    </div>
  );
}

export function CheckboxGroup<T extends string>({
  legend,
  options,
  value,
  error,
  onChange,
}: {
  legend: string;
  options: readonly { value: T; label: string }[];
  value: readonly T[];
  error?: string;
  onChange: (next: T[]) => void;
}) {
  return (
    <fieldset>
      <legend className="sr-only">{legend}</legend>
      <div className="flex flex-wrap gap-x-3 gap-y-1">
        {options.map((option) => (
          <label key={option.value} className="inline-flex items-center gap-1 text-sm text-slate-800">
            <input
              type="checkbox"
              checked={value.includes(option.value)}
              onChange={(e) =>
                onChange(e.target.checked ? [...value, option.value] : value.filter((item) => item !== option.value))
              }
            />
            {option.label}
          </label>
        ))}
      </div>
      <FieldError id={`${legend}-error`} message={error} />
    </fieldset>
  );
}

/** A list typed as "a, b, c": the text is kept as typed; the list is what reaches the rule. */
export function ListInput({
  id,
  value,
  error,
  placeholder,
  upperCase,
  label,
  onChange,
}: {
  id: string;
  value: readonly string[];
  error?: string;
  placeholder?: string;
  upperCase?: boolean;
  label: string;
  onChange: (next: string[]) => void;
}) {
  const joined = value.join(", ");
  const [text, setText] = useState(joined);
  const [seen, setSeen] = useState(joined);
  // Another change to the list (an undo, a reload) replaces the text; typing does not fight it.
  if (seen !== joined) {
    setSeen(joined);
    if (parseList(text, upperCase).join(", ") !== joined) setText(joined);
  }
  return (
    <>
      <input
        id={id}
        type="text"
        aria-label={label}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={cn(FIELD, "w-full")}
        placeholder={placeholder}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onChange(parseList(e.target.value, upperCase));
        }}
      />
      <FieldError id={`${id}-error`} message={error} />
    </>
  );
}

function parseList(text: string, upperCase?: boolean): string[] {
  return text
    .split(",")
    .map((item) => (upperCase ? item.trim().toUpperCase() : item.trim()))
    .filter(Boolean);
}
