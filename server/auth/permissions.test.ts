import { describe, expect, it } from "vitest";
import { Role as PrismaRole } from "../db/generated/prisma/enums";
import {
  hasPermission,
  homePathFor,
  NAV_ITEMS,
  navigationFor,
  PERMISSIONS,
  ROLE_PERMISSIONS,
  ROLES,
  SETTINGS_SECTIONS,
  settingsSectionsFor,
  userPermissions,
} from "./permissions";

const labels = (role: (typeof ROLES)[number]) => navigationFor(role).map((item) => item.label);

describe("navigation by role", () => {
  // The table: Queue and Cases for reviewer, manager, admin; Inbox for everyone who
  // receives handoffs; Dashboards for manager and admin; Settings for admin.
  it.each([
    ["admin", ["Queue", "Cases", "Inbox", "Dashboards", "Settings"]],
    ["manager", ["Queue", "Cases", "Inbox", "Dashboards"]],
    ["reviewer", ["Queue", "Cases", "Inbox"]],
    ["owner", ["Inbox"]],
  ] as const)("%s sees %j", (role, expected) => {
    expect(labels(role)).toEqual(expected);
  });

  it("lands each role on its first page", () => {
    expect(homePathFor("owner")).toBe("/inbox");
    expect(homePathFor("reviewer")).toBe("/queue");
  });
});

describe("settings sections", () => {
  it("lists for each role exactly the sections it may open", () => {
    expect(settingsSectionsFor("admin").map((s) => s.label)).toEqual([
      "Routing rules",
      "Escalation policy",
      "Approved language",
      "Users",
      "Teams",
      "Sources and webhooks",
      "Email, alerts, model",
      "Data protection",
      "Audit log",
    ]);
    for (const role of ["manager", "reviewer", "owner"] as const) expect(settingsSectionsFor(role)).toEqual([]);
  });
});

describe("role permissions", () => {
  it("only admins manage settings, users and read the audit log", () => {
    for (const role of ROLES) {
      expect(hasPermission(role, "settings:manage")).toBe(role === "admin");
      expect(hasPermission(role, "users:manage")).toBe(role === "admin");
      expect(hasPermission(role, "audit:read")).toBe(role === "admin");
    }
  });

  it("grants only known permissions and navigates only by them", () => {
    for (const role of ROLES) for (const p of ROLE_PERMISSIONS[role]) expect(PERMISSIONS).toContain(p);
    for (const item of NAV_ITEMS) for (const p of item.anyOf) expect(PERMISSIONS).toContain(p);
    for (const section of SETTINGS_SECTIONS) expect(PERMISSIONS).toContain(section.permission);
  });

  it("names the same roles as the database", () => {
    expect([...ROLES].sort()).toEqual(Object.values(PrismaRole).sort());
  });
});

describe("per-user grants", () => {
  it("lets a reviewer reveal sensitive data only when an admin allowed it; never an owner", () => {
    expect(userPermissions("reviewer", { canRevealSensitive: false })).not.toContain("sensitive:reveal");
    expect(userPermissions("reviewer", { canRevealSensitive: true })).toContain("sensitive:reveal");
    expect(userPermissions("owner", { canRevealSensitive: true })).not.toContain("sensitive:reveal");
    expect(userPermissions("manager", { canRevealSensitive: false })).toContain("sensitive:reveal");
    // The grant adds nothing else.
    expect(userPermissions("reviewer", { canRevealSensitive: true })).toHaveLength(
      ROLE_PERMISSIONS.reviewer.length + 1,
    );
  });
});
