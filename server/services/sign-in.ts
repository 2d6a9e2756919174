import { createHash } from "node:crypto";
import { z } from "zod";
import { burnPasswordCheck, verifyPassword } from "../auth/password";
import type { Role } from "../auth/permissions";
import type { Db } from "../db/client";
import { zEmail } from "../auth/schemas";
import { getEnv } from "../env";
import { recordAudit } from "./audit";
import { hitRateLimit, resetRateLimit } from "./rate-limit";
import { createSession } from "./session-user";

export const ZSignInInput = z.object({
  email: zEmail("Enter a valid email address"),
  password: z.string().min(1, "Enter your password").max(1024),
});

export type SignInFailure = "invalid_input" | "invalid_credentials" | "account_disabled" | "rate_limited";

export const SIGN_IN_MESSAGES: Record<SignInFailure, string> = {
  invalid_input: "Enter your email address and password.",
  invalid_credentials: "Wrong email or password.",
  account_disabled: "This account has been deactivated. Ask an admin to reactivate it.",
  rate_limited: "Too many sign-in attempts. Wait a few minutes and try again.",
};

/**
 * Brute-force limits, per 15-minute window: tight for one account from one address (a guesser),
 * looser for one account from anywhere (a distributed guesser, without letting one address lock
 * anyone out), and per address across accounts (password spraying; `perAddress` is the default of
 * SIGN_IN_LIMIT_PER_ADDRESS).
 */
export const SIGN_IN_LIMITS = {
  windowSeconds: 15 * 60,
  perAccountAndAddress: 5,
  perAccount: 25,
  perAddress: 50,
} as const;

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The session this sign-in opened; the session cookie carries it. */
  sessionId: string;
}

export type SignInResult = { ok: true; user: SignedInUser } | { ok: false; reason: SignInFailure };

export interface SignInOptions {
  sessionMaxAgeSeconds: number;
}

const digest = (value: string) => createHash("sha256").update(value).digest("hex").slice(0, 32);

/**
 * Checks an email and password. Every attempt counts against the limits before the password is
 * looked at, so parallel guesses cannot slip past them; success clears the account's counters.
 * The same message covers an unknown email and a wrong password.
 */
export async function verifySignIn(
  db: Db,
  input: { email: unknown; password: unknown; ip: string },
  options: SignInOptions,
): Promise<SignInResult> {
  const parsed = ZSignInInput.safeParse({ email: input.email, password: input.password });
  if (!parsed.success) return { ok: false, reason: "invalid_input" };
  const { email, password } = parsed.data;

  const account = digest(email);
  const keys = {
    pair: `sign-in:pair:${account}:${input.ip}`,
    account: `sign-in:account:${account}`,
    address: `sign-in:address:${input.ip}`,
  };
  const { windowSeconds } = SIGN_IN_LIMITS;
  const limits = await Promise.all([
    hitRateLimit(keys.pair, SIGN_IN_LIMITS.perAccountAndAddress, windowSeconds),
    hitRateLimit(keys.account, SIGN_IN_LIMITS.perAccount, windowSeconds),
    hitRateLimit(keys.address, getEnv().SIGN_IN_LIMIT_PER_ADDRESS, windowSeconds),
  ]);
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, active: true, passwordHash: true },
  });

  if (limits.some((limit) => !limit.allowed)) {
    // One audit entry per window (the first refused attempt), not one per attempt an attacker makes.
    if (user && limits.some((limit) => limit.hits === limit.limit + 1)) {
      await recordAudit(db, {
        actorId: null,
        action: "auth.sign_in_rate_limited",
        targetType: "user",
        targetId: user.id,
      });
    }
    return { ok: false, reason: "rate_limited" };
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

  await Promise.all([resetRateLimit(db, keys.pair), resetRateLimit(db, keys.account)]);
  return completeSignIn(db, user, { method: "password" }, options);
}

/** Records a successful sign-in (time, session and audit entry, together) and returns the session's user. */
async function completeSignIn(
  db: Db,
  user: Omit<SignedInUser, "sessionId">,
  how: { method: "password" } | { method: "sso"; provider: string },
  options: SignInOptions,
): Promise<SignInResult> {
  const session = await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() }, select: { id: true } });
    await recordAudit(tx, {
      actorId: user.id,
      action: "auth.sign_in",
      targetType: "user",
      targetId: user.id,
      after: how,
    });
    return createSession(tx, user.id, how.method === "sso" ? how.provider : how.method, options.sessionMaxAgeSeconds);
  });
  const { id, email, name, role } = user;
  return { ok: true, user: { id, email, name, role, sessionId: session.id } };
}

/**
 * Single sign-on: the identity provider vouches for the person; Handoff Desk decides whether they
 * may enter. Only an existing, active user may, found by a link made earlier (`issuer` + subject),
 * or on first use by an email the provider states is verified (`email_verified: true`), which is
 * then linked. A user already linked to another account at the same provider is never re-linked,
 * and no one is created here.
 */
export async function resolveSsoSignIn(
  db: Db,
  input: { issuer: string; subject: string; email?: string | null; emailVerified?: boolean | null },
  options: SignInOptions,
): Promise<SignInResult> {
  const select = { id: true, email: true, name: true, role: true, active: true } as const;
  const linked = await db.userIdentity.findUnique({
    where: { provider_subject: { provider: input.issuer, subject: input.subject } },
    select: { user: { select } },
  });
  let user = linked?.user ?? null;
  if (!user && input.email && input.emailVerified === true) {
    const byEmail = await db.user.findUnique({
      where: { email: input.email.trim().toLowerCase() },
      select: { ...select, identities: { where: { provider: input.issuer }, select: { subject: true } } },
    });
    if (byEmail?.active && byEmail.identities.length === 0) {
      await db.userIdentity.create({ data: { provider: input.issuer, subject: input.subject, userId: byEmail.id } });
      user = byEmail;
    } else if (byEmail && !byEmail.active) {
      return { ok: false, reason: "account_disabled" };
    }
  }
  if (!user) return { ok: false, reason: "invalid_credentials" };
  if (!user.active) return { ok: false, reason: "account_disabled" };
  return completeSignIn(db, user, { method: "sso", provider: input.issuer }, options);
}
