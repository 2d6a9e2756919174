import { describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client";
import { resolveSsoSignIn, SIGN_IN_LIMITS, verifySignIn } from "../../server/services/sign-in";
import { createTestUser } from "../support/users";

const PASSWORD = "correct horse battery";
let ipCounter = 0;
/** A fresh client address per test, so the per-address limit of one test never affects another. */
const nextIp = () => `198.51.100.${++ipCounter}`;

describe("password sign-in", () => {
  it("accepts the right password, case-insensitively on the email, and audits it", async () => {
    const user = await createTestUser("reviewer");
    const result = await verifySignIn(getDb(), {
      email: `  ${user.email.toUpperCase()} `,
      password: PASSWORD,
      ip: nextIp(),
    });
    expect(result).toMatchObject({ ok: true, user: { id: user.id, role: "reviewer", sessionVersion: 0 } });
    const row = await getDb().user.findUniqueOrThrow({ where: { id: user.id }, select: { lastSignInAt: true } });
    expect(row.lastSignInAt).toBeInstanceOf(Date);
    expect(await getDb().auditLog.count({ where: { action: "auth.sign_in", actorId: user.id } })).toBe(1);
  });

  it("gives the same answer for a wrong password and an unknown email", async () => {
    const user = await createTestUser("owner");
    const wrong = await verifySignIn(getDb(), { email: user.email, password: "not it", ip: nextIp() });
    const unknown = await verifySignIn(getDb(), {
      email: "nobody@it.handoffdesk.test",
      password: PASSWORD,
      ip: nextIp(),
    });
    expect(wrong).toEqual({ ok: false, reason: "invalid_credentials" });
    expect(unknown).toEqual({ ok: false, reason: "invalid_credentials" });
  });

  it("refuses a deactivated account only after the password is right", async () => {
    const user = await createTestUser("owner", { active: false });
    expect(await verifySignIn(getDb(), { email: user.email, password: "wrong", ip: nextIp() })).toMatchObject({
      reason: "invalid_credentials",
    });
    expect(await verifySignIn(getDb(), { email: user.email, password: PASSWORD, ip: nextIp() })).toMatchObject({
      reason: "account_disabled",
    });
  });

  it("rejects malformed input without touching the database", async () => {
    expect(await verifySignIn(getDb(), { email: "not an email", password: "x", ip: nextIp() })).toEqual({
      ok: false,
      reason: "invalid_input",
    });
    expect(await verifySignIn(getDb(), { email: undefined, password: undefined, ip: nextIp() })).toEqual({
      ok: false,
      reason: "invalid_input",
    });
  });

  it(`locks an account after ${SIGN_IN_LIMITS.perAccount} attempts, even with the right password, from any address`, async () => {
    const user = await createTestUser("owner");
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) {
      expect(await verifySignIn(getDb(), { email: user.email, password: `guess-${i}`, ip: nextIp() })).toMatchObject({
        reason: "invalid_credentials",
      });
    }
    const locked = await verifySignIn(getDb(), { email: user.email, password: PASSWORD, ip: nextIp() });
    expect(locked).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(locked.ok === false && locked.retryAfterSeconds).toBeGreaterThan(0);
    expect(await getDb().auditLog.count({ where: { action: "auth.sign_in_rate_limited", targetId: user.id } })).toBe(1);
  });

  it("counts parallel guesses exactly: no more than the limit get a password check", async () => {
    const user = await createTestUser("owner");
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        verifySignIn(getDb(), { email: user.email, password: `guess-${i}`, ip: nextIp() }),
      ),
    );
    const checked = results.filter((r) => !r.ok && r.reason === "invalid_credentials").length;
    expect(checked).toBe(SIGN_IN_LIMITS.perAccount);
    expect(results.filter((r) => !r.ok && r.reason === "rate_limited")).toHaveLength(12 - SIGN_IN_LIMITS.perAccount);
  });

  it("limits one address across many accounts", async () => {
    const ip = nextIp();
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress; i++) {
      await verifySignIn(getDb(), { email: `spray-${i}@it.handoffdesk.test`, password: "x", ip });
    }
    const user = await createTestUser("owner");
    expect(await verifySignIn(getDb(), { email: user.email, password: PASSWORD, ip })).toMatchObject({
      reason: "rate_limited",
    });
    expect(await verifySignIn(getDb(), { email: user.email, password: PASSWORD, ip: nextIp() })).toMatchObject({
      ok: true,
    });
  });

  it("clears the account's counter after a successful sign-in", async () => {
    const user = await createTestUser("owner");
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount - 1; i++) {
      await verifySignIn(getDb(), { email: user.email, password: "wrong", ip: nextIp() });
    }
    expect(await verifySignIn(getDb(), { email: user.email, password: PASSWORD, ip: nextIp() })).toMatchObject({
      ok: true,
    });
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount - 1; i++) {
      expect(await verifySignIn(getDb(), { email: user.email, password: "wrong", ip: nextIp() })).toMatchObject({
        reason: "invalid_credentials",
      });
    }
  });

  it("stores the password only as an argon2id hash", async () => {
    const user = await createTestUser("owner", { password: "a very particular password" });
    const row = await getDb().user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain("particular");
  });
});

describe("single sign-on", () => {
  it("links an existing user by verified email, then recognises the subject alone", async () => {
    const user = await createTestUser("manager");
    const first = await resolveSsoSignIn(getDb(), {
      provider: "oidc",
      subject: `sub-${user.id}`,
      email: user.email,
      emailVerified: true,
    });
    expect(first).toMatchObject({ ok: true, user: { id: user.id } });
    const again = await resolveSsoSignIn(getDb(), {
      provider: "oidc",
      subject: `sub-${user.id}`,
      email: "changed@elsewhere.example",
    });
    expect(again).toMatchObject({ ok: true, user: { id: user.id } });
  });

  it("never links an unverified email, and never creates users", async () => {
    const user = await createTestUser("manager");
    expect(
      await resolveSsoSignIn(getDb(), {
        provider: "oidc",
        subject: "sub-unverified",
        email: user.email,
        emailVerified: false,
      }),
    ).toEqual({
      ok: false,
      reason: "invalid_credentials",
    });
    const before = await getDb().user.count();
    expect(
      await resolveSsoSignIn(getDb(), {
        provider: "oidc",
        subject: "sub-stranger",
        email: "stranger@else.example",
        emailVerified: true,
      }),
    ).toMatchObject({ ok: false });
    expect(await getDb().user.count()).toBe(before);
  });

  it("refuses a deactivated user", async () => {
    const user = await createTestUser("owner", { active: false });
    expect(
      await resolveSsoSignIn(getDb(), {
        provider: "oidc",
        subject: `sub-${user.id}`,
        email: user.email,
        emailVerified: true,
      }),
    ).toEqual({
      ok: false,
      reason: "account_disabled",
    });
  });
});
