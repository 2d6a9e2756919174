import type { z } from "zod";
import type { Db } from "../../db/client";
import type { Prisma } from "../../db/generated/prisma/client";
import { isUniqueViolation } from "../../db/errors";
import { AppError } from "../../errors";
import { recordAudit } from "../audit";
import { consumeDraft, writeDraft } from "./drafts";

// A versioned setting other than routing (the escalation policy, approved language): an admin edits
// a draft, publishes it as the next version, and may roll back by publishing a copy of an older one.
// Version 0 is the built-in default, never stored. The same rules as routing's editor: a draft
// survives a reload, publishing refuses if someone published since, and every step is audited.

export interface VersionedKind<S extends z.ZodType> {
  kind: "policy" | "language";
  schema: S;
  /** The built-in document (version 0). */
  initial: z.infer<S>;
  /** What `after` changes from `before`, in sentences. */
  describe: (before: z.infer<S>, after: z.infer<S>) => string[];
  /** Further checks a document must pass to be saved or published; throws AppError naming the field. */
  check?: (document: z.infer<S>) => void;
  /** Rules a publish must keep against the version in force (a consent wording once shown stays). */
  checkAgainstPublished?: (published: z.infer<S>, next: z.infer<S>) => void;
  /** What a rollback publishes, given the version rolled back to and the one in force (default: the former). */
  rollbackDocument?: (target: z.infer<S>, current: z.infer<S>) => z.infer<S>;
}

/** Parses a document from the editor; a bad one is refused naming the first wrong field's path. */
export function parseDocument<S extends z.ZodType>(spec: VersionedKind<S>, value: unknown): z.infer<S> {
  const parsed = spec.schema.safeParse(value);
  if (!parsed.success) {
    const [first] = parsed.error.issues;
    const path = ["document", ...(first?.path ?? [])].join(".");
    throw new AppError("BAD_REQUEST", `${path}: ${first?.message ?? "invalid"}`, { field: path });
  }
  spec.check?.(parsed.data);
  return parsed.data;
}

/** The version in force and its document (version 0, the built-in one, when none was published). */
export async function publishedDocument<S extends z.ZodType>(
  db: Pick<Db, "settingsVersion">,
  spec: VersionedKind<S>,
): Promise<{
  version: number;
  document: z.infer<S>;
  publishedAt: Date | null;
  publishedBy: string | null;
  note: string | null;
}> {
  const row = await db.settingsVersion.findFirst({ where: { kind: spec.kind }, orderBy: { version: "desc" } });
  if (!row) return { version: 0, document: spec.initial, publishedAt: null, publishedBy: null, note: null };
  const parsed = spec.schema.safeParse(row.document);
  // A stored version the current code cannot read is a bug to see at once, not to route around.
  if (!parsed.success) throw new Error(`stored ${spec.kind} version ${row.version} does not parse`);
  return {
    version: row.version,
    document: parsed.data,
    publishedAt: row.publishedAt,
    publishedBy: row.publishedBy,
    note: row.note,
  };
}

export async function getEditorState<S extends z.ZodType>(db: Db, spec: VersionedKind<S>) {
  const published = await publishedDocument(db, spec);
  const draft = await db.settingsDraft.findUnique({ where: { kind: spec.kind } });
  const parsedDraft = draft ? spec.schema.safeParse(draft.document) : null;
  const names = new Map(
    (
      await db.user.findMany({
        where: { id: { in: [published.publishedBy, draft?.updatedById].filter((id): id is string => Boolean(id)) } },
        select: { id: true, name: true },
      })
    ).map((u) => [u.id, u.name]),
  );
  return {
    published: {
      ...published,
      publishedBy: published.publishedBy ? (names.get(published.publishedBy) ?? "Former user") : null,
    },
    draft:
      draft && parsedDraft?.success
        ? {
            document: parsedDraft.data as z.infer<S>,
            baseVersion: draft.baseVersion,
            updatedAt: draft.updatedAt,
            updatedBy: draft.updatedById ? (names.get(draft.updatedById) ?? "Former user") : null,
          }
        : null,
    draftRevision: draft?.updatedAt.toISOString() ?? null,
  };
}

export async function saveDraft<S extends z.ZodType>(
  db: Db,
  spec: VersionedKind<S>,
  actorId: string,
  input: { document: unknown; baseVersion: number; draftRevision: string | null },
) {
  const document = parseDocument(spec, input.document);
  return db.$transaction(async (tx) => {
    const saved = await writeDraft(tx, {
      kind: spec.kind,
      document,
      baseVersion: input.baseVersion,
      actorId,
      revision: input.draftRevision,
    });
    await recordAudit(tx, { actorId, action: `${spec.kind}.draft_saved`, targetType: spec.kind, targetId: "draft" });
    return saved;
  });
}

export async function discardDraft(db: Db, kind: string, actorId: string) {
  return db.$transaction(async (tx) => {
    const deleted = await tx.settingsDraft.deleteMany({ where: { kind } });
    if (deleted.count > 0)
      await recordAudit(tx, { actorId, action: `${kind}.draft_discarded`, targetType: kind, targetId: "draft" });
    return { discarded: deleted.count > 0 };
  });
}

