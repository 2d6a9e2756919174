"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { RISK_NAMES, type RiskKind } from "@/server/domain/replies/risk-kinds";
import { Button } from "../ui/button";
import { formatDateTime } from "../inbox/format";
import { HighlightedText, RiskList } from "./highlighted-text";
import { useDebounced } from "./use-debounced";

// The first message to the visitor: pick an approved template, edit it, and see at once which words
// read as a promise (the server runs the analysis's own check as you type). A clean reply is sent
// by email; one with promises goes to a reviewer or manager first. The server checks again on send.

const LIVE = ["pending_approval", "sending", "sent"];

function kindsText(kinds: readonly RiskKind[]): string {
  return kinds.map((k) => RISK_NAMES[k].toLowerCase()).join(", ");
}

function uniqueKinds(risks: readonly { kind: RiskKind }[]): RiskKind[] {
  return [...new Set(risks.map((r) => r.kind))];
}

function emailProblem(lastError: string | null | undefined): string {
  if (!lastError) return "the email could not be sent";
  if (/SMTP_URL/.test(lastError)) return "email is not set up on this server";
  return lastError;
}

export function FirstReplyComposer({
  conversationId,
  handoffId = null,
  caseId = null,
}: {
  conversationId: string;
  handoffId?: string | null;
  caseId?: string | null;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const target = { conversationId, handoffId, caseId };
  const ids = { template: useId(), subject: useId(), body: useId(), risks: useId() };

  const replies = useQuery(
    trpc.replies.forConversation.queryOptions(target, {
      // While an email is on its way, look again until it has gone.
      refetchInterval: (query) => (query.state.data?.replies.some((r) => r.status === "sending") ? 2000 : false),
    }),
  );
  const templates = useQuery(trpc.replies.templates.queryOptions());

  const [templateId, setTemplateId] = useState("");
  const [subject, setSubject] = useState("");
  const [body, setBody] = useState("");
  const [drafted, setDrafted] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ tone: "neutral" | "error"; text: string } | null>(null);

  const settledSubject = useDebounced(subject, 400);
  const settledBody = useDebounced(body, 400);
  // A POST (a mutation without side effects), not a query: a long message would not fit in a URL.
  const check = useMutation(trpc.replies.check.mutationOptions());
  const runCheck = check.mutate;
  useEffect(() => {
    if (!settledBody.trim() && !settledSubject.trim()) return;
    runCheck({ conversationId, handoffId, caseId, subject: settledSubject, body: settledBody });
  }, [runCheck, conversationId, handoffId, caseId, settledSubject, settledBody]);
  const checking = settledBody !== body || settledSubject !== subject || check.isPending;

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.replies.forConversation.queryKey(target) }),
      queryClient.invalidateQueries({ queryKey: trpc.inbox.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.replies.pending.queryKey() }),
    ]);

  const submit = useMutation(
    trpc.replies.submit.mutationOptions({
      onMutate: () => setNotice(null),
      onSuccess: (result) => {
        setNotice({
          tone: "neutral",
          text:
            result.status === "pending_approval"
              ? `Sent for approval: the promise check found ${kindsText(uniqueKinds(result.risks))} wording, so a reviewer or manager must approve it before it goes out.`
              : "Sending your reply by email.",
        });
        setBody("");
        setSubject("");
        setTemplateId("");
        setDrafted(null);
      },
      onError: (error) => setNotice({ tone: "error", text: error.message }),
      onSettled: () => refresh(),
    }),
  );

  async function chooseTemplate(id: string) {
    setTemplateId(id);
    if (!id) return;
    if (body.trim() && body !== drafted && !window.confirm("Replace what you have written with this template?")) {
      return;
    }
    try {
      const draft = await queryClient.fetchQuery(trpc.replies.draft.queryOptions({ ...target, templateId: id }));
      setSubject(draft.subject);
      setBody(draft.body);
      setDrafted(draft.body);
      setNotice(null);
    } catch (error) {
      setNotice({ tone: "error", text: `Could not fill in the template: ${(error as Error).message}` });
    }
  }

  if (replies.isPending) {
    return (
      <div
        className="h-[28rem] animate-pulse rounded-lg bg-slate-100"
        aria-busy="true"
        aria-label="Loading the reply"
      />
    );
  }
  if (replies.isError) {
    return (
      <p role="alert" className="text-sm text-red-700">
        Could not load the replies to this visitor: {replies.error.message}{" "}
        <Button variant="secondary" onClick={() => replies.refetch()}>
          Try again
        </Button>
      </p>
    );
  }

  const { send } = replies.data;
  const live = replies.data.replies.find((r) => LIVE.includes(r.status));
  const last = replies.data.replies[0];
  const risks = check.data?.risks ?? [];
  const flagged = risks.length > 0;
  const bodyRisks = risks.filter((r) => r.field === "body");

  return (
    <div className="space-y-4" data-testid="first-reply">
      <div role="status" aria-live="polite" className="min-h-5 text-sm" data-testid="reply-status">
        {notice ? (
          <span className={notice.tone === "error" ? "text-red-700" : "text-slate-700"}>{notice.text}</span>
        ) : null}
      </div>

      {live ? (
        <ReplyState reply={live} />
      ) : (
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            submit.mutate({ ...target, templateId: templateId || null, subject, body });
          }}
        >
          {last && (last.status === "rejected" || last.status === "failed") ? (
            <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              {last.status === "rejected"
                ? `Your last reply was not approved${last.reviewNote ? `: ${last.reviewNote}` : "."}`
                : `Your last reply was not sent: ${emailProblem(last.email?.lastError)}.`}
            </p>
          ) : null}
          {!send.ok ? (
            <p
              className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
              data-testid="reply-blocked"
            >
              {send.reason}
            </p>
          ) : null}

          <div>
            <label htmlFor={ids.template} className="block text-sm font-medium text-slate-800">
              Approved template
            </label>
            <select
              id={ids.template}
              value={templateId}
              onChange={(event) => void chooseTemplate(event.target.value)}
              disabled={templates.isPending}
              className="mt-1 block h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm"
            >
              <option value="">{templates.isPending ? "Loading templates…" : "Choose a template…"}</option>
              {templates.data?.map((template) => (
                <option key={template.id} value={template.id}>
                  {template.name}
                </option>
              ))}
            </select>
            {templates.isError ? (
              <p className="mt-1 text-sm text-red-700">Could not load the templates: {templates.error.message}</p>
            ) : null}
          </div>

          <div>
            <label htmlFor={ids.subject} className="block text-sm font-medium text-slate-800">
              Subject
            </label>
            <input
              id={ids.subject}
              value={subject}
              onChange={(event) => setSubject(event.target.value)}
              maxLength={200}
              className="mt-1 block h-9 w-full rounded-md border border-slate-300 px-2 text-sm"
            />
          </div>

          <div>
            <label htmlFor={ids.body} className="block text-sm font-medium text-slate-800">
              Message
            </label>
            <textarea
              id={ids.body}
              value={body}
              onChange={(event) => setBody(event.target.value)}
              maxLength={5000}
              rows={10}
              aria-describedby={ids.risks}
              className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm leading-6"
            />
          </div>

          <section
            id={ids.risks}
            aria-label="Promise check"
            className="min-h-24 rounded-md border border-slate-200 bg-white px-3 py-2"
            data-testid="promise-check"
          >
            <h3 className="text-sm font-semibold text-slate-900">Promise check</h3>
            {!body.trim() && !subject.trim() ? (
              <p className="mt-1 text-sm text-slate-500">
                Write or choose a reply: wording about price, timing, scope, guarantees, results or fit is highlighted
                here.
              </p>
            ) : check.isError ? (
              <p className="mt-1 text-sm text-red-700">Could not check the wording: {check.error.message}</p>
            ) : flagged ? (
              <div className="mt-1 space-y-2" aria-busy={checking}>
                <p className="text-sm text-amber-900">
                  This reads as a promise ({kindsText(uniqueKinds(risks))}). Change the highlighted words, or send it
                  for approval by a reviewer or manager.
                </p>
                <RiskList risks={risks} />
                {bodyRisks.length ? (
                  <div className="rounded border border-slate-100 bg-slate-50 px-2 py-1.5">
                    <HighlightedText text={settledBody} risks={bodyRisks} />
                  </div>
                ) : null}
              </div>
            ) : (
              <p className="mt-1 text-sm text-emerald-800" aria-busy={checking}>
                {checking && !check.data
                  ? "Checking…"
                  : "No promises found about price, timing, scope, guarantees, results or fit."}
              </p>
            )}
          </section>

          <div className="flex items-center gap-3">
            <Button
              type="submit"
              disabled={!send.ok || !subject.trim() || !body.trim() || submit.isPending}
              data-testid="send-reply"
            >
              {submit.isPending ? "Sending…" : flagged ? "Send for approval" : "Send"}
            </Button>
            <span className="text-xs text-slate-500">
              {flagged
                ? "Flagged replies wait for a reviewer or manager."
                : "Goes to the visitor by email, from the desk's address, with you as reply-to."}
            </span>
          </div>
        </form>
      )}
    </div>
  );
}

