// Roles and what each may do, as plain data. Checked on the server by every page, route handler and
// tRPC procedure (see server/auth/guards.ts and server/api/trpc.ts); the navigation is derived from it.

export const ROLES = ["admin", "manager", "reviewer", "owner"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "queue:work", // the exception queue: claim and act on cases
  "cases:read", // open any case
  "cases:takeover", // take over another reviewer's claim; act on cases escalated to a manager
  "sensitive:reveal", // unmask contact and sensitive data in a case (reviewers only with canRevealSensitive)
  "replies:approve", // approve a first reply the promise check flagged
  "inbox:read", // handoffs assigned to me
  "dashboards:read",
  "settings:manage", // routing, templates, sources, integrations
  "users:manage",
  "audit:read",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: PERMISSIONS,
  manager: [
    "queue:work",
    "cases:read",
    "cases:takeover",
    "sensitive:reveal",
    "replies:approve",
    "inbox:read",
    "dashboards:read",
  ],
  reviewer: ["queue:work", "cases:read", "replies:approve", "inbox:read"],
  owner: ["inbox:read"],
};

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  admin: "Admin",
  manager: "Manager",
  reviewer: "Intake reviewer",
  owner: "Owner",
};

export function permissionsOf(role: Role): readonly Permission[] {
  return ROLE_PERMISSIONS[role];
}

/** A user's permissions: their role's, plus revealing sensitive data when an admin allowed it for them. */
export function userPermissions(role: Role, grants: { canRevealSensitive: boolean }): readonly Permission[] {
  const own = ROLE_PERMISSIONS[role];
  if (!grants.canRevealSensitive || own.includes("sensitive:reveal") || role === "owner") return own;
  return [...own, "sensitive:reveal"];
}

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export interface NavItem {
  href: string;
  label: string;
  /** Shown to a role holding any of these. */
  anyOf: readonly Permission[];
  description: string;
}

export interface SettingsSection {
  href: string;
  label: string;
  permission: Permission;
}

export const SETTINGS_SECTIONS: readonly SettingsSection[] = [
  { href: "/settings/routing", label: "Routing rules", permission: "settings:manage" },
  { href: "/settings/escalation", label: "Escalation policy", permission: "settings:manage" },
  { href: "/settings/language", label: "Approved language", permission: "settings:manage" },
  { href: "/settings/users", label: "Users", permission: "users:manage" },
  { href: "/settings/teams", label: "Teams", permission: "users:manage" },
  { href: "/settings/sources", label: "Sources and webhooks", permission: "settings:manage" },
  { href: "/settings/integrations", label: "Email, alerts, model", permission: "settings:manage" },
  { href: "/settings/data-protection", label: "Data protection", permission: "settings:manage" },
  { href: "/settings/audit", label: "Audit log", permission: "audit:read" },
];

export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/queue", label: "Queue", anyOf: ["queue:work"], description: "Conversations waiting for a human decision" },
  { href: "/cases", label: "Cases", anyOf: ["cases:read"], description: "Every case, open and resolved" },
  { href: "/inbox", label: "Inbox", anyOf: ["inbox:read"], description: "Handoffs assigned to you" },
  {
    href: "/dashboards",
    label: "Dashboards",
    anyOf: ["dashboards:read"],
    description: "Handoff quality and response times",
  },
  {
    href: "/settings",
    label: "Settings",
    anyOf: ["settings:manage", ...SETTINGS_SECTIONS.map((section) => section.permission)],
    description: "Routing, users, teams and audit log",
  },
];

export function navigationFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => item.anyOf.some((permission) => hasPermission(role, permission)));
}

export function settingsSectionsFor(role: Role): SettingsSection[] {
  return SETTINGS_SECTIONS.filter((section) => hasPermission(role, section.permission));
}

/** Where a role lands after signing in: its first navigation item. */
export function homePathFor(role: Role): string {
  return navigationFor(role)[0]?.href ?? "/inbox";
}
