import { createHash, randomBytes } from "node:crypto";
import type { z } from "zod";
import { hashPassword, verifyPassword } from "../../auth/password";
import type { Db } from "../../db/client";
import { isUniqueViolation } from "../../db/errors";
import { getEnv } from "../../env";
import { AppError } from "../../errors";
import { logger } from "../../logger";
import { recordAudit } from "../audit";
import { getMailer } from "../outbound/mailer";
import { revokeAllSessions } from "../session-user";
import { generatePassword } from "../users";
import type { ZAcceptInvitation, ZChangePassword, ZCreateTeam, ZInviteInput, ZUpdateUserInput } from "./people-input";

// People (settings, issue 7): invite a user by a sign-in link or a one-time password, change their
// role, teams and territories, and let people set their own password. Deactivation (which ends
// every session at once) is in ../users.ts. Every change is audited.

export const INVITATION_DAYS = 7;

function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function invitationUrl(token: string): string {
  return new URL(`/invite/${token}`, getEnv().APP_URL).toString();
}

async function checkTeams(db: Pick<Db, "team">, teamIds: string[]): Promise<void> {
  if (teamIds.length === 0) return;
  const found = await db.team.count({ where: { id: { in: teamIds } } });
  if (found !== new Set(teamIds).size)
    throw new AppError("BAD_REQUEST", "teamIds: a team no longer exists", { field: "teamIds" });
}

/**
 * Creates the user and either a sign-in link (emailed when email is set up; otherwise returned for
 * the admin to pass on) or a one-time password (returned once; they must choose their own at first
 * sign-in). Neither is stored in clear.
 */
export async function inviteUser(db: Db, actorId: string, input: z.infer<typeof ZInviteInput>) {
  await checkTeams(db, input.teamIds);
  const token = randomBytes(32).toString("base64url");
  const password = input.method === "password" ? generatePassword() : null;
  const passwordHash = password ? await hashPassword(password) : null;
  const duplicate = () =>
    new AppError("CONFLICT", `email: a user with the email ${input.email} already exists`, { field: "email" });
  const user = await db
    .$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) throw duplicate();
      const created = await tx.user.create({
        data: {
          email: input.email,
          name: input.name,
          role: input.role,
          passwordHash,
          mustChangePassword: password !== null,
          territories: [...new Set(input.territories)],
          memberships: { create: [...new Set(input.teamIds)].map((teamId) => ({ teamId })) },
        },
        select: { id: true, email: true, name: true, role: true },
      });
      if (input.method === "link")
        await tx.userInvitation.create({
          data: {
            userId: created.id,
            tokenHash: tokenHash(token),
            expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
            createdById: actorId,
          },
        });
      await recordAudit(tx, {
        actorId,
        action: "user.invited",
        targetType: "user",
        targetId: created.id,
        after: { role: input.role, teamIds: input.teamIds, territories: input.territories, method: input.method },
      });
      return created;
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? duplicate() : error;
    });

  if (password) return { user, method: "password" as const, password, link: null, emailed: false, emailError: null };
  const link = invitationUrl(token);
  const mailer = await getMailer(db);
  if (!mailer)
    return { user, method: "link" as const, password: null, link, emailed: false, emailError: "Email is not set up." };
  try {
    await mailer.send({
      to: user.email,
      subject: "You're invited to Handoff Desk",
      text: [
        `Hello ${user.name},`,
        "",
        "You have been given an account on Handoff Desk. Choose your password here to sign in:",
        link,
        "",
        `The link works once and expires in ${INVITATION_DAYS} days.`,
      ].join("\n"),
    });
    return { user, method: "link" as const, password: null, link: null, emailed: true, emailError: null };
  } catch (error) {
    logger.warn("invitation email failed; the admin is shown the link", { userId: user.id, err: error });
    return {
      user,
      method: "link" as const,
      password: null,
      link,
      emailed: false,
      emailError: "The email could not be sent.",
    };
  }
}

