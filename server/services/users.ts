import { z } from "zod";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { recordAudit } from "./audit";

export const ZSetUserActiveInput = z.object({
  userId: z.uuid("userId must be a user id"),
  active: z.boolean(),
});

export async function listUsersForAdmin(db: Db) {
  const users = await db.user.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      active: true,
      lastSignInAt: true,
      memberships: { select: { team: { select: { name: true } } }, orderBy: { team: { name: "asc" } } },
    },
  });
  return users.map(({ memberships, ...user }) => ({ ...user, teams: memberships.map((m) => m.team.name) }));
}

export async function listTeamsWithMembers(db: Db) {
  const teams = await db.team.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      description: true,
      members: { select: { isLead: true, user: { select: { id: true, name: true, role: true, active: true } } } },
    },
  });
  return teams.map(({ members, ...team }) => ({
    ...team,
    members: members
      .map((m) => ({ ...m.user, isLead: m.isLead }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  }));
}

/**
 * Deactivates or reactivates a user. Deactivation bumps the session version, so every session the
 * user holds stops working on its next request. Nobody can lock themselves out.
 */
export async function setUserActive(db: Db, actorId: string, input: z.infer<typeof ZSetUserActiveInput>) {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: input.userId },
      select: { id: true, active: true },
    });
    if (!user) throw new AppError("NOT_FOUND", "No such user.");
    if (user.active === input.active) return { id: user.id, active: user.active };
    // Only active admins get here, so refusing self-deactivation also keeps at least one admin.
    if (!input.active && user.id === actorId) throw new AppError("CONFLICT", "You cannot deactivate your own account.");
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { active: input.active, ...(input.active ? {} : { sessionVersion: { increment: 1 } }) },
      select: { id: true, active: true },
    });
    await recordAudit(tx, {
      actorId,
      action: input.active ? "user.reactivated" : "user.deactivated",
      targetType: "user",
      targetId: user.id,
      before: { active: user.active },
      after: { active: updated.active },
    });
    return updated;
  });
}
