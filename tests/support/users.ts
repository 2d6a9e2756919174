import { randomUUID } from "node:crypto";
import { createCaller } from "../../server/api/root";
import { hashPassword } from "../../server/auth/password";
import type { Role } from "../../server/auth/permissions";
import { getDb } from "../../server/db/client";
import { createSession, loadSessionUser } from "../../server/services/session-user";

export const TEST_PASSWORD = "correct horse battery";
export const SESSION_OPTIONS = { sessionMaxAgeSeconds: 3600 };

let cachedHash: Promise<string> | undefined;

/** A user with a unique email, so tests never collide in the shared run database. */
export async function createTestUser(
  role: Role,
  overrides: { password?: string; active?: boolean; name?: string } = {},
) {
  const passwordHash = overrides.password
    ? await hashPassword(overrides.password)
    : await (cachedHash ??= hashPassword(TEST_PASSWORD));
  const email = `${role}-${randomUUID().slice(0, 8)}@it.handoffdesk.test`;
  return getDb().user.create({
    data: { email, name: overrides.name ?? `Test ${role}`, role, passwordHash, active: overrides.active ?? true },
    select: { id: true, email: true, role: true },
  });
}

/** Opens a session for the user, as a sign-in would; returns its id (what the cookie carries). */
export async function openSession(userId: string): Promise<string> {
  return (await createSession(getDb(), userId, "password", SESSION_OPTIONS.sessionMaxAgeSeconds)).id;
}

/** A tRPC caller for a session id, checked exactly as an HTTP request's session is. */
export async function callerForSession(sessionId: string | null) {
  const db = getDb();
  return createCaller({ db, user: await loadSessionUser(db, sessionId) });
}

/** A tRPC caller signed in as the user (a fresh session), or anonymous. */
export async function callerFor(user: { id: string } | null) {
  return callerForSession(user ? await openSession(user.id) : null);
}
