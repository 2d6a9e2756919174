"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/providers/trpc";
import type { RoutingConfig } from "@/server/domain/routing/rules";
import { Badge } from "../../ui/badge";
import { Button } from "../../ui/button";
import { cn } from "../../ui/cn";
import { FIELD } from "../../ui/filter-field";
import { Cell, DataTable } from "../../ui/table";
import { formatDateTime } from "../format";
import { Field } from "../fields";

// "Which rule fires and why": the draft in the editor, tested on a pasted chat or a past
// conversation, beside what the rules in force would do.

type Mode = "transcript" | "conversation";

export function TestPanel({ config, valid }: { config: RoutingConfig; valid: boolean }) {
  const trpc = useTRPC();
  const [mode, setMode] = useState<Mode>("transcript");
  const [text, setText] = useState("");
  const [pageUrl, setPageUrl] = useState("");
  const [at, setAt] = useState("");
  const [conversationId, setConversationId] = useState("");
  const recent = useQuery({ ...trpc.routing.recentConversations.queryOptions(), enabled: mode === "conversation" });
  const test = useMutation(trpc.routing.test.mutationOptions());

  const submit = (event: FormEvent) => {
    event.preventDefault();
    test.mutate({
      config,
      source:
        mode === "transcript"
          ? {
              kind: "transcript",
              text,
              pageUrl: pageUrl.trim() || undefined,
              at: at ? new Date(at).toISOString() : undefined,
            }
          : { kind: "conversation", conversationId: conversationId.trim() },
    });
  };
  const result = test.data;

  return (
    <div className="space-y-3">
      <form onSubmit={submit} className="space-y-3" noValidate>
        <fieldset className="flex gap-4 text-sm">
          <legend className="sr-only">Test on</legend>
          <label className="inline-flex items-center gap-1.5">
            <input
              type="radio"
              name="test-mode"
              checked={mode === "transcript"}
              onChange={() => setMode("transcript")}
            />
            A pasted transcript
          </label>
          <label className="inline-flex items-center gap-1.5">
            <input
              type="radio"
              name="test-mode"
              checked={mode === "conversation"}
              onChange={() => setMode("conversation")}
            />
            A past conversation
          </label>
        </fieldset>
        {mode === "transcript" ? (
          <>
            <Field
              label="Transcript"
              htmlFor="test-transcript"
              hint='One message per line, each starting "Visitor:", "Bot:" or "Agent:".'
            >
              <textarea
                id="test-transcript"
                rows={5}
                className={cn(FIELD, "h-auto w-full py-1.5 font-mono")}
                value={text}
                onChange={(e) => setText(e.target.value)}
                placeholder={"Visitor: Hi, could you quote for solar panels?\nBot: Happy to help, what's your email?"}
              />
            </Field>
            <div className="grid gap-3 sm:grid-cols-2">
              <Field label="Page URL (optional)" htmlFor="test-page">
                <input
                  id="test-page"
                  className={cn(FIELD, "w-full")}
                  value={pageUrl}
                  placeholder="https://example.com/pricing?utm_campaign=spring"
                  onChange={(e) => setPageUrl(e.target.value)}
                />
              </Field>
              <Field label="When (optional; now if empty)" htmlFor="test-at">
                <input
                  id="test-at"
                  type="datetime-local"
                  className={cn(FIELD, "w-full")}
                  value={at}
                  onChange={(e) => setAt(e.target.value)}
                />
              </Field>
            </div>
          </>
        ) : (
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label="Recent conversation" htmlFor="test-recent">
              <select
                id="test-recent"
                className={cn(FIELD, "w-full")}
                value={conversationId}
                onChange={(e) => setConversationId(e.target.value)}
              >
                <option value="">Choose…</option>
                {recent.data?.map((c) => (
                  <option key={c.id} value={c.id}>
                    {formatDateTime(c.receivedAt)} · {c.intent ?? "—"} · {c.topic ?? "no topic"} ·{" "}
                    {c.pagePath ?? "no page"}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Or its id" htmlFor="test-conversation-id">
              <input
                id="test-conversation-id"
                className={cn(FIELD, "w-full font-mono")}
                value={conversationId}
                onChange={(e) => setConversationId(e.target.value)}
              />
            </Field>
          </div>
        )}
        <Button type="submit" disabled={!valid || test.isPending}>
          {test.isPending ? "Testing…" : "Test the draft"}
        </Button>
        {!valid ? <span className="ml-2 text-xs text-slate-600">Fix the rules first.</span> : null}
      </form>
      {test.isError ? (
        <p role="alert" className="text-sm text-red-700" data-testid="test-error">
          {test.error.message}
        </p>
      ) : null}
      {result ? (
        <div className="space-y-3" data-testid="test-result" aria-live="polite">
          <p className="text-sm text-slate-700" data-testid="test-input">
            The rules saw: intent <strong>{result.input.intent}</strong>, customer{" "}
            <strong>{result.input.customerStatus.replace(/_/g, " ")}</strong>, topic{" "}
            <strong>{result.input.topic?.label ?? "none"}</strong>, page{" "}
            <strong>{result.input.pagePath ?? "none"}</strong>, campaign{" "}
            <strong>{result.input.campaign ?? "none"}</strong>, territory{" "}
            <strong>{result.input.territory ?? "unknown"}</strong>,{" "}
            <strong>{result.input.insideBusinessHours ? "inside" : "outside"}</strong> business hours (
            {formatDateTime(result.input.at)}).
          </p>
          <div className="grid gap-3 md:grid-cols-2">
            <Outcome title="With the draft" testId="test-draft" outcome={result.draft} />
            <Outcome
              title={`With the rules in force (version ${result.published.version})`}
              testId="test-published"
              outcome={result.published}
            />
          </div>
          <DataTable
            caption="Each rule of the draft, in order"
            testId="test-trace"
            columns={[{ label: "#" }, { label: "Rule" }, { label: "Verdict" }]}
          >
            {result.draft.rules.map((rule, index) => (
              <tr key={rule.ruleId} data-testid={`trace-${rule.ruleId}`}>
                <Cell className="tabular-nums text-slate-500">{index + 1}</Cell>
                <Cell>{rule.name}</Cell>
                <Cell>
                  {rule.decided ? (
                    <>
                      <Badge tone="green">Decides</Badge> {rule.because.join("; ")}
                    </>
                  ) : !rule.enabled ? (
                    <Badge>Disabled</Badge>
                  ) : rule.matched ? (
                    <>
                      <Badge tone="blue">Matches</Badge> but an earlier rule decides
                    </>
                  ) : (
                    <>
                      <Badge tone="amber">No</Badge> {rule.failed}
                    </>
                  )}
                </Cell>
              </tr>
            ))}
          </DataTable>
        </div>
      ) : null}
    </div>
  );
}

function Outcome({
  title,
  testId,
  outcome,
}: {
  title: string;
  testId: string;
  outcome: {
    rule: { id: string; name: string };
    assign: string;
    priority: string;
    slaMinutes: number;
    slaFrom: string;
    because: string[];
  };
}) {
  return (
    <div className="rounded-md border border-slate-200 p-3 text-sm" data-testid={testId}>
      <h4 className="text-xs font-medium uppercase tracking-wide text-slate-500">{title}</h4>
      <p className="mt-1 font-medium text-slate-900">{outcome.rule.name}</p>
      <p className="text-slate-700">
        → {outcome.assign}, priority {outcome.priority}, SLA {outcome.slaMinutes} min (from {outcome.slaFrom})
      </p>
      <p className="text-slate-600">Because {outcome.because.join("; ")}.</p>
    </div>
  );
}
