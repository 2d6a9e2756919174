import type { z } from "zod";
import type { Db } from "../../db/client";
import type { Prisma } from "../../db/generated/prisma/client";
import { logger } from "../../logger";

// Instance-wide settings kept in `app_settings`, one JSON value per key, each read through the zod
// schema of the service that owns it. A stored value that no longer parses (an older format) falls
// back to the default, logged, rather than breaking the pages and jobs that read it.

type Writer = Pick<Db, "appSetting">;

export async function readSetting<S extends z.ZodType>(
  db: Writer,
  key: string,
  schema: S,
  fallback: z.infer<S>,
): Promise<{ value: z.infer<S>; updatedAt: Date | null; updatedById: string | null }> {
  const row = await db.appSetting.findUnique({ where: { key } });
  if (!row) return { value: fallback, updatedAt: null, updatedById: null };
  const parsed = schema.safeParse(row.value);
  if (!parsed.success) {
    logger.warn("stored setting does not parse; using the default", { key, issues: parsed.error.issues.length });
    return { value: fallback, updatedAt: row.updatedAt, updatedById: row.updatedById };
  }
  return { value: parsed.data, updatedAt: row.updatedAt, updatedById: row.updatedById };
}

export async function writeSetting(db: Writer, actorId: string | null, key: string, value: unknown): Promise<Date> {
  const json = value as Prisma.InputJsonValue;
  const row = await db.appSetting.upsert({
    where: { key },
    create: { key, value: json, updatedById: actorId },
    update: { value: json, updatedById: actorId },
  });
  return row.updatedAt;
}
