"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { ROLE_LABELS } from "@/server/auth/permissions";
import { Badge } from "../ui/badge";
import { EmptyState } from "../ui/empty-state";
import { StatusMessage } from "../ui/status-message";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { FIELD } from "../ui/filter-field";
import { Field } from "./fields";

/** A new team: routing rules and response targets can name it once it exists. */
function NewTeamForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ name: "", description: "" });
  const create = useMutation(
    trpc.users.createTeam.mutationOptions({
      onSuccess: async () => {
        setForm({ name: "", description: "" });
        await queryClient.invalidateQueries({ queryKey: trpc.users.teams.queryKey() });
      },
    }),
  );
  const errors = create.error?.data?.fieldErrors as Record<string, string[] | undefined> | null | undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name: form.name, description: form.description || undefined });
  };
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2 px-6 pt-4" noValidate>
      <Field
        label="New team"
        htmlFor="team-name"
        error={errors?.name?.[0] ?? (errors ? undefined : create.error?.message)}
      >
        <input
          id="team-name"
          className={cn(FIELD, "w-48")}
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
        />
      </Field>
      <Field label="Description (optional)" htmlFor="team-description">
        <input
          id="team-description"
          className={cn(FIELD, "w-72")}
          value={form.description}
          onChange={(e) => setForm({ ...form, description: e.target.value })}
        />
      </Field>
      <Button type="submit" variant="secondary" disabled={create.isPending}>
        Create team
      </Button>
    </form>
  );
}

export function TeamsList() {
  return (
    <>
      <NewTeamForm />
      <TeamCards />
    </>
  );
}

function TeamCards() {
  const trpc = useTRPC();
  const teams = useQuery(trpc.users.teams.queryOptions());
  if (teams.isPending) return <StatusMessage>Loading teams…</StatusMessage>;
  if (teams.isError) return <StatusMessage tone="error">Could not load teams: {teams.error.message}</StatusMessage>;
  if (teams.data.length === 0) {
    return (
      <EmptyState title="No teams yet">
        <p>Teams group the owners that handoffs are routed to, such as Sales, Support and Customer Success.</p>
      </EmptyState>
    );
  }
  return (
    <div className="grid gap-4 px-6 py-4 lg:grid-cols-2 xl:grid-cols-3">
      {teams.data.map((team) => (
        <section
          key={team.id}
          className="rounded-lg border border-slate-200 bg-white p-4"
          aria-labelledby={`team-${team.id}`}
        >
          <h2 id={`team-${team.id}`} className="text-sm font-semibold text-slate-900">
            {team.name}
          </h2>
          {team.description ? <p className="mt-0.5 text-xs text-slate-500">{team.description}</p> : null}
          <ul className="mt-3 space-y-1 text-sm">
            {team.members.length === 0 ? <li className="text-slate-500">No members</li> : null}
            {team.members.map((member) => (
              <li key={member.id} className="flex items-center justify-between gap-2">
                <span className={member.active ? "" : "text-slate-500 line-through"}>{member.name}</span>
                <span className="flex gap-1">
                  {member.isLead ? <Badge tone="blue">Lead</Badge> : null}
                  <Badge>{ROLE_LABELS[member.role]}</Badge>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