/** What the invitation page shows before the person chooses a password. */
export async function describeInvitation(db: Db, token: string) {
  const invitation = await db.userInvitation.findUnique({
    where: { tokenHash: tokenHash(token) },
    select: {
      usedAt: true,
      expiresAt: true,
      user: { select: { email: true, name: true, active: true, passwordHash: true } },
    },
  });
  if (!invitation) return { valid: false as const, reason: "This link is not valid. Ask an admin for a new one." };
  if (invitation.usedAt || invitation.user.passwordHash)
    return { valid: false as const, reason: "This link was already used. Sign in instead." };
  if (invitation.expiresAt.getTime() <= Date.now())
    return { valid: false as const, reason: "This link has expired. Ask an admin for a new one." };
  if (!invitation.user.active) return { valid: false as const, reason: "This account has been deactivated." };
  return { valid: true as const, email: invitation.user.email, name: invitation.user.name };
}

/**
 * Sets the invited person's password; the link works once, and only while they have no password
 * yet (a one-time password or their own choice since makes it void). Their sessions end.
 */
export async function acceptInvitation(db: Db, input: z.infer<typeof ZAcceptInvitation>) {
  const refused = () =>
    new AppError("BAD_REQUEST", "token: this link is no longer valid. Ask an admin for a new one.", { field: "token" });
  // The token first: a public procedure must not spend an argon2 hash on every made-up link.
  const known = await db.userInvitation.findUnique({
    where: { tokenHash: tokenHash(input.token) },
    select: { usedAt: true, expiresAt: true },
  });
  if (!known || known.usedAt || known.expiresAt.getTime() <= Date.now()) throw refused();
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const [invitation] = await tx.$queryRaw<{ id: string; user_id: string; used_at: Date | null; expires_at: Date }[]>`
      SELECT id::text AS id, user_id::text AS user_id, used_at, expires_at FROM user_invitations
       WHERE token_hash = ${tokenHash(input.token)} FOR UPDATE`;
    const user = invitation
      ? await tx.user.findUnique({
          where: { id: invitation.user_id },
          select: { id: true, email: true, active: true, passwordHash: true },
        })
      : null;
    if (
      !invitation ||
      !user ||
      invitation.used_at ||
      invitation.expires_at.getTime() <= Date.now() ||
      !user.active ||
      user.passwordHash
    )
      throw refused();
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false } });
    await tx.userInvitation.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: new Date() } });
    await revokeAllSessions(tx, user.id);
    await recordAudit(tx, {
      actorId: user.id,
      action: "user.invitation_accepted",
      targetType: "user",
      targetId: user.id,
    });
    return { email: user.email };
  });
}

/**
 * Changes a user's role, teams, territories or reveal permission. Nobody changes their own role,
 * and the last active admin cannot be demoted: someone must always be able to manage the desk.
 */
