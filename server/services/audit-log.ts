import { z } from "zod";
import type { Db } from "../db/client";

export const ZAuditListInput = z.object({
  cursor: z.uuid().nullish(),
  limit: z.number().int().min(1).max(100).default(50),
  action: z.string().trim().max(100).optional(),
});

/** Newest first, cursor-paginated. */
export async function listAuditEntries(db: Db, input: z.infer<typeof ZAuditListInput>) {
  const rows = await db.auditLog.findMany({
    where: input.action ? { action: { startsWith: input.action } } : undefined,
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
