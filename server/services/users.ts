import { randomBytes } from "node:crypto";
import { z } from "zod";
import { hashPassword, MIN_PASSWORD_LENGTH } from "../auth/password";
import { ROLES } from "../auth/permissions";
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
    members: members.map((m) => ({ ...m.user, isLead: m.isLead })).sort((a, b) => a.name.localeCompare(b.name)),
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

export const ZCreateUserInput = z.object({
  email: z.string().trim().toLowerCase().max(320).pipe(z.email("email must be a valid email address")),
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
  const existing = await db.user.findUnique({ where: { email: parsed.email }, select: { id: true } });
  if (existing) throw new AppError("CONFLICT", `A user with the email ${parsed.email} already exists.`);
  const passwordHash = await hashPassword(password);
  const user = await db.$transaction(async (tx) => {
    const created = await tx.user.create({
      data: { email: parsed.email, name: parsed.name, role: parsed.role, passwordHash },
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
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await recordAudit(tx, { actorId, action: "user.password_reset", targetType: "user", targetId: user.id });
    return { userId: user.id, generatedPassword: password };
  });
}
