"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { VersionHistory } from "../version-history";

// The routing rules' published versions, newest first, with what each changed and how many
// decisions it made; any older one can be rolled back to (which publishes a copy of it).

export function VersionsPanel({ currentVersion }: { currentVersion: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const versions = useQuery(trpc.routing.versions.queryOptions());
  const rollback = useMutation(trpc.routing.rollback.mutationOptions());
  return (
    <VersionHistory
      testId="routing-versions"
      currentVersion={currentVersion}
      loading={versions.isPending}
      loadError={versions.error?.message ?? null}
      versions={versions.data?.map((version) => ({
        ...version,
        changes: version.changes?.map((change) => change.text) ?? null,
        detail: `${version.decisions} decision${version.decisions === 1 ? "" : "s"}`,
      }))}
      rollback={{
        busy: rollback.isPending,
        error: rollback.error?.message ?? null,
        run: (toVersion, done) =>
          rollback.mutate(
            { toVersion, currentVersion },
            {
              onSuccess: async () => {
                done();
                await Promise.all([
                  queryClient.invalidateQueries({ queryKey: trpc.routing.versions.queryKey() }),
                  queryClient.invalidateQueries({ queryKey: trpc.routing.editor.queryKey() }),
                ]);
              },
            },
          ),
      }}
    />
  );
}
