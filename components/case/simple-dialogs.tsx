"use client";

import { useState } from "react";
import { DialogForm, inputClass, labelClass } from "../ui/dialog";

// The small dialogs: a confirmation (spam, request consent), a text (note, escalation reason) and
// the keyboard help.

export function ConfirmDialog({
  text,
  submitLabel,
  danger,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  text: string;
  submitLabel: string;
  danger?: boolean;
  busy: boolean;
  error: string | null;
  onSubmit: () => void;
  onCancel: () => void;
}) {
  return (
    <DialogForm
      onSubmit={onSubmit}
      onCancel={onCancel}
      submitLabel={submitLabel}
      busy={busy}
      error={error}
      danger={danger}
    >
      <p className="text-sm text-slate-700">{text}</p>
    </DialogForm>
  );
}

export function TextDialog({
  label,
  help,
  minLength,
  maxLength,
  submitLabel,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  label: string;
  help: string;
  minLength: number;
  maxLength: number;
  submitLabel: string;
  busy: boolean;
  error: string | null;
  onSubmit: (text: string) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState("");
  return (
    <DialogForm
      onSubmit={() => onSubmit(text)}
      onCancel={onCancel}
      submitLabel={submitLabel}
      busy={busy}
      error={error}
      disabled={text.trim().length < minLength}
    >
      <div>
        <label htmlFor="dialog-text" className={labelClass}>
          {label}
        </label>
        <textarea
          id="dialog-text"
          className={inputClass}
          rows={4}
          minLength={minLength}
          maxLength={maxLength}
          required
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-describedby="dialog-text-help"
        />
        <p id="dialog-text-help" className="mt-1 text-xs text-slate-600">
          {help}
        </p>
      </div>
    </DialogForm>
  );
}

const SHORTCUTS = [
  ["c", "Claim the case"],
  ["a", "Approve the handoff"],
  ["r", "Reassign to another owner"],
  ["m", "Merge with an existing lead"],
  ["s", "Mark as spam"],
  ["?", "Show this help"],
  ["Esc", "Close a dialog"],
] as const;

export function HelpContent({ onClose }: { onClose: () => void }) {
  return (
    <div>
      <dl className="grid grid-cols-[4rem_1fr] gap-y-1.5 text-sm" data-testid="shortcut-list">
        {SHORTCUTS.map(([key, what]) => (
          <div key={key} className="contents">
            <dt>
              <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs">{key}</kbd>
            </dt>
            <dd className="text-slate-700">{what}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 text-xs text-slate-600">
        Shortcuts are off while you type in a field or work in a dialog. In the queue, j and k move between cases and
        Enter opens one.
      </p>
      <div className="mt-4 flex justify-end">
        <button
          type="button"
          onClick={onClose}
          className="h-8 rounded-md bg-slate-900 px-3 text-sm font-medium text-white hover:bg-slate-700"
        >
          Close
        </button>
      </div>
    </div>
  );
}
