import type { Db } from "../../db/client";
import type { Prisma } from "../../db/generated/prisma/client";
import { isUniqueViolation } from "../../db/errors";
import { AppError } from "../../errors";

// One draft per versioned setting (routing, policy, language), shared by the admins who edit it.
// Each save names the revision it started from, so one admin never overwrites another's newer
// draft: the first save creates the row (two first saves at once: the second is refused), later
// ones update it only while it is still the revision they loaded.

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const conflict = () =>
  new AppError("CONFLICT", "Another admin changed the draft since you opened it. Reload to see their changes.");

export async function writeDraft(
  tx: Tx,
  input: { kind: string; document: unknown; baseVersion: number; actorId: string; revision: string | null },
): Promise<{ revision: string; updatedAt: Date }> {
  const data = {
    document: input.document as Prisma.InputJsonValue,
    baseVersion: input.baseVersion,
    updatedById: input.actorId,
  };
  if (input.revision === null) {
    try {
      const created = await tx.settingsDraft.create({ data: { kind: input.kind, ...data } });
      return { revision: created.updatedAt.toISOString(), updatedAt: created.updatedAt };
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict();
      throw error;
    }
  }
  const updated = await tx.settingsDraft.updateMany({
    where: { kind: input.kind, updatedAt: new Date(input.revision) },
    data,
  });
  if (updated.count === 0) throw conflict();
  const row = await tx.settingsDraft.findUniqueOrThrow({ where: { kind: input.kind } });
  return { revision: row.updatedAt.toISOString(), updatedAt: row.updatedAt };
}

/**
 * After a publish: the draft goes only if it is the one the publisher had open (`revision`). Another
 * admin's newer draft stays, to be rebased on the new version or discarded by its author.
 */
export async function consumeDraft(tx: Tx, kind: string, revision: string | null | undefined): Promise<void> {
  if (!revision) return;
  await tx.settingsDraft.deleteMany({ where: { kind, updatedAt: new Date(revision) } });
}
