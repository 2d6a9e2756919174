"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { Badge } from "../../ui/badge";
import { Button } from "../../ui/button";
import { Dialog } from "../../ui/dialog";
import { StatusMessage } from "../../ui/status-message";
import { ConfirmDialog } from "../../case/simple-dialogs";
import { formatDateTime } from "../format";

// Every published version, newest first, with what it changed and how many decisions it made; any
// older one can be rolled back to (which publishes a copy of it as the newest).

export function VersionsPanel({ currentVersion }: { currentVersion: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const versions = useQuery(trpc.routing.versions.queryOptions());
  const [target, setTarget] = useState<number | null>(null);
  const rollback = useMutation(
    trpc.routing.rollback.mutationOptions({
      onSuccess: async () => {
        setTarget(null);
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.routing.versions.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.routing.editor.queryKey() }),
        ]);
      },
    }),
  );

  if (versions.isPending) return <StatusMessage>Loading the versions…</StatusMessage>;
  if (versions.isError)
    return <StatusMessage tone="error">Could not load the versions: {versions.error.message}</StatusMessage>;
  return (
    <>
      <ol className="space-y-3" data-testid="routing-versions">
        {versions.data.map((version) => (
          <li
            key={version.version}
            className="rounded-md border border-slate-200 p-3 text-sm"
            data-testid={`version-${version.version}`}
          >
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium text-slate-900">Version {version.version}</span>
              {version.version === currentVersion ? <Badge tone="green">In force</Badge> : null}
              {version.restoredFrom ? <Badge tone="blue">Copy of version {version.restoredFrom}</Badge> : null}
              <span className="text-slate-600">
                {formatDateTime(version.publishedAt)}
                {version.publishedBy ? ` by ${version.publishedBy}` : " (installed)"} · {version.decisions} decision
                {version.decisions === 1 ? "" : "s"}
              </span>
              {version.version !== currentVersion ? (
                <Button variant="secondary" className="ml-auto" onClick={() => setTarget(version.version)}>
                  Roll back to version {version.version}
                </Button>
              ) : null}
            </div>
            {version.note ? <p className="mt-1 text-slate-700">“{version.note}”</p> : null}
            {version.changes === null ? (
              <p className="mt-1 text-slate-500">The version before it is not kept.</p>
            ) : version.changes.length === 0 ? (
              <p className="mt-1 text-slate-500">No change from the version before.</p>
            ) : (
              <ul className="mt-1 list-inside list-disc text-slate-700">
                {version.changes.map((change, index) => (
                  <li key={index}>{change.text}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      <Dialog open={target !== null} onClose={() => setTarget(null)} title={`Roll back to version ${target}?`}>
        <ConfirmDialog
          text={`Version ${target}'s rules will be published again as version ${currentVersion + 1} and route the next conversation. Versions in between stay in the history, and decisions they made keep their version.`}
          submitLabel={`Roll back to version ${target}`}
          busy={rollback.isPending}
          error={rollback.error?.message ?? null}
          onSubmit={() => target !== null && rollback.mutate({ toVersion: target, currentVersion })}
          onCancel={() => setTarget(null)}
        />
      </Dialog>
    </>
  );
}
