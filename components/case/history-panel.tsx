"use client";

import { Button } from "../ui/button";
import { ACTION_LABELS, formatDateTime, type CaseReview } from "./labels";
import { Section } from "./evidence";

// Notes reviewers left, and the case's audit trail, newest first: who did what and when, with the
// state before and after (masked like the rest of the page unless revealed).

function describe(value: unknown): string {
  if (value === null || value === undefined) return "—";
  return JSON.stringify(value, null, 1);
}

export function NotesPanel({ data, onAdd }: { data: CaseReview; onAdd: () => void }) {
  return (
    <Section
      id="notes"
      title="Notes"
      actions={
        data.allowed.act ? (
          <Button variant="ghost" className="h-7 px-2 text-xs" onClick={onAdd}>
            Add note
          </Button>
        ) : null
      }
    >
      {data.notes.length === 0 ? (
        <p className="text-sm text-slate-600">No notes yet.</p>
      ) : (
        <ul className="space-y-2" data-testid="notes-list">
          {data.notes.map((note) => (
            <li key={note.id} className="text-sm">
              <p className="whitespace-pre-wrap break-words text-slate-900">{note.body}</p>
              <p className="text-xs text-slate-600">
                {note.author?.name ?? "Former user"}, {formatDateTime(note.createdAt)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function HistoryPanel({ data }: { data: CaseReview }) {
  return (
    <Section id="history" title="History">
      <ol className="space-y-2" data-testid="history-list">
        {data.history.map((entry) => (
          <li key={entry.id} className="text-sm" data-action={entry.action}>
            <p>
              <span className="font-medium">{entry.actor?.name ?? "System"}</span>{" "}
              {(ACTION_LABELS[entry.action] ?? entry.action).toLowerCase()}
            </p>
            <p className="text-xs text-slate-600">
              <time dateTime={new Date(entry.createdAt).toISOString()}>{formatDateTime(entry.createdAt)}</time>
            </p>
            {entry.before !== null || entry.after !== null ? (
              <details className="mt-0.5 text-xs text-slate-700">
                <summary className="cursor-pointer text-slate-600">Before and after</summary>
                <div className="mt-1 grid grid-cols-2 gap-2">
                  <pre className="overflow-x-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-1 font-mono">
                    {describe(entry.before)}
                  </pre>
                  <pre className="overflow-x-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-1 font-mono">
                    {describe(entry.after)}
                  </pre>
                </div>
              </details>
            ) : null}
          </li>
        ))}
        <li className="text-sm">
          <p>
            <span className="font-medium">Ingest</span> raised the case
          </p>
          <p className="text-xs text-slate-600">{formatDateTime(data.case.createdAt)}</p>
        </li>
      </ol>
    </Section>
  );
}
