"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { ROLE_LABELS } from "@/server/auth/permissions";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { StatusMessage } from "../ui/status-message";
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
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="users-table">
          <caption className="sr-only">Users</caption>
          <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="py-2 pr-4 font-medium">
                Name
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                Email
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                Role
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                Teams
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                Last sign-in
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                Status
              </th>
              <th scope="col" className="py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {users.data.map((user) => (
              <tr key={user.id} data-testid={`user-row-${user.email}`} className={user.active ? "" : "text-slate-500"}>
                <td className="py-2 pr-4 font-medium">{user.name}</td>
                <td className="py-2 pr-4">{user.email}</td>
                <td className="py-2 pr-4">{ROLE_LABELS[user.role]}</td>
                <td className="py-2 pr-4">{user.teams.join(", ") || "—"}</td>
                <td className="py-2 pr-4 tabular-nums">{formatDateTime(user.lastSignInAt)}</td>
                <td className="py-2 pr-4">
                  {user.active ? <Badge tone="green">Active</Badge> : <Badge>Deactivated</Badge>}
                </td>
                <td className="py-2 text-right">
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
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
