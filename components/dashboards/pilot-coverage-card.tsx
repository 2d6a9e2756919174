import { CheckCircle2, CircleDashed, XCircle } from "lucide-react";
import type { ReactNode } from "react";
import { METRICS, type Verdict } from "@/server/domain/metrics/definitions";
import type { Headline } from "@/server/services/dashboards/dashboards";
import { cn } from "../ui/cn";
import { ChangeIndicator } from "./change-indicator";
import { formatCount, formatRate } from "./format";

export const VERDICT_TEXT: Readonly<Record<Verdict, string>> = {
  met: "Pilot bar met",
  not_met: "Below the pilot bar",
  no_data: "No sales chats yet",
};

const VERDICT_STYLE: Readonly<Record<Verdict, { box: string; icon: ReactNode }>> = {
  met: {
    box: "border-emerald-200 bg-emerald-50 text-emerald-900",
    icon: <CheckCircle2 aria-hidden className="h-5 w-5 text-emerald-700" />,
  },
  not_met: {
    box: "border-red-200 bg-red-50 text-red-900",
    icon: <XCircle aria-hidden className="h-5 w-5 text-red-700" />,
  },
  no_data: {
    box: "border-slate-200 bg-slate-50 text-slate-800",
    icon: <CircleDashed aria-hidden className="h-5 w-5 text-slate-500" />,
  },
};

/**
 * The pilot's question, answered first: did at least 80% of sales chats end in a complete handoff
 * or a documented exception? The bar shows the share against the 80% mark. `links` makes the two
 * counts open their conversations (the dashboards); the printed report passes plain text.
 */
export function PilotCoverageCard({
  headline,
  pilot,
  links,
  actions,
}: {
  headline: Headline;
  pilot: { threshold: number; coverage: number | null; verdict: Verdict };
  links?: { numerator: (text: string) => ReactNode; denominator: (text: string) => ReactNode };
  actions?: ReactNode;
}) {
  const metric = METRICS.pilot_coverage;
  const style = VERDICT_STYLE[pilot.verdict];
  const percent = Math.min(100, Math.max(0, (pilot.coverage ?? 0) * 100));
  const numerator = formatCount(headline.current.numerator);
  const denominator = formatCount(headline.current.denominator);
  return (
    <section
      aria-labelledby="pilot-coverage-title"
      className="rounded-lg border border-slate-200 bg-white p-5 shadow-xs"
      data-testid="pilot-card"
      data-verdict={pilot.verdict}
    >
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h2 id="pilot-coverage-title" className="text-sm font-medium text-slate-900">
            {metric.label}
          </h2>
          <p className="mt-0.5 max-w-xl text-xs text-slate-600">{metric.description}</p>
        </div>
        {actions ? <div className="flex shrink-0 items-center gap-2 print:hidden">{actions}</div> : null}
      </div>

      <div className="mt-4 flex flex-wrap items-center gap-x-8 gap-y-4">
        <div className="flex items-baseline gap-3">
          <span className="text-4xl font-semibold tracking-tight text-slate-900 tabular-nums" data-testid="pilot-value">
            {formatRate(pilot.coverage)}
          </span>
          {headline.change === null ? null : <ChangeIndicator change={headline.change} metric={metric} />}
        </div>
        <p
          className={cn("flex items-center gap-2 rounded-md border px-3 py-1.5 text-sm font-semibold", style.box)}
          data-testid="pilot-verdict"
        >
          {style.icon}
          {VERDICT_TEXT[pilot.verdict]}
          <span className="font-normal">(bar: {formatRate(pilot.threshold)})</span>
        </p>
      </div>

      <div className="mt-4 max-w-3xl">
        <div
          className="relative h-2.5 rounded-full bg-slate-100 ring-1 ring-inset ring-slate-200"
          role="meter"
          aria-label="Pilot coverage against the 80% bar"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(percent)}
          aria-valuetext={`${formatRate(pilot.coverage)} of sales chats; the bar is ${formatRate(pilot.threshold)}`}
        >
          <div
            data-print-keep
            className={cn(
              "h-full rounded-full",
              pilot.verdict === "met" ? "bg-emerald-600" : pilot.verdict === "not_met" ? "bg-red-600" : "bg-slate-300",
            )}
            style={{ width: `${percent}%` }}
          />
          <div
            aria-hidden
            data-print-keep
            className="absolute -top-1 h-[18px] w-0.5 bg-slate-900"
            style={{ left: `${pilot.threshold * 100}%` }}
          />
        </div>
        <div aria-hidden className="relative mt-1 h-4 text-[11px] text-slate-600">
          <span className="absolute -translate-x-1/2" style={{ left: `${pilot.threshold * 100}%` }}>
            {formatRate(pilot.threshold)} bar
          </span>
        </div>
      </div>

      <p className="mt-2 text-sm text-slate-700" data-testid="pilot-counts">
        {links ? links.numerator(numerator) : <span className="font-semibold tabular-nums">{numerator}</span>} of{" "}
        {links ? links.denominator(denominator) : <span className="font-semibold tabular-nums">{denominator}</span>}{" "}
        sales chats ended in a complete handoff or a documented exception. Previous period:{" "}
        <span className="tabular-nums">{formatRate(headline.previous.rate)}</span>.
      </p>
    </section>
  );
}
