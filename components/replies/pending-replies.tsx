"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "../ui/button";
import { formatDateTime } from "../inbox/format";
import type { PendingReply } from "../inbox/types";
import { HighlightedText, RiskList } from "./highlighted-text";

// First replies the promise check flagged, waiting for a reviewer's or manager's decision. Approving
// sends the reply by email; rejecting returns it to its writer with a note on what to change.

export function PendingReplies() {
  const trpc = useTRPC();
  const pending = useQuery(trpc.replies.pending.queryOptions(undefined, { refetchInterval: 30_000 }));
  // Collapsed to one line until asked for: the count arriving never pushes the inbox down.
  const [open, setOpen] = useState(false);
  const count = pending.data?.length ?? 0;

  return (
    <section
      aria-labelledby="pending-replies-heading"
      className="border-b border-slate-200 px-6 py-3"
      data-testid="pending-replies"
    >
      <div className="flex h-8 items-center gap-3">
        <h2 id="pending-replies-heading" className="text-sm font-semibold text-slate-900">
          Replies waiting for approval
        </h2>
        <span className="text-sm text-slate-600" aria-live="polite" data-testid="pending-count">
          {pending.isPending ? "…" : pending.isError ? "could not load" : count === 0 ? "none" : count}
        </span>
        {pending.isError ? (
          <Button variant="secondary" onClick={() => pending.refetch()}>
            Try again
          </Button>
        ) : count > 0 ? (
          <Button
            variant="secondary"
            aria-expanded={open}
            aria-controls="pending-replies-list"
            onClick={() => setOpen((o) => !o)}
          >
            {open ? "Hide" : "Review"}
          </Button>
        ) : null}
      </div>
      {pending.isError ? (
        <p role="alert" className="text-sm text-red-700">
          {pending.error.message}
        </p>
      ) : null}
      {open && pending.data && count > 0 ? (
        <ul id="pending-replies-list" className="mt-3 space-y-3">
          {pending.data.map((reply) => (
            <PendingReplyCard key={reply.replyId} reply={reply} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function PendingReplyCard({ reply }: { reply: PendingReply }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const noteId = useId();
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState("");
  const [message, setMessage] = useState<{ tone: "neutral" | "error"; text: string } | null>(null);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.replies.pending.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.replies.forConversation.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.inbox.pathKey() }),
    ]);
  const options = {
    onMutate: () => setMessage(null),
    onError: (error: { message: string }) => setMessage({ tone: "error" as const, text: error.message }),
    onSettled: () => refresh(),
  };
  const approve = useMutation(trpc.replies.approve.mutationOptions(options));
  const reject = useMutation(trpc.replies.reject.mutationOptions(options));
  const busy = approve.isPending || reject.isPending;
  const openHref = reply.handoffId ? `/inbox/${reply.handoffId}` : reply.caseId ? `/cases/${reply.caseId}` : null;

  return (
    <li className="rounded-md border border-amber-200 bg-white px-4 py-3" data-testid="pending-reply">
      <p className="text-sm text-slate-600">{reply.summary}</p>
      <p className="mt-2 text-sm text-slate-800">
        <span className="font-medium">Subject:</span> {reply.subject}
      </p>
      <div className="mt-1 rounded border border-slate-100 bg-slate-50 px-3 py-2">
        <HighlightedText text={reply.body} risks={reply.risks.filter((r) => r.field === "body")} />
      </div>
      <div className="mt-2">
        <RiskList risks={reply.risks} />
      </div>
      <p className="mt-2 text-xs text-slate-500">
        By {reply.authorName ?? "a former user"}, {formatDateTime(reply.createdAt)}
        {openHref ? (
          <>
            {" · "}
            <Link href={openHref} className="font-medium text-blue-700 hover:underline">
              Open the conversation
            </Link>
          </>
        ) : null}
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <Button
          disabled={!reply.canApprove || busy}
          onClick={() => approve.mutate({ replyId: reply.replyId })}
          aria-describedby={reply.canApprove ? undefined : `${noteId}-own`}
        >
          Approve and send
        </Button>
        <Button variant="secondary" disabled={busy} onClick={() => setRejecting((r) => !r)} aria-expanded={rejecting}>
          Reject…
        </Button>
        {!reply.canApprove ? (
          <span id={`${noteId}-own`} className="text-xs text-slate-500">
            You wrote this reply: another reviewer or a manager approves it.
          </span>
        ) : null}
      </div>
      {rejecting ? (
        <form
          className="mt-3 space-y-2"
          onSubmit={(event) => {
            event.preventDefault();
            reject.mutate({ replyId: reply.replyId, note });
          }}
        >
          <label htmlFor={noteId} className="block text-sm font-medium text-slate-800">
            What should change?
          </label>
          <textarea
            id={noteId}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            rows={2}
            maxLength={1000}
            className="block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          />
          <Button type="submit" variant="danger" disabled={busy || note.trim().length < 3}>
            Reject with this note
          </Button>
        </form>
      ) : null}
      <p role="status" aria-live="polite" className="mt-2 min-h-5 text-sm">
        {message ? (
          <span className={message.tone === "error" ? "text-red-700" : "text-slate-700"}>{message.text}</span>
        ) : null}
      </p>
    </li>
  );
}
