"use client";

import { Button } from "../ui/button";

/** A secret shown once, right after it was made: the value, a copy button, and the warning. */
export function SecretOnce({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="space-y-1">
      <p className="text-xs font-medium text-slate-600">{label}</p>
      <div className="flex items-start gap-2">
        <code className="min-w-0 flex-1 break-all rounded-md bg-slate-100 px-3 py-2 text-sm" data-testid={testId}>
          {value}
        </code>
        <Button variant="secondary" onClick={() => void navigator.clipboard?.writeText(value)}>
          Copy
        </Button>
      </div>
    </div>
  );
}

export const SHOWN_ONCE = "Copy it now: it is shown only this once and cannot be read back.";
