import type { Prisma } from "../../db/generated/prisma/client";
import type { RoutingDecision } from "../../domain/routing/route";

/**
 * Turns routing's choice into a person: the account owner, a named user, or a team member picked by
 * round robin (the one after whoever got the team's last handoff) or by fewest open handoffs. Only
 * active users are picked; null when there is nobody.
 */
export async function resolveOwner(
  tx: Prisma.TransactionClient,
  routing: RoutingDecision,
): Promise<{ ownerId: string | null; teamId: string | null }> {
  const assign = routing.assign;
  if (assign.to === "account_owner") {
    const owner = routing.ownerId
      ? await tx.user.findFirst({ where: { id: routing.ownerId, active: true }, select: { id: true } })
      : null;
    return { ownerId: owner?.id ?? null, teamId: null };
  }
  if (assign.to === "user") {
    const user = await tx.user.findFirst({ where: { email: assign.email, active: true }, select: { id: true } });
    return { ownerId: user?.id ?? null, teamId: null };
  }
  const team = await tx.team.findFirst({
    where: { name: { equals: assign.team, mode: "insensitive" } },
    select: {
      id: true,
      members: {
        where: { user: { active: true } },
        select: { userId: true },
        orderBy: { userId: "asc" },
      },
    },
  });
  if (!team) return { ownerId: null, teamId: null };
  const members = team.members.map((m) => m.userId);
  if (members.length === 0) return { ownerId: null, teamId: team.id };
  // The team's row lock queues concurrent assignments, so two handoffs don't both pick one person.
  await tx.$executeRaw`SELECT 1 FROM teams WHERE id = ${team.id}::uuid FOR UPDATE`;
  if (assign.strategy === "round_robin") {
    const last = await tx.handoff.findFirst({
      where: { teamId: team.id, ownerId: { in: members } },
      orderBy: { createdAt: "desc" },
      select: { ownerId: true },
    });
    const next = last?.ownerId ? (members.indexOf(last.ownerId) + 1) % members.length : 0;
    return { ownerId: members[next]!, teamId: team.id };
  }
  const open = await tx.handoff.groupBy({
    by: ["ownerId"],
    where: { ownerId: { in: members }, status: "open" },
    _count: { _all: true },
  });
  const load = new Map(open.map((row) => [row.ownerId, row._count._all]));
  const ownerId = members.reduce((best, id) => ((load.get(id) ?? 0) < (load.get(best) ?? 0) ? id : best), members[0]!);
  return { ownerId, teamId: team.id };
}