async function writeVersion<S extends z.ZodType>(
  db: Db,
  spec: VersionedKind<S>,
  actorId: string,
  data: {
    document: z.infer<S>;
    baseVersion: number;
    note: string | null;
    restoredFrom: number | null;
    draftRevision?: string | null;
  },
) {
  const stale = () =>
    new AppError(
      "CONFLICT",
      "Someone published a newer version since you opened this page. Reload, then publish again.",
    );
  try {
    return await db.$transaction(async (tx) => {
      const current = await publishedDocument(tx, spec);
      if (current.version !== data.baseVersion) throw stale();
      if (data.restoredFrom === null) spec.checkAgainstPublished?.(current.document, data.document);
      const changes = spec.describe(current.document, data.document);
      if (changes.length === 0)
        throw new AppError("BAD_REQUEST", "This is the version in force: there is nothing to publish.");
      const version = current.version + 1;
      await tx.settingsVersion.create({
        data: {
          kind: spec.kind,
          version,
          document: data.document as Prisma.InputJsonValue,
          publishedBy: actorId,
          note: data.note,
          restoredFrom: data.restoredFrom,
        },
      });
      if (data.restoredFrom === null) await consumeDraft(tx, spec.kind, data.draftRevision);
      await recordAudit(tx, {
        actorId,
        action: data.restoredFrom === null ? `${spec.kind}.published` : `${spec.kind}.rolled_back`,
        targetType: spec.kind,
        targetId: String(version),
        before: { version: current.version },
        after: { version, changes, ...(data.restoredFrom !== null ? { restoredFrom: data.restoredFrom } : {}) },
      });
      return { version, changes };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw stale();
    throw error;
  }
}

/** What publishing `document` would change from the version in force; refused as publishing would be. */
export async function previewPublish<S extends z.ZodType>(db: Db, spec: VersionedKind<S>, value: unknown) {
  const document = parseDocument(spec, value);
  const published = await publishedDocument(db, spec);
  spec.checkAgainstPublished?.(published.document, document);
  return { baseVersion: published.version, changes: spec.describe(published.document, document) };
}

export async function publish<S extends z.ZodType>(
  db: Db,
  spec: VersionedKind<S>,
  actorId: string,
  input: { document: unknown; baseVersion: number; note?: string; draftRevision?: string | null },
) {
  const document = parseDocument(spec, input.document);
  return writeVersion(db, spec, actorId, {
    document,
    baseVersion: input.baseVersion,
    note: input.note || null,
    restoredFrom: null,
    draftRevision: input.draftRevision,
  });
}

/** Publishes a copy of an older version (0: the built-in one) as the newest. */
export async function rollback<S extends z.ZodType>(
  db: Db,
  spec: VersionedKind<S>,
  actorId: string,
  input: { toVersion: number; currentVersion: number },
) {
  let document: z.infer<S>;
  if (input.toVersion === 0) document = spec.initial;
  else {
    const row = await db.settingsVersion.findUnique({
      where: { kind_version: { kind: spec.kind, version: input.toVersion } },
    });
    if (!row)
      throw new AppError("NOT_FOUND", `toVersion: there is no version ${input.toVersion}`, { field: "toVersion" });
    document = spec.schema.parse(row.document);
  }
  if (spec.rollbackDocument) document = spec.rollbackDocument(document, (await publishedDocument(db, spec)).document);
  return writeVersion(db, spec, actorId, {
    document,
    baseVersion: input.currentVersion,
    note: input.toVersion === 0 ? "Rolled back to the built-in version" : `Rolled back to version ${input.toVersion}`,
    restoredFrom: input.toVersion,
  });
}

/** Every published version, newest first, with what it changed from the one before. */
export async function listVersions<S extends z.ZodType>(db: Db, spec: VersionedKind<S>) {
  const rows = await db.settingsVersion.findMany({
    where: { kind: spec.kind },
    orderBy: { version: "desc" },
    take: 100,
  });
  const names = new Map(
    (
      await db.user.findMany({
        where: { id: { in: rows.map((r) => r.publishedBy).filter((id): id is string => Boolean(id)) } },
        select: { id: true, name: true },
      })
    ).map((u) => [u.id, u.name]),
  );
  const documentOf = (version: number) => {
    if (version === 0) return spec.initial;
    const row = rows.find((r) => r.version === version);
    const parsed = row ? spec.schema.safeParse(row.document) : null;
    return parsed?.success ? (parsed.data as z.infer<S>) : null;
  };
  return rows.map((row) => {
    const previous = documentOf(row.version - 1);
    const current = documentOf(row.version);
    return {
      version: row.version,
      publishedAt: row.publishedAt,
      publishedBy: row.publishedBy ? (names.get(row.publishedBy) ?? "Former user") : null,
      note: row.note,
      restoredFrom: row.restoredFrom,
      changes: previous && current ? spec.describe(previous, current) : null,
    };
  });
}
