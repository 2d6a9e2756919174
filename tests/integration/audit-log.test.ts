import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client";
import { callerFor, createTestUser } from "../support/users";

// The audit log viewer's filters (settings, admins only): who, what, on what and when, on the run's
// real database. Entries here are written with their own ids and times, so each filter's answer is
// known exactly whatever other test files logged.

type Caller = Awaited<ReturnType<typeof callerFor>>;
let admin: Caller;
let alice: string;
let bob: string;
const caseId = randomUUID();
const tag = randomUUID().slice(0, 8);

beforeAll(async () => {
  const db = getDb();
  admin = await callerFor(await createTestUser("admin"));
  alice = (await createTestUser("reviewer", { name: `Alice ${tag}` })).id;
  bob = (await createTestUser("manager", { name: `Bob ${tag}` })).id;
  const entry = (actorId: string, action: string, targetType: string, targetId: string, at: string) => ({
    actorId,
    action: `${action}.${tag}`,
    targetType,
    targetId,
    createdAt: new Date(at),
  });
  await db.auditLog.createMany({
    data: [
      entry(alice, "case.approved", "case", caseId, "2026-03-01T09:00:00Z"),
      entry(alice, "case.claimed", "case", caseId, "2026-03-01T08:59:00Z"),
      entry(bob, "case.claim_taken_over", "case", caseId, "2026-03-02T23:59:59Z"),
      entry(bob, "user.role_changed", "user", alice, "2026-03-03T00:00:00Z"),
    ],
  });
});

/** This file's entries that match, by action, newest first. */
async function actions(filters: Record<string, unknown>): Promise<string[]> {
  const page = await admin.audit.list({ limit: 100, ...filters });
  return page.items.filter((e) => e.action.endsWith(`.${tag}`)).map((e) => e.action.slice(0, -(tag.length + 1)));
}

describe("the audit log's filters", () => {
  it("filters by actor, action, target and UTC day, newest first", async () => {
    expect(await actions({ actorId: alice })).toEqual(["case.approved", "case.claimed"]);
    expect(await actions({ actorId: bob, targetType: "case" })).toEqual(["case.claim_taken_over"]);
    expect(await actions({ targetType: "case", targetId: caseId })).toEqual([
      "case.claim_taken_over",
      "case.approved",
      "case.claimed",
    ]);
    expect(await actions({ action: `user.role_changed.${tag}` })).toEqual(["user.role_changed"]);
    // "to" includes its whole day; "from" starts at its midnight.
    expect(await actions({ targetId: caseId, from: "2026-03-02", to: "2026-03-02" })).toEqual([
      "case.claim_taken_over",
    ]);
    expect(await actions({ actorId: bob, from: "2026-03-03" })).toEqual(["user.role_changed"]);
  });

  it("offers the actors, actions and target types it holds", async () => {
    const options = await admin.audit.filterOptions();
    expect(options.actors.map((a) => a.name)).toEqual(expect.arrayContaining([`Alice ${tag}`, `Bob ${tag}`]));
    expect(options.actions).toContain(`case.approved.${tag}`);
    expect(options.targetTypes).toEqual(expect.arrayContaining(["case", "user"]));
  });

  it("names the field that is wrong, and is for admins only", async () => {
    await expect(admin.audit.list({ from: "2026-02-30" })).rejects.toThrow(/from is not a real date/);
    await expect(admin.audit.list({ from: "2026-03-05", to: "2026-03-01" })).rejects.toThrow(
      /to must be on or after from/,
    );
    const manager = await callerFor(await createTestUser("manager"));
    await expect(manager.audit.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(manager.audit.filterOptions()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
