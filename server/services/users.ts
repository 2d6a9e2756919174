import { randomBytes } from "node:crypto";
import { z } from "zod";
import { hashPassword, MIN_PASSWORD_LENGTH } from "../auth/password";
import { ROLES } from "../auth/permissions";
import { zEmail } from "../auth/schemas";
import type { Db } from "../db/client";
import { isUniqueViolation } from "../db/errors";
import { AppError } from "../errors";
import { recordAudit } from "./audit";
import { revokeAllSessions } from "./session-user";

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
      territories: true,
      canRevealSensitive: true,
      mustChangePassword: true,
      lastSignInAt: true,
      passwordHash: true,
      identities: { select: { provider: true }, take: 1 },
      invitations: { where: { usedAt: null }, select: { expiresAt: true }, orderBy: { expiresAt: "desc" }, take: 1 },
      memberships: { select: { team: { select: { id: true, name: true } } }, orderBy: { team: { name: "asc" } } },
    },
  });
  return users.map(({ memberships, passwordHash, identities, invitations, ...user }) => ({
    ...user,
    teams: memberships.map((m) => m.team.name),
    teamIds: memberships.map((m) => m.team.id),
    /** Invited by a link not used yet (and no other way to sign in): when the link expires. */
    invitationExpiresAt: !passwordHash && identities.length === 0 ? (invitations[0]?.expiresAt ?? null) : null,
  }));
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
    members: members.map((m) => ({ ...m.user, isLead: m.isLead })).sort((a, b) => a.name.localeCompare(b.name)),
  }));
}

/**
 * Deactivates or reactivates a user. Deactivation revokes every session the user holds, so their
 * next request is refused. Nobody can deactivate themselves, and two admins deactivating each
 * other at the same moment cannot both succeed: both rows are locked (in id order, so the two
 * transactions queue instead of deadlocking) and the acting user must still be active.
 */
export async function setUserActive(db: Db, actorId: string, input: z.infer<typeof ZSetUserActiveInput>) {
  if (!input.active && input.userId === actorId) {
    throw new AppError("CONFLICT", "You cannot deactivate your own account.");
  }
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; active: boolean }[]>`
      SELECT id::text AS id, active FROM users
      WHERE id IN (${actorId}::uuid, ${input.userId}::uuid)
      ORDER BY id FOR UPDATE`;
    const actor = rows.find((row) => row.id === actorId);
    const user = rows.find((row) => row.id === input.userId);
    if (!actor?.active) throw new AppError("FORBIDDEN", "Your account is no longer active.");
    if (!user) throw new AppError("NOT_FOUND", "No such user.");
    if (user.active === input.active) return { id: user.id, active: user.active };
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { active: input.active },
      select: { id: true, active: true },
    });
    const sessionsEnded = input.active ? 0 : await revokeAllSessions(tx, user.id);
    await recordAudit(tx, {
      actorId,
      action: input.active ? "user.reactivated" : "user.deactivated",
      targetType: "user",
      targetId: user.id,
      before: { active: user.active },
      after: { active: updated.active, ...(input.active ? {} : { sessionsEnded }) },
    });
    return updated;
  });
}

export const ZCreateUserInput = z.object({
  email: zEmail("email must be a valid email address"),
  name: z.string().trim().min(1, "name is required").max(200),
  role: z.enum(ROLES, { message: `role must be one of ${ROLES.join(", ")}` }),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `password must be at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(1024)
    .optional(),
});

/** A random password for a first sign-in: 20 characters, shown once and never stored in clear. */
export function generatePassword(): string {
  return randomBytes(15).toString("base64url");
}

/**
 * Creates a user. Without a password, one is generated and returned (shown once to whoever
 * created the account). `actorId` is null when an operator runs the command line.
 */
export async function createUser(db: Db, actorId: string | null, input: z.input<typeof ZCreateUserInput>) {
  const parsed = ZCreateUserInput.parse(input);
  const password = parsed.password ?? generatePassword();
  const duplicate = () => new AppError("CONFLICT", `A user with the email ${parsed.email} already exists.`);
  if (await db.user.findUnique({ where: { email: parsed.email }, select: { id: true } })) throw duplicate();
  const passwordHash = await hashPassword(password);
  const user = await db
    .$transaction(async (tx) => {
      const created = await tx.user.create({
        // A generated password is a one-time password: its holder chooses their own at first sign-in.
        data: {
          email: parsed.email,
          name: parsed.name,
          role: parsed.role,
          passwordHash,
          mustChangePassword: parsed.password === undefined,
        },
        select: { id: true, email: true, name: true, role: true },
      });
      await recordAudit(tx, {
        actorId,
        action: "user.created",
        targetType: "user",
        targetId: created.id,
        after: { role: created.role },
      });
      return created;
    })
    // Someone created the same email between the check and the insert.
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? duplicate() : error;
    });
  return { user, generatedPassword: parsed.password ? null : password };
}

/** Replaces a user's password with a generated one and ends every session they hold. */
export async function resetPassword(db: Db, actorId: string | null, email: string) {
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true } });
    if (!user) throw new AppError("NOT_FOUND", `No user has the email ${email}.`);
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, mustChangePassword: true },
      select: { id: true },
    });
    await revokeAllSessions(tx, user.id);
    await recordAudit(tx, { actorId, action: "user.password_reset", targetType: "user", targetId: user.id });
    return { userId: user.id, generatedPassword: password };
  });
}
