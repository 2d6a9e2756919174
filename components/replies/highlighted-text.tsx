import { Fragment, type ReactNode } from "react";
import { RISK_LABELS, RISK_NAMES, type PromiseRisk } from "@/server/domain/replies/risk-kinds";

/**
 * The text with each risky span marked and named by its kind ("£2,400 [Pricing]"), the kind shown
 * and read out, not only coloured.
 */
export function HighlightedText({ text, risks }: { text: string; risks: readonly PromiseRisk[] }) {
  const spans = risks
    .filter((r) => r.start >= 0 && r.end <= text.length && r.start < r.end)
    .toSorted((a, b) => a.start - b.start);
  const parts: ReactNode[] = [];
  let cursor = 0;
  for (const [index, risk] of spans.entries()) {
    if (risk.start < cursor) continue;
    parts.push(<Fragment key={`t${index}`}>{text.slice(cursor, risk.start)}</Fragment>);
    parts.push(
      <mark
        key={`m${index}`}
        className="rounded bg-amber-100 px-0.5 text-slate-900 underline decoration-amber-600 decoration-2 underline-offset-2"
        title={`${RISK_NAMES[risk.kind]}: ${RISK_LABELS[risk.kind]}`}
      >
        {text.slice(risk.start, risk.end)}
        <span className="ml-1 rounded bg-amber-200 px-1 align-middle text-[10px] font-semibold uppercase tracking-wide text-amber-900">
          {RISK_NAMES[risk.kind]}
        </span>
      </mark>,
    );
    cursor = risk.end;
  }
  parts.push(<Fragment key="rest">{text.slice(cursor)}</Fragment>);
  return <div className="whitespace-pre-wrap break-words text-sm leading-6 text-slate-800">{parts}</div>;
}

/** The risks as a list: each quote, its kind and why it matters. */
export function RiskList({ risks }: { risks: readonly (PromiseRisk & { field?: string })[] }) {
  return (
    <ul className="space-y-1 text-sm">
      {risks.map((risk, index) => (
        <li key={`${risk.field ?? "body"}-${risk.start}-${index}`} className="text-slate-700">
          <span className="font-semibold text-amber-900">{RISK_NAMES[risk.kind]}</span>
          {risk.field === "subject" ? " (subject)" : ""}: “{risk.quote}” {RISK_LABELS[risk.kind]}.
        </li>
      ))}
    </ul>
  );
}
