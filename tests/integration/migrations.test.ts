import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { inject, describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client";
import {
  createMigration,
  defaultMigrationPaths,
  deployMigrations,
  diffSchemaAgainstMigrations,
  readMigrationStatus,
  type MigrationPaths,
} from "../../server/db/migrate/migrator";
import { listPendingMigrations } from "../../server/db/prepare";
import { createTestDatabase, isPostgresReachable } from "../support/test-database";

/** A copy of prisma/ in a temporary folder, to change the schema without touching the project. */
async function copyPrismaFolder(): Promise<MigrationPaths & { root: string }> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "handoff-prisma-"));
  await fs.cp(path.join(process.cwd(), "prisma"), path.join(root, "prisma"), { recursive: true });
  return { root, ...defaultMigrationPaths(root) };
}

async function addColumnToSchema(paths: MigrationPaths) {
  const schema = await fs.readFile(paths.schemaPath, "utf8");
  await fs.writeFile(paths.schemaPath, schema.replace("model Team {\n", "model Team {\n  colour      String?\n"));
}

describe("the migration history", () => {
  it("is recorded in Prisma's _prisma_migrations format, checksum = sha256 of migration.sql", async () => {
    const rows = await getDb().$queryRaw<
      Record<string, unknown>[]
    >`SELECT * FROM _prisma_migrations ORDER BY migration_name`;
    const { migrationsDir } = defaultMigrationPaths();
    const local = (await fs.readdir(migrationsDir, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(rows.map((r) => r.migration_name)).toEqual(local);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(
        [
          "applied_steps_count",
          "checksum",
          "finished_at",
          "id",
          "logs",
          "migration_name",
          "rolled_back_at",
          "started_at",
        ].sort(),
      );
      const sql = await fs.readFile(path.join(migrationsDir, String(row.migration_name), "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
    }
    expect(await listPendingMigrations(getDb())).toEqual([]);
  });

  it(`runs on this run's database (${inject("databaseKind")}) and on a fresh embedded one`, async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "handoff-pglite-"));
    try {
      const applied = await deployMigrations({ kind: "pglite", dataDir });
      expect(applied.length).toBeGreaterThan(0);
      const status = await readMigrationStatus({ kind: "pglite", dataDir });
      expect(status).toMatchObject({ upToDate: true, pending: [], failed: [] });
      expect(await deployMigrations({ kind: "pglite", dataDir })).toEqual([]);
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe("drift check and migration creation", () => {
  it("finds no drift in the project", async () => {
    expect(await diffSchemaAgainstMigrations()).toEqual({ drift: false, sql: "" });
  });

  // The schema engine (WebAssembly) replays every migration several times: 25 s idle, 60 on a busy machine.
  it(
    "catches a schema change without a migration, and a created migration resolves it",
    { timeout: 180_000 },
    async () => {
      const copy = await copyPrismaFolder();
      try {
        await addColumnToSchema(copy);
        const drift = await diffSchemaAgainstMigrations(copy);
        expect(drift.drift).toBe(true);
        expect(drift.sql).toContain('ALTER TABLE "teams" ADD COLUMN     "colour" TEXT');

        const created = await createMigration("add_team_colour", copy);
        expect(created).not.toBeNull();
        expect(path.basename(created!.directory)).toMatch(/^\d{14}_add_team_colour$/);
        expect(created!.sql).toContain('"colour" TEXT');
        expect(await diffSchemaAgainstMigrations(copy)).toEqual({ drift: false, sql: "" });
        expect(await createMigration("nothing_changed", copy)).toBeNull();
      } finally {
        await fs.rm(copy.root, { recursive: true, force: true });
      }
    },
  );
});

/**
 * A fresh server database migrated to the project's history, and a copy of prisma/ with one more
 * migration (a new column) that the database has not seen yet.
 */
async function withOneMigrationPending(
  run: (target: { kind: "postgres"; url: string }, paths: MigrationPaths, pendingName: string) => Promise<void>,
) {
  const database = await createTestDatabase("mig");
  const copy = await copyPrismaFolder();
  try {
    await addColumnToSchema(copy);
    const created = await createMigration("add_team_colour", copy);
    await run({ kind: "postgres", url: database.url! }, copy, path.basename(created!.directory));
  } finally {
    await fs.rm(copy.root, { recursive: true, force: true });
    await database.drop();
  }
}

describe.runIf(await isPostgresReachable())("on the PostgreSQL server", () => {
  it("shows a new migration as pending, then applies it", async () => {
    await withOneMigrationPending(async (target, paths, pendingName) => {
      const before = await readMigrationStatus(target, paths);
      expect(before.upToDate).toBe(false);
      expect(before.pending).toEqual([pendingName]);
      expect(await deployMigrations(target, paths)).toEqual([pendingName]);
      expect((await readMigrationStatus(target, paths)).upToDate).toBe(true);
    });
  });

  it("serialises concurrent deploys: each migration is applied exactly once", async () => {
    await withOneMigrationPending(async (target, paths, pendingName) => {
      const results = await Promise.all([
        deployMigrations(target, paths),
        deployMigrations(target, paths),
        deployMigrations(target, paths),
      ]);
      expect(results.flat()).toEqual([pendingName]);
    });
  });
});
