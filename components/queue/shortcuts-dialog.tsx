"use client";

import type { Ref } from "react";
import { Button } from "../ui/button";

export const QUEUE_SHORTCUTS: { keys: string[]; action: string }[] = [
  { keys: ["j"], action: "Select the next case" },
  { keys: ["k"], action: "Select the previous case" },
  { keys: ["Enter"], action: "Open the selected case" },
  { keys: ["c"], action: "Claim the selected case and open it" },
  { keys: ["/"], action: "Search" },
  { keys: ["?"], action: "Show these shortcuts" },
  { keys: ["Esc"], action: "Close this dialog, or leave the search box" },
];

/** The queue's keyboard shortcuts, in a native modal dialog (focus moves in and back by itself). */
export function ShortcutsDialog({ ref }: { ref: Ref<HTMLDialogElement> }) {
  return (
    <dialog
      ref={ref}
      aria-labelledby="queue-shortcuts-title"
      className="m-auto w-full max-w-md rounded-lg border border-slate-200 bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
      data-testid="shortcuts-dialog"
    >
      <form method="dialog" className="p-5">
        <h2 id="queue-shortcuts-title" className="text-base font-semibold text-slate-900">
          Keyboard shortcuts
        </h2>
        <dl className="mt-4 space-y-2 text-sm">
          {QUEUE_SHORTCUTS.map((shortcut) => (
            <div key={shortcut.action} className="flex items-center justify-between gap-4">
              <dt className="flex gap-1">
                {shortcut.keys.map((key) => (
                  <kbd
                    key={key}
                    className="min-w-6 rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 text-center font-mono text-xs text-slate-800"
                  >
                    {key}
                  </kbd>
                ))}
              </dt>
              <dd className="text-slate-700">{shortcut.action}</dd>
            </div>
          ))}
        </dl>
        <div className="mt-5 flex justify-end">
          <Button type="submit" variant="secondary" autoFocus>
            Close
          </Button>
        </div>
      </form>
    </dialog>
  );
}
