import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import type { Role } from "../../server/auth/permissions";
import { getDb } from "../../server/db/client";
import { loadSessionUser, pruneSessions, revokeSession } from "../../server/services/session-user";
import { callerFor, callerForSession, createTestUser, openSession } from "../support/users";

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

type Caller = Awaited<ReturnType<typeof callerFor>>;

const PROCEDURES: Record<string, (caller: Caller) => Promise<unknown>> = {
  "viewer.me": (c) => c.viewer.me(),
  "users.list": (c) => c.users.list(),
  "users.teams": (c) => c.users.teams(),
  "audit.list": (c) => c.audit.list({}),
};

// Written out by hand rather than derived from ROLE_PERMISSIONS, so a wrong entry there fails here.
const EXPECTED: Record<Role | "anonymous", Record<string, string>> = {
  admin: { "viewer.me": "OK", "users.list": "OK", "users.teams": "OK", "audit.list": "OK" },
  manager: { "viewer.me": "OK", "users.list": "FORBIDDEN", "users.teams": "FORBIDDEN", "audit.list": "FORBIDDEN" },
  reviewer: { "viewer.me": "OK", "users.list": "FORBIDDEN", "users.teams": "FORBIDDEN", "audit.list": "FORBIDDEN" },
  owner: { "viewer.me": "OK", "users.list": "FORBIDDEN", "users.teams": "FORBIDDEN", "audit.list": "FORBIDDEN" },
  anonymous: {
    "viewer.me": "UNAUTHORIZED",
    "users.list": "UNAUTHORIZED",
    "users.teams": "UNAUTHORIZED",
    "audit.list": "UNAUTHORIZED",
  },
};

describe("every procedure checks the role on the server", () => {
  it.each(Object.keys(EXPECTED) as (Role | "anonymous")[])("as %s", async (who) => {
    const caller = await callerFor(who === "anonymous" ? null : await createTestUser(who));
    const actual: Record<string, string> = {};
    for (const [name, call] of Object.entries(PROCEDURES)) actual[name] = await codeOf(call(caller));
    expect(actual).toEqual(EXPECTED[who]);
  });

  it("refuses a mutation to a non-admin and changes nothing", async () => {
    const target = await createTestUser("owner");
    const manager = await callerFor(await createTestUser("manager"));
    expect(await codeOf(manager.users.setActive({ userId: target.id, active: false }))).toBe("FORBIDDEN");
    const row = await getDb().user.findUniqueOrThrow({ where: { id: target.id }, select: { active: true } });
    expect(row.active).toBe(true);
  });

  it("returns the viewer's own navigation", async () => {
    const me = await (await callerFor(await createTestUser("reviewer"))).viewer.me();
    expect(me.navigation.map((n) => n.label)).toEqual(["Queue", "Cases", "Inbox"]);
  });
});

describe("deactivation", () => {
  it("refuses the deactivated user's very next call and keeps an audited before/after", async () => {
    const admin = await createTestUser("admin");
    const owner = await createTestUser("owner");
    const [laptop, phone] = [await openSession(owner.id), await openSession(owner.id)];
    expect(await codeOf((await callerForSession(laptop)).viewer.me())).toBe("OK");

    await (await callerFor(admin)).users.setActive({ userId: owner.id, active: false });

    // The same session ids, one request later, on every device.
    for (const session of [laptop, phone]) {
      expect(await loadSessionUser(getDb(), session)).toBeNull();
      expect(await codeOf((await callerForSession(session)).viewer.me())).toBe("UNAUTHORIZED");
    }
    const audit = await getDb().auditLog.findFirstOrThrow({
      where: { action: "user.deactivated", targetId: owner.id },
      select: { actorId: true, before: true, after: true },
    });
    expect(audit).toEqual({ actorId: admin.id, before: { active: true }, after: { active: false, sessionsEnded: 2 } });
  });

  it("does not revive old sessions on reactivation", async () => {
    const admin = await callerFor(await createTestUser("admin"));
    const owner = await createTestUser("owner");
    const before = await openSession(owner.id);
    await admin.users.setActive({ userId: owner.id, active: false });
    await admin.users.setActive({ userId: owner.id, active: true });
    expect(await loadSessionUser(getDb(), before)).toBeNull();
    expect(await loadSessionUser(getDb(), await openSession(owner.id))).not.toBeNull();
  });

  it("stops an admin from deactivating themselves", async () => {
    const admin = await createTestUser("admin");
    const caller = await callerFor(admin);
    await expect(caller.users.setActive({ userId: admin.id, active: false })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "You cannot deactivate your own account.",
    });
  });

  it("lets only one of two admins deactivating each other at the same moment succeed", async () => {
    const [a, b] = [await createTestUser("admin"), await createTestUser("admin")];
    const [asA, asB] = [await callerFor(a), await callerFor(b)];
    const results = await Promise.all([
      codeOf(asA.users.setActive({ userId: b.id, active: false })),
      codeOf(asB.users.setActive({ userId: a.id, active: false })),
    ]);
    expect(results.sort()).toEqual(["FORBIDDEN", "OK"]);
    const stillActive = await getDb().user.count({ where: { id: { in: [a.id, b.id] }, active: true } });
    expect(stillActive).toBe(1);
  });

  it("says which field is wrong on bad input", async () => {
    const caller = await callerFor(await createTestUser("admin"));
    const error = await caller.users.setActive({ userId: "not-a-uuid", active: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    expect((error as TRPCError).message).toContain("userId");
  });

  it("answers NOT_FOUND for an unknown user", async () => {
    const caller = await callerFor(await createTestUser("admin"));
    expect(
      await codeOf(caller.users.setActive({ userId: "0195f3a0-0000-7000-8000-000000000000", active: false })),
    ).toBe("NOT_FOUND");
  });
});

describe("sessions", () => {
  it("end when revoked (sign-out), when expired, and only that one session", async () => {
    const user = await createTestUser("reviewer");
    const [kept, signedOut, expired] = [
      await openSession(user.id),
      await openSession(user.id),
      await openSession(user.id),
    ];
    await revokeSession(getDb(), signedOut);
    await getDb().session.update({ where: { id: expired }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await loadSessionUser(getDb(), kept)).toMatchObject({ id: user.id, sessionId: kept });
    expect(await loadSessionUser(getDb(), signedOut)).toBeNull();
    expect(await loadSessionUser(getDb(), expired)).toBeNull();
    expect(await getDb().auditLog.count({ where: { action: "auth.sign_out", actorId: user.id } })).toBe(1);
  });

  it("ignore ids that are not sessions", async () => {
    expect(await loadSessionUser(getDb(), "not-a-uuid")).toBeNull();
    expect(await loadSessionUser(getDb(), "0195f3a0-0000-7000-8000-000000000000")).toBeNull();
    expect(await loadSessionUser(getDb(), undefined)).toBeNull();
  });

  it("are pruned a day after they end", async () => {
    const user = await createTestUser("owner");
    const old = await openSession(user.id);
    const current = await openSession(user.id);
    await getDb().session.update({ where: { id: old }, data: { expiresAt: new Date(Date.now() - 2 * 86_400_000) } });
    expect(await pruneSessions(getDb())).toBeGreaterThanOrEqual(1);
    expect(await getDb().session.findUnique({ where: { id: old } })).toBeNull();
    expect(await getDb().session.findUnique({ where: { id: current } })).not.toBeNull();
  });
});
