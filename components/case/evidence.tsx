"use client";

import type { ReactNode } from "react";
import { cn } from "../ui/cn";
import type { ViewEvidence } from "./labels";

// Building blocks of the brief: a titled section, a labelled field, and the buttons that show a
// statement's evidence in the transcript (keyboard-activatable like any button).

export type ShowEvidence = (evidence: ViewEvidence) => void;

export function Section({
  id,
  title,
  actions,
  children,
}: {
  id: string;
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="border-b border-slate-200 px-4 py-3" data-testid={id}>
      <div className="mb-2 flex items-center justify-between gap-2">
        <h2 id={`${id}-heading`} className="text-xs font-semibold uppercase tracking-wide text-slate-600">
          {title}
        </h2>
        {actions ? <div className="flex items-center gap-1">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}

/** A statement that links to its evidence: clicking it (or Enter/Space) shows the quote in the transcript. */
export function EvidenceText({
  evidence,
  onShow,
  children,
  className,
  testId,
}: {
  evidence: ViewEvidence[];
  onShow: ShowEvidence;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  const [first, ...more] = evidence;
  if (!first) return <span className={className}>{children}</span>;
  return (
    <span className={cn("inline", className)}>
      <button
        type="button"
        onClick={() => onShow(first)}
        className="rounded-sm text-left underline decoration-slate-400 decoration-dotted underline-offset-2 hover:bg-yellow-50 hover:decoration-solid"
        data-testid={testId}
      >
        {children}
        <span className="sr-only"> (show the evidence in the transcript)</span>
      </button>
      {more.map((e, i) => (
        <button
          key={`${e.message}-${e.start}`}
          type="button"
          onClick={() => onShow(e)}
          className="ml-1 rounded bg-slate-100 px-1 text-[11px] text-slate-700 hover:bg-yellow-100"
          aria-label={`Evidence ${i + 2} of ${evidence.length}`}
        >
          {i + 2}
        </button>
      ))}
    </span>
  );
}

export function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="grid grid-cols-[7.5rem_minmax(0,1fr)] gap-2 py-1 text-sm" data-testid={testId}>
      <dt className="text-slate-600">{label}</dt>
      <dd className="min-w-0 break-words text-slate-900">{children}</dd>
    </div>
  );
}

export function Quote({ evidence, onShow, testId }: { evidence: ViewEvidence; onShow: ShowEvidence; testId?: string }) {
  return (
    <button
      type="button"
      onClick={() => onShow(evidence)}
      className="block w-full rounded border-l-2 border-slate-300 bg-slate-50 px-2 py-1 text-left text-sm italic text-slate-800 hover:border-yellow-400 hover:bg-yellow-50"
      data-testid={testId}
    >
      “{evidence.quote}”<span className="sr-only"> (show in the transcript)</span>
    </button>
  );
}
