"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/providers/trpc";
import type { RoutingConfig } from "@/server/domain/routing/rules";
import { MAX_REPLAY } from "@/server/services/settings/routing-input";
import { Button } from "../../ui/button";
import { cn } from "../../ui/cn";
import { FIELD } from "../../ui/filter-field";
import { Cell, DataTable } from "../../ui/table";
import { formatDateTime } from "../format";
import { Field } from "../fields";

// Replays the draft over the last N conversations and lists those it would route differently from
// the rules in force: another rule, another target or another SLA.

export function ReplayPanel({ config, valid }: { config: RoutingConfig; valid: boolean }) {
  const trpc = useTRPC();
  const [last, setLast] = useState("200");
  const replay = useMutation(trpc.routing.replay.mutationOptions());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    replay.mutate({ config, last: Number(last) });
  };
  const result = replay.data;
  return (
    <div className="space-y-3">
      <form onSubmit={submit} className="flex items-end gap-2" noValidate>
        <Field label="Conversations to replay" htmlFor="replay-last" hint={`The newest, up to ${MAX_REPLAY}.`}>
          <input
            id="replay-last"
            type="number"
            min={1}
            max={MAX_REPLAY}
            className={cn(FIELD, "w-28")}
            value={last}
            onChange={(e) => setLast(e.target.value)}
          />
        </Field>
        <Button type="submit" className="mb-5" disabled={!valid || replay.isPending}>
          {replay.isPending ? "Replaying…" : "Replay the draft"}
        </Button>
      </form>
      {replay.isError ? (
        <p role="alert" className="text-sm text-red-700" data-testid="replay-error">
          {replay.error.message}
        </p>
      ) : null}
      {result ? (
        <div className="space-y-2" data-testid="replay-result" aria-live="polite">
          <p className="text-sm text-slate-800" data-testid="replay-summary">
            Of the last {result.replayed} conversations, <strong>{result.changedCount}</strong> would be routed
            differently than by version {result.publishedVersion}.
            {result.skipped ? ` ${result.skipped} could not be replayed (stored by an older version).` : ""}
          </p>
          {result.moves.length > 0 ? (
            <ul className="list-inside list-disc text-sm text-slate-700">
              {result.moves.map((move) => (
                <li key={`${move.from}→${move.to}`}>
                  {move.count} from “{move.from}” to “{move.to}”
                </li>
              ))}
            </ul>
          ) : null}
          {result.changed.length > 0 ? (
            <DataTable
              caption="Conversations the draft routes differently"
              testId="replay-table"
              columns={[
                { label: "Received" },
                { label: "Intent" },
                { label: "Topic" },
                { label: "Page" },
                { label: "Now" },
                { label: "With the draft" },
                { label: "", srLabel: "Open" },
              ]}
            >
              {result.changed.map((row) => (
                <tr key={row.conversationId} data-testid="replay-row">
                  <Cell className="whitespace-nowrap tabular-nums">{formatDateTime(row.receivedAt)}</Cell>
                  <Cell>{row.intent ?? "—"}</Cell>
                  <Cell>{row.topic ?? "—"}</Cell>
                  <Cell className="font-mono text-xs">{row.pagePath ?? "—"}</Cell>
                  <Cell>
                    {row.from.rule.name}
                    <br />
                    <span className="text-xs text-slate-600">
                      {row.from.assign}, {row.from.slaMinutes} min
                    </span>
                  </Cell>
                  <Cell>
                    {row.to.rule.name}
                    <br />
                    <span className="text-xs text-slate-600">
                      {row.to.assign}, {row.to.slaMinutes} min
                    </span>
                  </Cell>
                  <Cell>
                    {row.link ? (
                      <Link href={row.link} className="text-blue-700 underline">
                        Open
                      </Link>
                    ) : null}
                  </Cell>
                </tr>
              ))}
            </DataTable>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
