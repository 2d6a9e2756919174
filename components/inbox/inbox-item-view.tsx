"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { FirstReplyComposer } from "../replies/first-reply-composer";
import { Button } from "../ui/button";
import { HandoffFacts } from "./handoff-facts";
import { UnresolvedQuestion } from "./inbox-card";
import { LocalTime, useNow } from "./local-time";
import { Transcript } from "./transcript";
import type { InboxDetail } from "./types";
import { useMarkResponded } from "./use-mark-responded";

/**
 * One handoff, whole: the summary and the open question first, then consent, urgency and the clock,
 * the transcript, and the first reply. Loaded on the server (which also decided the viewer may see
 * it), then kept fresh here.
 */
export function InboxItemView({ initial }: { initial: InboxDetail }) {
  const trpc = useTRPC();
  const item = useQuery(
    trpc.inbox.get.queryOptions({ handoffId: initial.handoffId }, { initialData: initial, refetchInterval: 60_000 }),
  );
  const now = useNow();
  const [message, setMessage] = useState<string | null>(null);
  const markResponded = useMarkResponded(setMessage);
  const data = item.data ?? initial;

  return (
    <div className="space-y-6 px-6 py-4">
      <p>
        <Link href="/inbox" className="text-sm font-medium text-blue-700 hover:underline">
          ← Back to the inbox
        </Link>
      </p>
      <section aria-labelledby="handoff-summary" className="space-y-3">
        <h1 id="handoff-summary" className="text-lg font-semibold leading-7 text-slate-900" data-testid="summary">
          {data.summary}
        </h1>
        <UnresolvedQuestion question={data.unresolvedQuestion} large />
        {data.statedNeed ? (
          <p className="text-sm text-slate-700">
            <span className="font-medium">Needs:</span> {data.statedNeed}
          </p>
        ) : null}
        <HandoffFacts item={data} now={now} />
        <p className="text-xs text-slate-500">
          Handed to {data.ownerName ?? "nobody"}
          {data.team ? ` (${data.team})` : ""} on <LocalTime value={data.createdAt} />
          {data.pageUrl ? ` · from ${data.pageUrl}` : ""}
        </p>
        {data.status === "open" ? (
          <div className="flex items-center gap-3">
            <Button
              disabled={markResponded.isPending}
              onClick={() => {
                setMessage(null);
                markResponded.mutate({ handoffId: data.handoffId, version: data.version });
              }}
            >
              {markResponded.isPending ? "Marking…" : "Mark responded"}
            </Button>
            <span className="text-xs text-slate-500">Answered another way (by phone, say)? Mark it here.</span>
          </div>
        ) : null}
        <p role="status" aria-live="polite" className="min-h-5 text-sm text-red-700">
          {message}
        </p>
        {item.isError ? (
          <p role="alert" className="text-sm text-red-700">
            Could not refresh this handoff: {item.error.message}
          </p>
        ) : null}
      </section>

      <section aria-labelledby="transcript-heading" id="transcript">
        <h2 id="transcript-heading" className="mb-2 text-base font-semibold text-slate-900">
          Transcript
        </h2>
        <Transcript messages={data.transcript} />
      </section>

      <section aria-labelledby="first-reply-heading" id="first-reply" className="max-w-3xl">
        <h2 id="first-reply-heading" className="mb-2 text-base font-semibold text-slate-900">
          First reply
        </h2>
        {data.status === "closed" ? (
          <p className="text-sm text-slate-600">
            This handoff was withdrawn for review: no reply can be sent from here.
          </p>
        ) : (
          <FirstReplyComposer conversationId={data.conversationId} handoffId={data.handoffId} />
        )}
      </section>
    </div>
  );
}