function ReplyState({
  reply,
}: {
  reply: {
    status: string;
    subject: string;
    body: string;
    risks: { kind: RiskKind; quote: string; start: number; end: number; field?: string }[];
    sentAt: Date | null;
    createdAt: Date;
    authorName: string | null;
    email: { status: string; lastError: string | null } | null;
  };
}) {
  const heading =
    reply.status === "pending_approval"
      ? "Waiting for approval"
      : reply.status === "sending"
        ? "Sending by email…"
        : `Sent by email ${formatDateTime(reply.sentAt)}`;
  return (
    <div className="space-y-2 rounded-md border border-slate-200 bg-white px-4 py-3" data-testid="reply-state">
      <p className="text-sm font-semibold text-slate-900">{heading}</p>
      {reply.status === "pending_approval" ? (
        <p className="text-sm text-slate-600">
          The promise check found {kindsText(uniqueKinds(reply.risks))} wording, so a reviewer or manager must approve
          this reply before it goes to the visitor.
        </p>
      ) : null}
      {reply.status === "sending" && reply.email?.status === "failed" ? (
        <p className="text-sm text-amber-800">
          The last attempt failed ({emailProblem(reply.email.lastError)}); it is retried automatically.
        </p>
      ) : null}
      <p className="text-sm text-slate-700">
        <span className="font-medium">Subject:</span> {reply.subject}
      </p>
      <div className="rounded border border-slate-100 bg-slate-50 px-3 py-2">
        <HighlightedText text={reply.body} risks={reply.risks.filter((r) => r.field !== "subject")} />
      </div>
      <p className="text-xs text-slate-500">
        Written by {reply.authorName ?? "a former user"} on {formatDateTime(reply.createdAt)}.
      </p>
    </div>
  );
}
