import { ArrowDownRight, ArrowRight, ArrowUpRight } from "lucide-react";
import type { MetricDefinition } from "@/server/domain/metrics/definitions";
import { cn } from "../ui/cn";
import { formatChange } from "./format";

const TONES = {
  better: "text-emerald-700",
  worse: "text-red-700",
  flat: "text-slate-600",
  none: "text-slate-500",
} as const;

/** The change against the previous period: an arrow for the direction, green when that is good. */
export function ChangeIndicator({
  change,
  metric,
  className,
}: {
  change: number | null;
  metric: Pick<MetricDefinition, "kind" | "better">;
  className?: string;
}) {
  const formatted = formatChange(change, metric);
  const Icon =
    formatted.direction === "up" ? ArrowUpRight : formatted.direction === "down" ? ArrowDownRight : ArrowRight;
  const spoken =
    formatted.tone === "none"
      ? "No previous data to compare"
      : formatted.tone === "flat"
        ? "No change from the previous period"
        : `${formatted.text} from the previous period, ${formatted.tone}`;
  return (
    <span
      className={cn(
        "inline-flex items-center gap-0.5 text-xs font-medium tabular-nums",
        TONES[formatted.tone],
        className,
      )}
      data-testid="change"
      data-tone={formatted.tone}
      title={spoken}
    >
      {formatted.tone === "none" ? null : <Icon aria-hidden className="h-3.5 w-3.5" />}
      <span aria-hidden>{formatted.text}</span>
      <span className="sr-only">{spoken}</span>
    </span>
  );
}
