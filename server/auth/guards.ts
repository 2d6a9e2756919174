import "server-only";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "../db/client";
import { loadSessionUser, type SessionUser } from "../services/session-user";
import { auth } from "./config";
import type { Permission } from "./permissions";

/** The signed-in, active user for this request, or null. Read from the database once per request. */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  return loadSessionUser(getDb(), session?.sid);
});

/**
 * For pages: the current user if they hold `permission`. No session -> the sign-in page (and back
 * here afterwards); a session without the permission -> 403. Pages call this themselves: layouts
 * and the proxy are not a security boundary.
 */
export async function requirePagePermission(permission: Permission, returnTo: string): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  // Signed in with a one-time password: their own password first.
  if (user.mustChangePassword) redirect(`/account/password?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!user.permissions.includes(permission)) forbidden();
  return user;
}
