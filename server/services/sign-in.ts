import { createHash } from "node:crypto";
import { z } from "zod";
import { burnPasswordCheck, verifyPassword } from "../auth/password";
import type { Role } from "../auth/permissions";
import type { Db } from "../db/client";
import { recordAudit } from "./audit";
import { hitRateLimit, resetRateLimit } from "./rate-limit";

export const ZSignInInput = z.object({
  email: z.string().trim().toLowerCase().max(320).pipe(z.email("Enter a valid email address")),
  password: z.string().min(1, "Enter your password").max(1024),
});

export type SignInFailure = "invalid_input" | "invalid_credentials" | "account_disabled" | "rate_limited";

export const SIGN_IN_MESSAGES: Record<SignInFailure, string> = {
  invalid_input: "Enter your email address and password.",
  invalid_credentials: "Wrong email or password.",
  account_disabled: "This account has been deactivated. Ask an admin to reactivate it.",
  rate_limited: "Too many sign-in attempts. Wait a few minutes and try again.",
};

/** Brute-force limits: attempts per account and per client address, in one window. */
export const SIGN_IN_LIMITS = {
  windowSeconds: 15 * 60,
  perAccount: 5,
  perAddress: 50,
} as const;

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  sessionVersion: number;
}

export type SignInResult =
  { ok: true; user: SignedInUser } | { ok: false; reason: SignInFailure; retryAfterSeconds?: number };

const accountKey = (email: string) =>
  `sign-in:account:${createHash("sha256").update(email).digest("hex").slice(0, 32)}`;
const addressKey = (ip: string) => `sign-in:address:${ip}`;

/**
 * Checks an email and password. Every attempt counts against the account and the address before
 * the password is looked at, so parallel guesses cannot slip past the limit; success clears the
 * account's counter. The same message covers an unknown email and a wrong password.
 */
export async function verifySignIn(
  db: Db,
  input: { email: unknown; password: unknown; ip: string },
): Promise<SignInResult> {
  const parsed = ZSignInInput.safeParse({ email: input.email, password: input.password });
  if (!parsed.success) return { ok: false, reason: "invalid_input" };
  const { email, password } = parsed.data;

  const [byAccount, byAddress] = await Promise.all([
    hitRateLimit(db, accountKey(email), SIGN_IN_LIMITS.perAccount, SIGN_IN_LIMITS.windowSeconds),
    hitRateLimit(db, addressKey(input.ip), SIGN_IN_LIMITS.perAddress, SIGN_IN_LIMITS.windowSeconds),
  ]);
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, active: true, sessionVersion: true, passwordHash: true },
  });

  if (!byAccount.allowed || !byAddress.allowed) {
    if (user) {
      await recordAudit(db, {
        actorId: null,
        action: "auth.sign_in_rate_limited",
        targetType: "user",
        targetId: user.id,
      });
    }
    return {
      ok: false,
      reason: "rate_limited",
      retryAfterSeconds: Math.max(
        byAccount.allowed ? 0 : byAccount.retryAfterSeconds,
        byAddress.allowed ? 0 : byAddress.retryAfterSeconds,
      ),
    };
  }

  if (!user?.passwordHash) {
    await burnPasswordCheck(password);
    return { ok: false, reason: "invalid_credentials" };
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    await recordAudit(db, { actorId: null, action: "auth.sign_in_failed", targetType: "user", targetId: user.id });
    return { ok: false, reason: "invalid_credentials" };
  }
  if (!user.active) {
    await recordAudit(db, {
      actorId: null,
      action: "auth.sign_in_refused_inactive",
      targetType: "user",
      targetId: user.id,
    });
    return { ok: false, reason: "account_disabled" };
  }

  await resetRateLimit(db, accountKey(email));
  await db.$transaction([
    db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() }, select: { id: true } }),
    db.auditLog.create({
      data: {
        actorId: user.id,
        action: "auth.sign_in",
        targetType: "user",
        targetId: user.id,
        after: { method: "password" },
      },
    }),
  ]);
  return {
    ok: true,
    user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion },
  };
}

/**
 * Single sign-on: the identity provider vouches for the person; Handoff Desk decides whether they
 * may enter. Only an existing, active user may: by a link made earlier (issuer + subject), or on
 * first use by a verified email, which is then linked. No one is created here.
 */
export async function resolveSsoSignIn(
  db: Db,
  input: { provider: string; subject: string; email?: string | null; emailVerified?: boolean | null },
): Promise<SignInResult> {
  const select = { id: true, email: true, name: true, role: true, active: true, sessionVersion: true } as const;
  const linked = await db.userIdentity.findUnique({
    where: { provider_subject: { provider: input.provider, subject: input.subject } },
    select: { user: { select } },
  });
  let user = linked?.user ?? null;
  if (!user && input.email && input.emailVerified !== false) {
    const byEmail = await db.user.findUnique({ where: { email: input.email.trim().toLowerCase() }, select });
    if (byEmail) {
      await db.userIdentity.create({ data: { provider: input.provider, subject: input.subject, userId: byEmail.id } });
      user = byEmail;
    }
  }
  if (!user) return { ok: false, reason: "invalid_credentials" };
  if (!user.active) return { ok: false, reason: "account_disabled" };
  await db.$transaction([
    db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() }, select: { id: true } }),
    db.auditLog.create({
      data: {
        actorId: user.id,
        action: "auth.sign_in",
        targetType: "user",
        targetId: user.id,
        after: { method: "sso", provider: input.provider },
      },
    }),
  ]);
  return {
    ok: true,
    user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion },
  };
}
