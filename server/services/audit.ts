import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/prisma/client";

export interface AuditEntry {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
}

type Writer = Pick<Db, "auditLog">;

/** Appends one audit entry. Pass the transaction client so the entry commits with the change. */
export async function recordAudit(db: Writer, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      before: entry.before ?? undefined,
      after: entry.after ?? undefined,
    },
  });
}
