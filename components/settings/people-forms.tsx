"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { ROLE_LABELS, ROLES, type Role } from "@/server/auth/permissions";
import { Button } from "../ui/button";
import { DialogForm } from "../ui/dialog";
import { cn } from "../ui/cn";
import { FIELD } from "../ui/filter-field";
import { CheckboxGroup, Field, ListInput } from "./fields";

// Inviting a user and editing one: role, teams and territories. The server checks everything again
// (and refuses demoting the last admin or changing your own role); its refusal names the field.

type FieldErrors = Record<string, string[] | undefined> | null | undefined;

function useTeams() {
  const trpc = useTRPC();
  return useQuery(trpc.users.teams.queryOptions()).data?.map((team) => ({ value: team.id, label: team.name })) ?? [];
}

function RoleSelect({
  value,
  onChange,
  error,
  disabled,
}: {
  value: Role;
  onChange: (role: Role) => void;
  error?: string;
  disabled?: boolean;
}) {
  return (
    <Field label="Role" htmlFor="person-role" error={error}>
      <select
        id="person-role"
        className={cn(FIELD, "w-full")}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value as Role)}
      >
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {ROLE_LABELS[role]}
          </option>
        ))}
      </select>
    </Field>
  );
}

function TeamsAndTerritories({
  teamIds,
  territories,
  errors,
  onTeams,
  onTerritories,
}: {
  teamIds: string[];
  territories: string[];
  errors: FieldErrors;
  onTeams: (ids: string[]) => void;
  onTerritories: (codes: string[]) => void;
}): ReactNode {
  const teams = useTeams();
  return (
    <>
      <div>
        <p className="text-xs font-medium text-slate-600">Teams</p>
        {teams.length === 0 ? (
          <p className="text-sm text-slate-500">No teams yet.</p>
        ) : (
          <CheckboxGroup
            legend="Teams"
            options={teams}
            value={teamIds}
            error={errors?.teamIds?.[0]}
            onChange={onTeams}
          />
        )}
      </div>
      <div>
        <label htmlFor="person-territories" className="text-xs font-medium text-slate-600">
          Territories
        </label>
        <ListInput
          id="person-territories"
          label="Territories"
          value={territories}
          upperCase
          placeholder="GB, IE"
          error={errors?.territories?.[0]}
          onChange={onTerritories}
        />
        <p className="text-xs text-slate-500">
          Country codes. In a routed team, visitors from these countries go to the members who cover them.
        </p>
      </div>
    </>
  );
}

export interface InviteResult {
  user: { name: string; email: string };
  method: "link" | "password";
  password: string | null;
  link: string | null;
  emailed: boolean;
  emailError: string | null;
}

export function InviteForm({ onDone, onCancel }: { onDone: (result: InviteResult) => void; onCancel: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    name: "",
    email: "",
    role: "owner" as Role,
    teamIds: [] as string[],
    territories: [] as string[],
    method: "link" as "link" | "password",
  });
  const invite = useMutation(
    trpc.users.invite.mutationOptions({
      onSuccess: async (result) => {
        await queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
        onDone(result);
      },
    }),
  );
  const errors = invite.error?.data?.fieldErrors as FieldErrors;
  const submit = () => invite.mutate(form);
  return (
    <DialogForm
      onSubmit={submit}
      onCancel={onCancel}
      submitLabel="Invite"
      busy={invite.isPending}
      error={invite.error?.message ?? null}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Name" htmlFor="invite-name" error={errors?.name?.[0]}>
          <input
            id="invite-name"
            className={cn(FIELD, "w-full")}
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
          />
        </Field>
        <Field label="Email" htmlFor="invite-email" error={errors?.email?.[0]}>
          <input
            id="invite-email"
            type="email"
            autoComplete="off"
            className={cn(FIELD, "w-full")}
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.target.value })}
          />
        </Field>
      </div>
      <RoleSelect value={form.role} onChange={(role) => setForm({ ...form, role })} error={errors?.role?.[0]} />
      <TeamsAndTerritories
        teamIds={form.teamIds}
        territories={form.territories}
        errors={errors}
        onTeams={(teamIds) => setForm({ ...form, teamIds })}
        onTerritories={(territories) => setForm({ ...form, territories })}
      />
      <fieldset className="space-y-1 text-sm text-slate-800">
        <legend className="text-xs font-medium text-slate-600">How they sign in the first time</legend>
        <label className="flex items-start gap-2">
          <input
            type="radio"
            name="invite-method"
            checked={form.method === "link"}
            onChange={() => setForm({ ...form, method: "link" })}
          />
          <span>Email them a sign-in link (they choose their password; the link works once, for 7 days)</span>
        </label>
        <label className="flex items-start gap-2">
          <input
            type="radio"
            name="invite-method"
            checked={form.method === "password"}
            onChange={() => setForm({ ...form, method: "password" })}
          />
          <span>Give me a one-time password to pass on (shown once; they choose their own at first sign-in)</span>
        </label>
      </fieldset>
    </DialogForm>
  );
}

