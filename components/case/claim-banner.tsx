"use client";

import { Lock, LockOpen, ShieldAlert, TimerOff } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { formatDateTime, formatTime, RESOLUTION_LABELS, type CaseReview } from "./labels";

// Who holds the case, in one line of fixed height: "You hold this case", "Held by X" (with Take
// over for managers), "Claim lapsed", or how it was resolved.

export function ClaimBanner({
  data,
  busy,
  onClaim,
  onTakeover,
  onRelease,
}: {
  data: CaseReview;
  busy: boolean;
  onClaim: () => void;
  onTakeover: () => void;
  onRelease: () => void;
}) {
  const { claim, allowed } = data;
  let tone: "mine" | "other" | "idle" | "done" = "idle";
  let icon = <LockOpen aria-hidden className="h-4 w-4" />;
  let text: ReactNode;
  let action: ReactNode = null;

  if (data.case.status === "resolved") {
    tone = "done";
    text = (
      <>
        Resolved: {RESOLUTION_LABELS[data.case.resolution ?? ""] ?? data.case.resolution}
        {data.case.resolvedBy ? ` by ${data.case.resolvedBy.name}` : ""}, {formatDateTime(data.case.resolvedAt)}.
      </>
    );
  } else if (claim.mine) {
    tone = "mine";
    icon = <Lock aria-hidden className="h-4 w-4" />;
    text = <>You hold this case. Others see it is yours; the claim lapses after 15 idle minutes.</>;
    action = (
      <Button variant="secondary" className="h-7 px-2 text-xs" onClick={onRelease} disabled={busy}>
        Release
      </Button>
    );
  } else if (claim.holder && !claim.lapsed) {
    tone = "other";
    icon = <Lock aria-hidden className="h-4 w-4" />;
    text = (
      <>
        Held by <strong>{claim.holder.name}</strong> since {formatTime(claim.claimedAt)}. Only they can act on it.
      </>
    );
    if (allowed.takeover) {
      action = (
        <Button
          variant="secondary"
          className="h-7 px-2 text-xs"
          onClick={onTakeover}
          disabled={busy}
          data-testid="take-over"
        >
          Take over
        </Button>
      );
    }
  } else {
    if (claim.holder && claim.lapsed) {
      icon = <TimerOff aria-hidden className="h-4 w-4" />;
      text = <>Claim lapsed: {claim.holder.name}’s claim expired after 15 idle minutes.</>;
    } else {
      text = <>Nobody holds this case.</>;
    }
    if (allowed.claim) {
      action = (
        <Button className="h-7 px-2 text-xs" onClick={onClaim} disabled={busy} data-testid="claim">
          Claim <kbd className="ml-1 font-mono text-[10px] opacity-80">c</kbd>
        </Button>
      );
    }
  }

  return (
    <div
      className={cn(
        "flex min-h-11 flex-wrap items-center justify-between gap-2 border-b px-6 py-1.5 text-sm",
        tone === "mine" && "border-emerald-200 bg-emerald-50 text-emerald-900",
        tone === "other" && "border-amber-200 bg-amber-50 text-amber-900",
        tone === "idle" && "border-slate-200 bg-white text-slate-800",
        tone === "done" && "border-slate-200 bg-slate-100 text-slate-800",
      )}
      data-testid="claim-banner"
      data-claim={tone}
    >
      <p className="flex items-center gap-2">
        {icon}
        <span>{text}</span>
        {data.case.escalatedAt ? (
          <span className="ml-2 inline-flex items-center gap-1 font-medium text-red-800">
            <ShieldAlert aria-hidden className="h-4 w-4" /> Escalated to a manager
          </span>
        ) : null}
      </p>
      {action}
    </div>
  );
}
