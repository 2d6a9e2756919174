import { describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client";
import { loadSessionUser } from "../../server/services/session-user";
import { resolveSsoSignIn, SIGN_IN_LIMITS, verifySignIn } from "../../server/services/sign-in";
import { createTestUser, SESSION_OPTIONS, TEST_PASSWORD } from "../support/users";

let ipCounter = 0;
/** A fresh client address per call, so the per-address limit of one test never affects another. */
const nextIp = () => `198.51.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

const signIn = (email: unknown, password: unknown, ip = nextIp()) =>
  verifySignIn(getDb(), { email, password, ip }, SESSION_OPTIONS);

describe("password sign-in", () => {
  it("accepts the right password, case-insensitively on the email, opens a session and audits it", async () => {
    const user = await createTestUser("reviewer");
    const result = await signIn(`  ${user.email.toUpperCase()} `, TEST_PASSWORD);
    expect(result).toMatchObject({ ok: true, user: { id: user.id, role: "reviewer" } });
    const sessionId = result.ok ? result.user.sessionId : "";
    expect(await loadSessionUser(getDb(), sessionId)).toMatchObject({ id: user.id, role: "reviewer" });
    const session = await getDb().session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBe(SESSION_OPTIONS.sessionMaxAgeSeconds * 1000);
    const row = await getDb().user.findUniqueOrThrow({ where: { id: user.id }, select: { lastSignInAt: true } });
    expect(row.lastSignInAt).toBeInstanceOf(Date);
    expect(await getDb().auditLog.count({ where: { action: "auth.sign_in", actorId: user.id } })).toBe(1);
  });

  it("gives the same answer for a wrong password and an unknown email", async () => {
    const user = await createTestUser("owner");
    expect(await signIn(user.email, "not it")).toEqual({ ok: false, reason: "invalid_credentials" });
    expect(await signIn("nobody@it.handoffdesk.test", TEST_PASSWORD)).toEqual({
      ok: false,
      reason: "invalid_credentials",
    });
  });

  it("refuses a deactivated account only after the password is right, and opens no session", async () => {
    const user = await createTestUser("owner", { active: false });
    expect(await signIn(user.email, "wrong")).toMatchObject({ reason: "invalid_credentials" });
    expect(await signIn(user.email, TEST_PASSWORD)).toMatchObject({ reason: "account_disabled" });
    expect(await getDb().session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("rejects malformed input", async () => {
    expect(await signIn("not an email", "x")).toEqual({ ok: false, reason: "invalid_input" });
    expect(await signIn(undefined, undefined)).toEqual({ ok: false, reason: "invalid_input" });
  });

  it("stores the password only as an argon2id hash", async () => {
    const user = await createTestUser("owner", { password: "a very particular password" });
    const row = await getDb().user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain("particular");
  });
});

describe("brute-force limits", () => {
  it(`lock one account for one address after ${SIGN_IN_LIMITS.perAccountAndAddress} attempts, even with the right password`, async () => {
    const user = await createTestUser("owner");
    const ip = nextIp();
    for (let i = 0; i < SIGN_IN_LIMITS.perAccountAndAddress; i++) {
      expect(await signIn(user.email, `guess-${i}`, ip)).toMatchObject({ reason: "invalid_credentials" });
    }
    expect(await signIn(user.email, TEST_PASSWORD, ip)).toEqual({ ok: false, reason: "rate_limited" });
    // The real user, elsewhere, is not locked out by one guesser.
    expect(await signIn(user.email, TEST_PASSWORD)).toMatchObject({ ok: true });
  });

  it(`lock an account from everywhere after ${SIGN_IN_LIMITS.perAccount} attempts from many addresses`, async () => {
    const user = await createTestUser("owner");
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) await signIn(user.email, `guess-${i}`);
    expect(await signIn(user.email, TEST_PASSWORD)).toEqual({ ok: false, reason: "rate_limited" });
  });

  it("limit one address across many accounts (password spraying)", async () => {
    const ip = nextIp();
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress; i++) await signIn(`spray-${i}@it.handoffdesk.test`, "x", ip);
    const user = await createTestUser("owner");
    expect(await signIn(user.email, TEST_PASSWORD, ip)).toMatchObject({ reason: "rate_limited" });
    expect(await signIn(user.email, TEST_PASSWORD)).toMatchObject({ ok: true });
  });

  it("count parallel guesses exactly: no more than the limit get a password check", async () => {
    const user = await createTestUser("owner");
    const ip = nextIp();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn(user.email, `guess-${i}`, ip)));
    const checked = results.filter((r) => !r.ok && r.reason === "invalid_credentials").length;
    expect(checked).toBe(SIGN_IN_LIMITS.perAccountAndAddress);
    expect(results.filter((r) => !r.ok && r.reason === "rate_limited")).toHaveLength(12 - checked);
  });

  it("record one audit entry per lockout, however many attempts follow", async () => {
    const user = await createTestUser("owner");
    const ip = nextIp();
    for (let i = 0; i < SIGN_IN_LIMITS.perAccountAndAddress + 6; i++) await signIn(user.email, `guess-${i}`, ip);
    expect(await getDb().auditLog.count({ where: { action: "auth.sign_in_rate_limited", targetId: user.id } })).toBe(1);
  });

  it("clear the account's counters after a successful sign-in", async () => {
    const user = await createTestUser("owner");
    const ip = nextIp();
    for (let i = 0; i < SIGN_IN_LIMITS.perAccountAndAddress - 1; i++) await signIn(user.email, "wrong", ip);
    expect(await signIn(user.email, TEST_PASSWORD, ip)).toMatchObject({ ok: true });
    for (let i = 0; i < SIGN_IN_LIMITS.perAccountAndAddress - 1; i++) {
      expect(await signIn(user.email, "wrong", ip)).toMatchObject({ reason: "invalid_credentials" });
    }
  });
});

describe("single sign-on", () => {
  const ISSUER = "https://id.example.com";
  const sso = (input: { subject: string; email?: string | null; emailVerified?: boolean | null; issuer?: string }) =>
    resolveSsoSignIn(getDb(), { issuer: ISSUER, ...input }, SESSION_OPTIONS);

  it("links an existing user by verified email, then recognises the subject alone", async () => {
    const user = await createTestUser("manager");
    expect(await sso({ subject: `sub-${user.id}`, email: user.email, emailVerified: true })).toMatchObject({
      ok: true,
      user: { id: user.id },
    });
    expect(await sso({ subject: `sub-${user.id}`, email: "changed@elsewhere.example" })).toMatchObject({
      ok: true,
      user: { id: user.id },
    });
    expect(await getDb().userIdentity.findMany({ where: { userId: user.id }, select: { provider: true } })).toEqual([
      { provider: ISSUER },
    ]);
  });

  it("links only an email the provider says is verified", async () => {
    const user = await createTestUser("manager");
    for (const emailVerified of [false, null, undefined]) {
      expect(await sso({ subject: `unverified-${user.id}`, email: user.email, emailVerified })).toEqual({
        ok: false,
        reason: "invalid_credentials",
      });
    }
    expect(await getDb().userIdentity.count({ where: { userId: user.id } })).toBe(0);
  });

  it("never re-links a user already linked at that provider, nor matches another provider's subject", async () => {
    const user = await createTestUser("admin");
    await sso({ subject: "original", email: user.email, emailVerified: true });
    expect(await sso({ subject: "impostor", email: user.email, emailVerified: true })).toMatchObject({ ok: false });
    expect(await sso({ subject: "original", issuer: "https://other-idp.example.com" })).toMatchObject({ ok: false });
  });

  it("never creates users", async () => {
    const before = await getDb().user.count();
    expect(await sso({ subject: "stranger", email: "stranger@else.example", emailVerified: true })).toMatchObject({
      ok: false,
    });
    expect(await getDb().user.count()).toBe(before);
  });

  it("refuses a deactivated user and does not link them", async () => {
    const user = await createTestUser("owner", { active: false });
    expect(await sso({ subject: `sub-${user.id}`, email: user.email, emailVerified: true })).toEqual({
      ok: false,
      reason: "account_disabled",
    });
    expect(await getDb().userIdentity.count({ where: { userId: user.id } })).toBe(0);
  });
});
