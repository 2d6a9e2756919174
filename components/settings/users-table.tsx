"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { ROLE_LABELS } from "@/server/auth/permissions";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { StatusMessage } from "../ui/status-message";
import { Cell, DataTable } from "../ui/table";
import { formatDateTime } from "./format";

export function UsersTable({ currentUserId }: { currentUserId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const users = useQuery(trpc.users.list.queryOptions());
  const [actionError, setActionError] = useState<string | null>(null);
  const setActive = useMutation(
    trpc.users.setActive.mutationOptions({
      onMutate: () => setActionError(null),
      onError: (error) => setActionError(error.message),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() }),
    }),
  );

  if (users.isPending) return <StatusMessage>Loading users…</StatusMessage>;
  if (users.isError) return <StatusMessage tone="error">Could not load users: {users.error.message}</StatusMessage>;

  return (
    <div className="px-6 py-4">
      {actionError ? (
        <StatusMessage tone="error" testId="users-error">
          {actionError}
        </StatusMessage>
      ) : null}
      <DataTable
        caption="Users"
        testId="users-table"
        columns={[
          { label: "Name" },
          { label: "Email" },
          { label: "Role" },
          { label: "Teams" },
          { label: "Last sign-in" },
          { label: "Status" },
          { label: "", srLabel: "Actions" },
        ]}
      >
        {users.data.map((user) => (
          <tr key={user.id} data-testid={`user-row-${user.email}`} className={user.active ? "" : "text-slate-500"}>
            <Cell className="font-medium">{user.name}</Cell>
            <Cell>{user.email}</Cell>
            <Cell>{ROLE_LABELS[user.role]}</Cell>
            <Cell>{user.teams.join(", ") || "—"}</Cell>
            <Cell className="tabular-nums">{formatDateTime(user.lastSignInAt)}</Cell>
            <Cell>{user.active ? <Badge tone="green">Active</Badge> : <Badge>Deactivated</Badge>}</Cell>
            <Cell className="text-right">
              {user.id === currentUserId ? (
                <span className="text-xs text-slate-500">You</span>
              ) : (
                <Button
                  variant={user.active ? "danger" : "secondary"}
                  disabled={setActive.isPending}
                  onClick={() => setActive.mutate({ userId: user.id, active: !user.active })}
                  aria-label={`${user.active ? "Deactivate" : "Reactivate"} ${user.name}`}
                >
                  {user.active ? "Deactivate" : "Reactivate"}
                </Button>
              )}
            </Cell>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
