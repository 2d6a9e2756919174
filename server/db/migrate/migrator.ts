import fs from "node:fs/promises";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { DatabaseTarget } from "../target";
import { openMigrationConnection, type MigrationConnection } from "./adapters";
import {
  NO_FILTERS,
  openSchemaEngine,
  readMigrationsList,
  type EngineHandle,
  type EngineLogger,
} from "./schema-engine";

export interface MigrationPaths {
  schemaPath: string;
  migrationsDir: string;
}

export function defaultMigrationPaths(root = process.cwd()): MigrationPaths {
  return {
    schemaPath: path.join(root, "prisma", "schema.prisma"),
    migrationsDir: path.join(root, "prisma", "migrations"),
  };
}

async function readSchemaFiles(paths: MigrationPaths) {
  return [{ path: paths.schemaPath, content: await fs.readFile(paths.schemaPath, "utf8") }];
}

async function withEngine<T>(
  connection: MigrationConnection,
  schemaFiles: { path: string; content: string }[] | undefined,
  log: EngineLogger | undefined,
  run: (handle: EngineHandle) => Promise<T>,
): Promise<T> {
  let handle: EngineHandle;
  try {
    handle = await openSchemaEngine(connection.factory, schemaFiles, log);
  } catch (error) {
    await connection.close();
    throw error;
  }
  try {
    return await run(handle);
  } catch (error) {
    throw handle.explain(error);
  } finally {
    handle.engine.free();
    await connection.close();
  }
}

/** Applies every pending migration, as `prisma migrate deploy` does. Returns the names applied. */
export async function deployMigrations(
  target: DatabaseTarget,
  paths: MigrationPaths = defaultMigrationPaths(),
  options: { existingPglite?: PGlite; log?: EngineLogger } = {},
): Promise<string[]> {
  const migrationsList = await readMigrationsList(paths.migrationsDir);
  const connection = await openMigrationConnection(target, options);
  return withEngine(connection, undefined, options.log, async ({ engine }) => {
    const result = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
    return result.appliedMigrationNames;
  });
}

export interface MigrationStatus {
  local: string[];
  hasMigrationsTable: boolean;
  pending: string[];
  /** Applied in the database but missing from prisma/migrations. */
  unknownToDirectory: string[];
  failed: string[];
  edited: string[];
  upToDate: boolean;
}

/** Compares the database's migration history with prisma/migrations, as `prisma migrate status`. */
export async function readMigrationStatus(
  target: DatabaseTarget,
  paths: MigrationPaths = defaultMigrationPaths(),
  options: { existingPglite?: PGlite } = {},
): Promise<MigrationStatus> {
  const migrationsList = await readMigrationsList(paths.migrationsDir);
  const connection = await openMigrationConnection(target, options);
  return withEngine(connection, undefined, undefined, async ({ engine }) => {
    const diagnosis = await engine.diagnoseMigrationHistory({
      migrationsList,
      optInToShadowDatabase: false,
      filters: NO_FILTERS,
    });
    const history = diagnosis.history;
    const pending = history && "unappliedMigrationNames" in history ? history.unappliedMigrationNames : [];
    const unknownToDirectory =
      history && "unpersistedMigrationNames" in history ? history.unpersistedMigrationNames : [];
    return {
      local: migrationsList.migrationDirectories.map((d) => d.path),
      hasMigrationsTable: diagnosis.hasMigrationsTable,
      pending,
      unknownToDirectory,
      failed: diagnosis.failedMigrationNames,
      edited: diagnosis.editedMigrationNames,
      upToDate:
        history === null && diagnosis.failedMigrationNames.length === 0 && diagnosis.editedMigrationNames.length === 0,
    };
  });
}

/** An engine over a throwaway in-memory database, for commands that only need a place to replay history. */
async function withScratchEngine<T>(
  schemaFiles: { path: string; content: string }[],
  run: (handle: EngineHandle) => Promise<T>,
): Promise<T> {
  const connection = await openMigrationConnection({ kind: "pglite", dataDir: "memory://" });
  return withEngine(connection, schemaFiles, undefined, run);
}

/**
 * Drift check: does replaying prisma/migrations produce exactly what schema.prisma describes?
 * Returns the SQL a new migration would need; empty when there is no drift. Needs no server.
 */
export async function diffSchemaAgainstMigrations(
  paths: MigrationPaths = defaultMigrationPaths(),
): Promise<{ drift: boolean; sql: string }> {
  const migrationsList = await readMigrationsList(paths.migrationsDir);
  const files = await readSchemaFiles(paths);
  return withScratchEngine(files, async ({ engine }) => {
    const result = await engine.diff({
      from:
        migrationsList.migrationDirectories.length === 0 ? { tag: "empty" } : { tag: "migrations", ...migrationsList },
      to: { tag: "schemaDatamodel", files },
      script: true,
      exitCode: true,
      filters: NO_FILTERS,
    });
    const sql = (result.stdout ?? "").trim();
    const empty = sql === "" || sql === "-- This is an empty migration.";
    return { drift: result.exitCode === 2 && !empty, sql: empty ? "" : sql };
  });
}

/**
 * Creates `prisma/migrations/<timestamp>_<name>/migration.sql` from the schema change, as
 * `prisma migrate dev --create-only` does: the history is replayed into a throwaway database first.
 */
export async function createMigration(
  name: string,
  paths: MigrationPaths = defaultMigrationPaths(),
  options: { draft?: boolean } = {},
): Promise<{ directory: string; sql: string } | null> {
  if (!/^[a-z0-9_]+$/.test(name)) {
    throw new Error(`Migration name "${name}" must use only lower-case letters, digits and "_".`);
  }
  const migrationsList = await readMigrationsList(paths.migrationsDir);
  const files = await readSchemaFiles(paths);
  return withScratchEngine(files, async ({ engine }) => {
    await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
    await engine.devDiagnostic({ migrationsList, filters: NO_FILTERS });
    const output = await engine.createMigration({
      migrationName: name,
      draft: options.draft ?? false,
      migrationsList,
      schema: { files },
      filters: NO_FILTERS,
    });
    if (output.migrationScript === null) return null;
    const directory = path.join(paths.migrationsDir, output.generatedMigrationName);
    await fs.mkdir(directory, { recursive: true });
    await fs.writeFile(path.join(directory, `migration.${output.extension}`), output.migrationScript);
    if (migrationsList.lockfile.content === null) {
      await fs.writeFile(
        path.join(paths.migrationsDir, "migration_lock.toml"),
        `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${output.connectorType}"\n`,
      );
    }
    return { directory, sql: output.migrationScript };
  });
}
