import { userPermissions, type Permission, type Role } from "../auth/permissions";
import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/prisma/client";
import { recordAudit } from "./audit";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  permissions: readonly Permission[];
  sessionId: string;
  /** Signed in with a one-time password: nothing but choosing their own is allowed until they do. */
  mustChangePassword: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Writer = Pick<Db, "session">;

/** Opens a session for a sign-in; it ends `maxAgeSeconds` later however active it is. */
export async function createSession(db: Writer, userId: string, method: string, maxAgeSeconds: number) {
  const now = Date.now();
  return db.session.create({
    data: { userId, method, createdAt: new Date(now), expiresAt: new Date(now + maxAgeSeconds * 1000) },
    select: { id: true },
  });
}

/**
 * The user behind a session id, read fresh from the database on every request: null when the
 * session was revoked (sign-out, deactivation, password reset) or has expired, or the user is no
 * longer active. Role changes take effect on the next request for the same reason.
 */
export async function loadSessionUser(db: Db, sessionId: string | null | undefined): Promise<SessionUser | null> {
  if (!sessionId || !UUID.test(sessionId)) return null;
  const session = await db.session.findUnique({
    where: { id: sessionId },
    select: {
      revokedAt: true,
      expiresAt: true,
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          role: true,
          active: true,
          canRevealSensitive: true,
          mustChangePassword: true,
        },
      },
    },
  });
  if (!session || session.revokedAt || session.expiresAt.getTime() <= Date.now() || !session.user.active) return null;
  const { id, email, name, role, canRevealSensitive, mustChangePassword } = session.user;
  return {
    id,
    email,
    name,
    role,
    permissions: userPermissions(role, { canRevealSensitive }),
    sessionId,
    mustChangePassword,
  };
}

/** Ends one session (signing out on this device). */
export async function revokeSession(db: Db, sessionId: string): Promise<void> {
  if (!UUID.test(sessionId)) return;
  const session = await db.session.findUnique({ where: { id: sessionId }, select: { userId: true, revokedAt: true } });
  if (!session || session.revokedAt) return;
  await db.$transaction(async (tx) => {
    await tx.session.update({ where: { id: sessionId }, data: { revokedAt: new Date() } });
    await recordAudit(tx, {
      actorId: session.userId,
      action: "auth.sign_out",
      targetType: "user",
      targetId: session.userId,
    });
  });
}

/** Ends every open session of a user. Pass the transaction client of the change that requires it. */
export async function revokeAllSessions(tx: Prisma.TransactionClient | Db, userId: string): Promise<number> {
  const { count } = await tx.session.updateMany({
    where: { userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count;
}

/** Deletes sessions that ended more than a day ago (housekeeping). */
export async function pruneSessions(db: Db): Promise<number> {
  const cutoff = new Date(Date.now() - 86_400_000);
  const { count } = await db.session.deleteMany({
    where: { OR: [{ expiresAt: { lt: cutoff } }, { revokedAt: { lt: cutoff } }] },
  });
  return count;
}