export async function updateUser(db: Db, actorId: string, input: z.infer<typeof ZUpdateUserInput>) {
  if (input.role !== undefined && input.userId === actorId)
    throw new AppError("CONFLICT", "role: you cannot change your own role", { field: "role" });
  if (input.teamIds) await checkTeams(db, input.teamIds);
  return db.$transaction(async (tx) => {
    // Admins are counted under a lock, so two demotions at once cannot leave none.
    const admins = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text AS id FROM users WHERE role = 'admin' AND active ORDER BY id FOR UPDATE`;
    const before = await tx.user.findUnique({
      where: { id: input.userId },
      select: {
        role: true,
        territories: true,
        canRevealSensitive: true,
        memberships: { select: { teamId: true }, orderBy: { teamId: "asc" } },
      },
    });
    // The actor's own role may have changed since this request began (another admin demoted them).
    if (!admins.some((a) => a.id === actorId)) throw new AppError("FORBIDDEN", "Your role no longer allows this.");
    if (!before) throw new AppError("NOT_FOUND", "userId: no such user", { field: "userId" });
    if (
      input.role !== undefined &&
      input.role !== "admin" &&
      before.role === "admin" &&
      admins.every((a) => a.id === input.userId)
    )
      throw new AppError("CONFLICT", "role: this is the last active admin; make someone else an admin first", {
        field: "role",
      });
    await tx.user.update({
      where: { id: input.userId },
      data: {
        role: input.role,
        territories: input.territories ? [...new Set(input.territories)] : undefined,
        canRevealSensitive: input.canRevealSensitive,
      },
    });
    if (input.teamIds) {
      const wanted = new Set(input.teamIds);
      await tx.teamMembership.deleteMany({ where: { userId: input.userId, teamId: { notIn: [...wanted] } } });
      await tx.teamMembership.createMany({
        data: [...wanted].map((teamId) => ({ teamId, userId: input.userId })),
        skipDuplicates: true,
      });
    }
    const after = {
      role: input.role ?? before.role,
      territories: input.territories ?? before.territories,
      canRevealSensitive: input.canRevealSensitive ?? before.canRevealSensitive,
      teamIds: input.teamIds ? [...new Set(input.teamIds)].sort() : before.memberships.map((m) => m.teamId),
    };
    await recordAudit(tx, {
      actorId,
      action: "user.updated",
      targetType: "user",
      targetId: input.userId,
      before: {
        role: before.role,
        territories: before.territories,
        canRevealSensitive: before.canRevealSensitive,
        teamIds: before.memberships.map((m) => m.teamId),
      },
      after,
    });
    return after;
  });
}

/** A new one-time password for a user (shown once); their sessions end and they must choose their own. */
export async function issueOneTimePassword(db: Db, actorId: string, userId: string) {
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, active: true } });
    if (!user) throw new AppError("NOT_FOUND", "userId: no such user", { field: "userId" });
    if (!user.active) throw new AppError("CONFLICT", "Reactivate this user before giving them a password.");
    await tx.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: true } });
    // A sign-in link still out there must not reset the password given now.
    await tx.userInvitation.updateMany({ where: { userId, usedAt: null }, data: { usedAt: new Date() } });
    const sessionsEnded = await revokeAllSessions(tx, userId);
    await recordAudit(tx, {
      actorId,
      action: "user.password_reset",
      targetType: "user",
      targetId: userId,
      after: { oneTime: true, sessionsEnded },
    });
    return { password };
  });
}

/** A signed-in user's own password change; other sessions end, this one stays. */
export async function changeOwnPassword(
  db: Db,
  user: { id: string; sessionId: string },
  input: z.infer<typeof ZChangePassword>,
) {
  const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
  if (!row.passwordHash || !(await verifyPassword(row.passwordHash, input.current)))
    throw new AppError("BAD_REQUEST", "current: that is not your current password", { field: "current" });
  if (input.current === input.next)
    throw new AppError("BAD_REQUEST", "next: choose a password different from the current one", { field: "next" });
  const passwordHash = await hashPassword(input.next);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false } });
    await tx.userInvitation.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: new Date() } });
    await tx.session.updateMany({
      where: { userId: user.id, revokedAt: null, id: { not: user.sessionId } },
      data: { revokedAt: new Date() },
    });
    await recordAudit(tx, { actorId: user.id, action: "user.password_changed", targetType: "user", targetId: user.id });
  });
  return { changed: true };
}

export async function createTeam(db: Db, actorId: string, input: z.infer<typeof ZCreateTeam>) {
  try {
    return await db.$transaction(async (tx) => {
      // Routing finds a team by its name whatever the case, so "sales" beside "Sales" is refused.
      const clash = await tx.team.findFirst({ where: { name: { equals: input.name, mode: "insensitive" } } });
      if (clash)
        throw new AppError("CONFLICT", `name: there is already a team called ${clash.name}`, { field: "name" });
      const team = await tx.team.create({
        data: { name: input.name, description: input.description || null },
        select: { id: true, name: true },
      });
      await recordAudit(tx, { actorId, action: "team.created", targetType: "team", targetId: team.id, after: input });
      return team;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", `name: there is already a team called ${input.name}`, { field: "name" });
    throw error;
  }
}
