import fs from "node:fs/promises";
import { describeDatabaseTarget } from "./target";
import { getDatabaseTarget, getDb, getOpenPglite, type Db } from "./client";
import { defaultMigrationPaths, deployMigrations, type MigrationPaths } from "./migrate/migrator";

export class DatabaseUnavailableError extends Error {
  constructor(where: string, reason: string) {
    super(`Cannot reach the database (${where}): ${reason}`);
    this.name = "DatabaseUnavailableError";
  }
}

export class PendingMigrationsError extends Error {
  constructor(readonly pending: string[]) {
    super(
      `The database is missing ${pending.length} migration(s): ${pending.join(", ")}. ` +
        "Run `npm run db:deploy` before starting the console.",
    );
    this.name = "PendingMigrationsError";
  }
}

function reasonOf(error: unknown): string {
  const e = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.cause?.code ?? e.code;
  const message = (e.cause?.message ?? e.message ?? String(error)).split("\n")[0];
  return code && !message?.includes(code) ? `${code} ${message}` : (message ?? "unknown error");
}

/**
 * Names of migrations in prisma/migrations that the database has not finished applying: never
 * started, failed, or rolled back. (`db:status` tells those apart.)
 */
export async function listPendingMigrations(
  db: Db,
  paths: MigrationPaths = defaultMigrationPaths(),
): Promise<string[]> {
  const entries = await fs.readdir(paths.migrationsDir, { withFileTypes: true }).catch(() => []);
  const local = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const [{ present }] = await db.$queryRaw<[{ present: boolean }]>`
    SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present`;
  if (!present) return local;
  const applied = await db.$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM _prisma_migrations
    WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  const done = new Set(applied.map((row) => row.migration_name));
  return local.filter((name) => !done.has(name));
}

/**
 * Checks the database is reachable and current. `migrate: true` applies pending migrations (the
 * embedded database at start); otherwise pending migrations stop start-up with instructions.
 */
export async function prepareDatabase(options: { migrate: boolean }): Promise<{ applied: string[] }> {
  const target = getDatabaseTarget();
  const db = getDb();
  try {
    await db.$queryRaw`SELECT 1`;
  } catch (error) {
    throw new DatabaseUnavailableError(describeDatabaseTarget(target), reasonOf(error));
  }
  const pending = await listPendingMigrations(db);
  if (pending.length === 0) return { applied: [] };
  if (!options.migrate) throw new PendingMigrationsError(pending);
  const applied = await deployMigrations(target, defaultMigrationPaths(), {
    existingPglite: getOpenPglite(),
  });
  return { applied };
}