/** What an invitation produced, shown once: the password or the link, or that the email went. */
export function InviteOutcome({ result, onClose }: { result: InviteResult; onClose: () => void }) {
  const secret = result.password ?? result.link;
  return (
    <div className="space-y-3 text-sm text-slate-800" data-testid="invite-outcome">
      {result.emailed ? (
        <p>
          {result.user.name} has been emailed a sign-in link at <strong>{result.user.email}</strong>.
        </p>
      ) : (
        <>
          <p>
            {result.password
              ? `Give ${result.user.name} this one-time password. It is shown only now; they choose their own when they first sign in.`
              : `${result.emailError ?? ""} Send ${result.user.name} this sign-in link yourself. It is shown only now and works once, for 7 days.`}
          </p>
          <p className="break-all rounded-md bg-slate-100 px-3 py-2 font-mono text-sm" data-testid="invite-secret">
            {secret}
          </p>
          <Button variant="secondary" onClick={() => secret && void navigator.clipboard?.writeText(secret)}>
            Copy
          </Button>
        </>
      )}
      <div className="flex justify-end">
        <Button onClick={onClose}>Done</Button>
      </div>
    </div>
  );
}

export interface EditableUser {
  id: string;
  name: string;
  role: Role;
  teamIds: string[];
  territories: string[];
  canRevealSensitive: boolean;
}

export function EditUserForm({
  user,
  isSelf,
  onDone,
  onCancel,
}: {
  user: EditableUser;
  isSelf: boolean;
  onDone: () => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    role: user.role,
    teamIds: user.teamIds,
    territories: user.territories,
    canRevealSensitive: user.canRevealSensitive,
  });
  const update = useMutation(
    trpc.users.update.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.users.teams.queryKey() }),
        ]);
        onDone();
      },
    }),
  );
  const errors = update.error?.data?.fieldErrors as FieldErrors;
  const submit = () =>
    update.mutate({
      userId: user.id,
      role: isSelf || form.role === user.role ? undefined : form.role,
      teamIds: form.teamIds,
      territories: form.territories,
      canRevealSensitive: form.role === "reviewer" ? form.canRevealSensitive : undefined,
    });
  return (
    <DialogForm
      onSubmit={submit}
      onCancel={onCancel}
      submitLabel={`Save ${user.name}`}
      busy={update.isPending}
      error={update.error?.message ?? null}
    >
      <RoleSelect
        value={form.role}
        onChange={(role) => setForm({ ...form, role })}
        error={errors?.role?.[0]}
        disabled={isSelf}
      />
      {isSelf ? <p className="text-xs text-slate-500">You cannot change your own role.</p> : null}
      {form.role === "reviewer" ? (
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input
            type="checkbox"
            checked={form.canRevealSensitive}
            onChange={(e) => setForm({ ...form, canRevealSensitive: e.target.checked })}
          />
          May reveal masked contact and sensitive data in a case
        </label>
      ) : null}
      <TeamsAndTerritories
        teamIds={form.teamIds}
        territories={form.territories}
        errors={errors}
        onTeams={(teamIds) => setForm({ ...form, teamIds })}
        onTerritories={(territories) => setForm({ ...form, territories })}
      />
    </DialogForm>
  );
}
