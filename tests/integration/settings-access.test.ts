import { describe, expect, it } from "vitest";
import { appRouter } from "../../server/api/root";
import { callerFor, createTestUser } from "../support/users";

// Settings are for admins: every procedure of every settings router refuses every other role with
// FORBIDDEN, and a caller without a session with UNAUTHORIZED, before its input is even read. The
// procedures are listed from the router itself, so one added later is covered without editing this.

const SETTINGS_ROUTERS = ["routing", "policy", "language", "dataProtection", "integrations", "users", "audit"];

const settingsProcedures = Object.keys(appRouter._def.procedures).filter((path) =>
  SETTINGS_ROUTERS.includes(path.split(".")[0]!),
);

type AnyCaller = Record<string, Record<string, (input?: unknown) => Promise<unknown>>>;

function call(caller: unknown, path: string) {
  const [router, procedure] = path.split(".") as [string, string];
  return (caller as AnyCaller)[router]![procedure]!(undefined);
}

describe("settings procedures", () => {
  it("are found in the router", () => {
    expect(settingsProcedures).toEqual(
      expect.arrayContaining([
        "routing.editor",
        "routing.publish",
        "routing.rollback",
        "users.setActive",
        "audit.list",
      ]),
    );
  });

  it("refuse managers, reviewers and owners, and callers without a session", async () => {
    for (const role of ["manager", "reviewer", "owner"] as const) {
      const caller = await callerFor(await createTestUser(role));
      for (const path of settingsProcedures)
        await expect(call(caller, path), `${role} → ${path}`).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const anonymous = await callerFor(null);
    for (const path of settingsProcedures)
      await expect(call(anonymous, path), `anonymous → ${path}`).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("let an admin through to the input check", async () => {
    const admin = await callerFor(await createTestUser("admin"));
    for (const path of settingsProcedures) {
      const outcome = await call(admin, path).then(
        () => "ok",
        (error: { code?: string }) => error.code,
      );
      expect(["ok", "BAD_REQUEST", "NOT_FOUND", "CONFLICT"], path).toContain(outcome);
    }
  });
});
