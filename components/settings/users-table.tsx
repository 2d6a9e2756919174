"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { ROLE_LABELS } from "@/server/auth/permissions";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { StatusMessage } from "../ui/status-message";
import { Dialog } from "../ui/dialog";
import { Cell, DataTable } from "../ui/table";
import { formatDateTime } from "./format";
import { EditUserForm, InviteForm, InviteOutcome, type EditableUser, type InviteResult } from "./people-forms";

export function UsersTable({ currentUserId }: { currentUserId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const users = useQuery(trpc.users.list.queryOptions());
  const [actionError, setActionError] = useState<string | null>(null);
  const [inviting, setInviting] = useState(false);
  const [invited, setInvited] = useState<InviteResult | null>(null);
  const [editing, setEditing] = useState<EditableUser | null>(null);
  const [oneTime, setOneTime] = useState<{ name: string; password: string } | null>(null);
  const issuePassword = useMutation(
    trpc.users.issuePassword.mutationOptions({
      onMutate: () => setActionError(null),
      onError: (error) => setActionError(error.message),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() }),
    }),
  );
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
      <div className="flex justify-end pb-3">
        <Button onClick={() => setInviting(true)}>Invite a user…</Button>
      </div>
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
          { label: "Territories" },
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
            <Cell>{user.territories.join(", ") || "—"}</Cell>
            <Cell className="tabular-nums">{formatDateTime(user.lastSignInAt)}</Cell>
            <Cell>
              {!user.active ? (
                <Badge>Deactivated</Badge>
              ) : user.invitationExpiresAt ? (
                <Badge tone="blue">Invited</Badge>
              ) : user.mustChangePassword ? (
                <Badge tone="amber">One-time password</Badge>
              ) : (
                <Badge tone="green">Active</Badge>
              )}
            </Cell>
            <Cell className="whitespace-nowrap text-right">
              <Button
                variant="ghost"
                aria-label={`Edit ${user.name}`}
                onClick={() =>
                  setEditing({
                    id: user.id,
                    name: user.name,
                    role: user.role,
                    teamIds: user.teamIds,
                    territories: user.territories,
                    canRevealSensitive: user.canRevealSensitive,
                  })
                }
              >
                Edit
              </Button>
              {user.id === currentUserId ? (
                <span className="text-xs text-slate-500">You</span>
              ) : (
                <>
                  {user.active ? (
                    <Button
                      variant="ghost"
                      aria-label={`One-time password for ${user.name}`}
                      disabled={issuePassword.isPending}
                      onClick={() =>
                        issuePassword.mutate(
                          { userId: user.id },
                          { onSuccess: (result) => setOneTime({ name: user.name, password: result.password }) },
                        )
                      }
                    >
                      One-time password
                    </Button>
                  ) : null}
                  <Button
                    variant={user.active ? "danger" : "secondary"}
                    disabled={setActive.isPending}
                    onClick={() => setActive.mutate({ userId: user.id, active: !user.active })}
                    aria-label={`${user.active ? "Deactivate" : "Reactivate"} ${user.name}`}
                  >
                    {user.active ? "Deactivate" : "Reactivate"}
                  </Button>
                </>
              )}
            </Cell>
          </tr>
        ))}
      </DataTable>
      <Dialog
        open={inviting || invited !== null}
        onClose={() => {
          setInviting(false);
          setInvited(null);
        }}
        title={invited ? `${invited.user.name} is invited` : "Invite a user"}
      >
        {invited ? (
          <InviteOutcome result={invited} onClose={() => setInvited(null)} />
        ) : (
          <InviteForm
            onCancel={() => setInviting(false)}
            onDone={(result) => {
              setInviting(false);
              setInvited(result);
            }}
          />
        )}
      </Dialog>
      <Dialog open={editing !== null} onClose={() => setEditing(null)} title={`Edit ${editing?.name ?? ""}`}>
        {editing ? (
          <EditUserForm
            user={editing}
            isSelf={editing.id === currentUserId}
            onCancel={() => setEditing(null)}
            onDone={() => setEditing(null)}
          />
        ) : null}
      </Dialog>
      <Dialog open={oneTime !== null} onClose={() => setOneTime(null)} title="One-time password">
        {oneTime ? (
          <div className="space-y-3 text-sm text-slate-800" data-testid="one-time-password">
            <p>
              Give {oneTime.name} this password. It is shown only now; their sessions have ended, and they choose their
              own when they next sign in.
            </p>
            <p className="break-all rounded-md bg-slate-100 px-3 py-2 font-mono" data-testid="invite-secret">
              {oneTime.password}
            </p>
            <div className="flex justify-end">
              <Button onClick={() => setOneTime(null)}>Done</Button>
            </div>
          </div>
        ) : null}
      </Dialog>
    </div>
  );
}
