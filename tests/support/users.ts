import { randomUUID } from "node:crypto";
import { createCaller } from "../../server/api/root";
import { hashPassword } from "../../server/auth/password";
import type { Role } from "../../server/auth/permissions";
import { getDb } from "../../server/db/client";
import { loadSessionUser } from "../../server/services/session-user";

let cachedHash: Promise<string> | undefined;

/** A user with a unique email, so tests never collide in the shared run database. */
export async function createTestUser(
  role: Role,
  overrides: { password?: string; active?: boolean; name?: string } = {},
) {
  const passwordHash = overrides.password
    ? await hashPassword(overrides.password)
    : await (cachedHash ??= hashPassword("correct horse battery"));
  const email = `${role}-${randomUUID().slice(0, 8)}@it.handoffdesk.test`;
  return getDb().user.create({
    data: { email, name: overrides.name ?? `Test ${role}`, role, passwordHash, active: overrides.active ?? true },
    select: { id: true, email: true, role: true, sessionVersion: true },
  });
}

/** A tRPC caller as the given user's session (user id + session version), checked like a request. */
export async function callerFor(user: { id: string; sessionVersion: number } | null) {
  const db = getDb();
  const sessionUser = user ? await loadSessionUser(db, user.id, user.sessionVersion) : null;
  return createCaller({ db, user: sessionUser });
}
