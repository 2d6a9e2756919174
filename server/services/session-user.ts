import { permissionsOf, type Permission, type Role } from "../auth/permissions";
import type { Db } from "../db/client";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  permissions: readonly Permission[];
}

/**
 * The user behind a session token, read fresh from the database on every request: a deactivated
 * user, or a token issued before the user's session version was bumped, gets null. Role changes
 * take effect on the next request for the same reason.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loadSessionUser(db: Db, userId: string, sessionVersion: number): Promise<SessionUser | null> {
  if (!UUID.test(userId)) return null;
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, active: true, sessionVersion: true },
  });
  if (!user || !user.active || user.sessionVersion !== sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, permissions: permissionsOf(user.role) };
}
