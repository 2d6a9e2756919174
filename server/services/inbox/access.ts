import type { SessionUser } from "../session-user";

// Who may see and act on which handoff. Owners: their own. Managers and admins, who take over
// other people's work (`cases:takeover`, held by exactly those two roles), may open any handoff,
// mark it responded for an absent owner, and approve a first reply they wrote themselves.

export type Viewer = Pick<SessionUser, "id" | "name" | "permissions">;

export function isManagerOrAdmin(viewer: Pick<Viewer, "permissions">): boolean {
  return viewer.permissions.includes("cases:takeover");
}

export function mayOpenHandoff(viewer: Viewer, handoff: { ownerId: string | null }): boolean {
  return handoff.ownerId === viewer.id || isManagerOrAdmin(viewer);
}
