"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { HandoffFacts } from "./handoff-facts";
import { Transcript } from "./transcript";
import type { InboxCardItem } from "./types";
import { useMarkResponded } from "./use-mark-responded";

export const LINK_BUTTON =
  "inline-flex h-8 items-center justify-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50";

/** The question the visitor is still waiting on, or that there is none. */
export function UnresolvedQuestion({ question, large = false }: { question: string; large?: boolean }) {
  return (
    <p className={cn("text-slate-800", large ? "text-lg" : "text-base")} data-testid="unresolved-question">
      <span className="font-semibold">Still waiting on: </span>
      {question === "none" ? <span className="text-slate-600">nothing, no question is left open</span> : question}
    </p>
  );
}

/**
 * One handoff in the inbox: what the visitor wants and what they are still waiting on come first,
 * then consent, urgency and the clock, then the actions. The transcript opens in place.
 */
export function InboxCard({ item, now }: { item: InboxCardItem; now: Date | null }) {
  const trpc = useTRPC();
  const ids = { summary: useId(), transcript: useId() };
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<{ tone: "neutral" | "error"; text: string } | null>(null);
  const detail = useQuery(trpc.inbox.get.queryOptions({ handoffId: item.handoffId }, { enabled: open }));
  const markResponded = useMarkResponded((text) => setMessage({ tone: "error", text }));

  return (
    <li>
      <article
        aria-labelledby={ids.summary}
        className="rounded-lg border border-slate-200 bg-white px-5 py-4 shadow-sm"
        data-testid="inbox-card"
        data-handoff-id={item.handoffId}
      >
        <h2 id={ids.summary} className="text-base font-semibold leading-6 text-slate-900" data-testid="summary">
          <Link href={`/inbox/${item.handoffId}`} className="hover:underline" data-inbox-link>
            {item.summary}
          </Link>
        </h2>
        <div className="mt-2">
          <UnresolvedQuestion question={item.unresolvedQuestion} />
        </div>
        <div className="mt-3">
          <HandoffFacts item={item} now={now} />
        </div>
        <div className="mt-4 flex flex-wrap items-center gap-2">
          <Button
            variant="secondary"
            aria-expanded={open}
            aria-controls={ids.transcript}
            onClick={() => setOpen((o) => !o)}
          >
            {open ? "Hide transcript" : "Show transcript"}
          </Button>
          {item.status === "open" ? (
            <>
              <Link href={`/inbox/${item.handoffId}#first-reply`} className={LINK_BUTTON}>
                Write first reply
              </Link>
              <Button
                disabled={markResponded.isPending}
                onClick={() => {
                  setMessage(null);
                  markResponded.mutate({ handoffId: item.handoffId, version: item.version });
                }}
              >
                {markResponded.isPending ? "Marking…" : "Mark responded"}
              </Button>
            </>
          ) : null}
          {item.latestReply?.status === "pending_approval" ? (
            <span className="text-sm text-amber-800">First reply waiting for approval</span>
          ) : null}
        </div>
        <p role="status" aria-live="polite" className="mt-2 min-h-5 text-sm">
          {message ? (
            <span className={message.tone === "error" ? "text-red-700" : "text-slate-700"}>{message.text}</span>
          ) : null}
        </p>
        <div id={ids.transcript} hidden={!open} className="mt-2 border-t border-slate-100 pt-3">
          {open ? (
            detail.isPending ? (
              <div
                className="h-32 animate-pulse rounded bg-slate-100"
                aria-busy="true"
                aria-label="Loading the transcript"
              />
            ) : detail.isError ? (
              <p role="alert" className="text-sm text-red-700">
                Could not load the transcript: {detail.error.message}
              </p>
            ) : (
              <Transcript messages={detail.data.transcript} />
            )
          ) : null}
        </div>
      </article>
    </li>
  );
}

/** A card's shape while the inbox loads, so nothing moves when the handoffs arrive. */
export function InboxCardSkeleton() {
  return (
    <li aria-hidden className="rounded-lg border border-slate-200 bg-white px-5 py-4">
      <div className="h-5 w-4/5 animate-pulse rounded bg-slate-200" />
      <div className="mt-2 h-5 w-3/5 animate-pulse rounded bg-slate-100" />
      <div className="mt-3 space-y-2">
        <div className="h-5 w-2/5 animate-pulse rounded bg-slate-100" />
        <div className="h-5 w-1/3 animate-pulse rounded bg-slate-100" />
        <div className="h-5 w-1/4 animate-pulse rounded bg-slate-100" />
        <div className="h-5 w-2/5 animate-pulse rounded bg-slate-100" />
      </div>
      <div className="mt-4 h-8 w-80 animate-pulse rounded bg-slate-100" />
      <div className="mt-2 h-5" />
    </li>
  );
}
