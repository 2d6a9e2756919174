import type { z } from "zod";
import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/prisma/client";
import type { AuditFilters, ZAuditListInput } from "./audit-log-input";

export { ZAuditListInput } from "./audit-log-input";

function whereOf(filters: AuditFilters): Prisma.AuditLogWhereInput {
  const createdAt: Prisma.DateTimeFilter = {};
  if (filters.from) createdAt.gte = new Date(`${filters.from}T00:00:00Z`);
  if (filters.to) createdAt.lt = new Date(Date.parse(`${filters.to}T00:00:00Z`) + 86_400_000);
  return {
    ...(filters.actorId ? { actorId: filters.actorId } : {}),
    ...(filters.action ? { action: { startsWith: filters.action } } : {}),
    ...(filters.targetType ? { targetType: filters.targetType } : {}),
    ...(filters.targetId ? { targetId: filters.targetId } : {}),
    ...(filters.from || filters.to ? { createdAt } : {}),
  };
}

/** Who has acted, and which actions and target types occur: the filter bar's choices. */
export async function auditFilterOptions(db: Db) {
  const [actors, actions, targetTypes] = await Promise.all([
    db.user.findMany({
      where: { auditEvents: { some: {} } },
      select: { id: true, name: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    }),
    // GROUP BY in the database: Prisma's `distinct` would read every entry into memory first.
    db.auditLog.groupBy({ by: ["action"], orderBy: { action: "asc" } }),
    db.auditLog.groupBy({ by: ["targetType"], orderBy: { targetType: "asc" } }),
  ]);
  return {
    actors,
    actions: actions.map((a) => a.action),
    targetTypes: targetTypes.map((t) => t.targetType),
  };
}

/** Newest first, cursor-paginated. */
export async function listAuditEntries(db: Db, input: z.infer<typeof ZAuditListInput>) {
  const rows = await db.auditLog.findMany({
    where: whereOf(input),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: {
      id: true,
      action: true,
      targetType: true,
      targetId: true,
      before: true,
      after: true,
      createdAt: true,
      actor: { select: { id: true, name: true } },
    },
  });
  const page = rows.slice(0, input.limit);
  // Name the users an entry is about, so the log reads "Owen Owner" rather than an id.
  const userIds = [...new Set(page.filter((r) => r.targetType === "user" && r.targetId).map((r) => r.targetId!))];
  const names = new Map(
    (await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } })).map((u) => [
      u.id,
      u.name,
    ]),
  );
  const items = page.map((row) => ({
    ...row,
    targetLabel: row.targetType === "user" && row.targetId ? (names.get(row.targetId) ?? null) : null,
  }));
  return { items, nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null };
}
