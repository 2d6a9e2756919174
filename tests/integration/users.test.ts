import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client";
import { AppError } from "../../server/errors";
import { loadSessionUser } from "../../server/services/session-user";
import { verifySignIn } from "../../server/services/sign-in";
import { createUser, resetPassword } from "../../server/services/users";
import { openSession, SESSION_OPTIONS } from "../support/users";

const uniqueEmail = () => `New.User-${randomUUID().slice(0, 8)}@It.HandoffDesk.test`;
let ip = 0;
const nextIp = () => `203.0.113.${++ip}`;
const signIn = (email: string, password: string) =>
  verifySignIn(getDb(), { email, password, ip: nextIp() }, SESSION_OPTIONS);

describe("creating users", () => {
  it("stores the email lower-cased, returns a one-time password that works, and audits the creation", async () => {
    const { user, generatedPassword } = await createUser(getDb(), null, {
      email: uniqueEmail(),
      name: " Bea Boss ",
      role: "admin",
    });
    expect(user.email).toBe(user.email.toLowerCase());
    expect(user.name).toBe("Bea Boss");
    expect(generatedPassword).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(await signIn(user.email, generatedPassword!)).toMatchObject({ ok: true });
    // Generated, so a one-time password: they choose their own before anything else.
    expect(await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      mustChangePassword: true,
    });
    const audit = await getDb().auditLog.findFirstOrThrow({ where: { action: "user.created", targetId: user.id } });
    expect(audit).toMatchObject({ actorId: null, after: { role: "admin" } });
  });

  it("keeps a chosen password and returns none", async () => {
    const result = await createUser(getDb(), null, {
      email: uniqueEmail(),
      name: "Chosen",
      role: "owner",
      password: "a chosen long password",
    });
    expect(result.generatedPassword).toBeNull();
  });

  it("refuses a second account for the same email in any case", async () => {
    const email = uniqueEmail();
    await createUser(getDb(), null, { email, name: "First", role: "owner" });
    const error = await createUser(getDb(), null, { email: email.toUpperCase(), name: "Second", role: "owner" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("CONFLICT");
  });

  it("names every bad field and writes nothing", async () => {
    const before = await getDb().user.count();
    const error = await createUser(getDb(), null, {
      email: "nope",
      name: "",
      role: "king" as never,
      password: "short",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues.map((i) => i.path.join(".")).sort()).toEqual([
      "email",
      "name",
      "password",
      "role",
    ]);
    expect(await getDb().user.count()).toBe(before);
  });
});

describe("resetting a password", () => {
  it("replaces the password and ends existing sessions", async () => {
    const { user, generatedPassword: oldPassword } = await createUser(getDb(), null, {
      email: uniqueEmail(),
      name: "Reset Me",
      role: "reviewer",
    });
    const existing = await openSession(user.id);
    const { generatedPassword } = await resetPassword(getDb(), null, user.email);
    expect(await loadSessionUser(getDb(), existing)).toBeNull();
    expect(await signIn(user.email, oldPassword!)).toMatchObject({ ok: false });
    expect(await signIn(user.email, generatedPassword)).toMatchObject({ ok: true });
  });

  it("says so when nobody has the email", async () => {
    await expect(resetPassword(getDb(), null, "ghost@it.handoffdesk.test")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
