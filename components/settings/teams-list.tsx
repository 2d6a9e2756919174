"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { ROLE_LABELS } from "@/server/auth/permissions";
import { Badge } from "../ui/badge";
import { EmptyState } from "../ui/empty-state";
import { StatusMessage } from "../ui/status-message";

export function TeamsList() {
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
