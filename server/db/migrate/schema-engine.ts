import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type * as SchemaEngineBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { MigrationList, SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm/schema_engine_bg";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";

// Prisma's native schema engine cannot be downloaded on these machines, and the 7.x CLI never falls
// back to the WebAssembly build it ships. This module drives that WebAssembly engine directly through
// driver adapters, so `migrate dev/deploy/status/diff` behave as Prisma's own and write the same
// `_prisma_migrations` history.

export const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

type WasmBindings = typeof SchemaEngineBindings;

let bindingsPromise: Promise<WasmBindings> | undefined;

/** Instantiates the engine's wasm once per process (the package entry imports a .wasm, which Node can't). */
function loadBindings(): Promise<WasmBindings> {
  bindingsPromise ??= (async () => {
    const require = createRequire(import.meta.url);
    // Resolved at run time, outside the bundler: the package is ESM with a .wasm import Next can't externalise.
    const bgPath = require.resolve(/* turbopackIgnore: true */ "@prisma/schema-engine-wasm/schema_engine_bg");
    const bg: WasmBindings = await import(/* webpackIgnore: true */ pathToImportSpecifier(bgPath));
    const wasmBytes = await fs.readFile(path.join(path.dirname(bgPath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(wasmBytes, {
      "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports,
    });
    (bg as unknown as { __wbg_set_wasm(exports: WebAssembly.Exports): void }).__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
    return bg;
  })();
  return bindingsPromise;
}

function pathToImportSpecifier(p: string): string {
  return new URL(`file://${p}`).href;
}

export type EngineLogger = (line: string) => void;

export interface EngineHandle {
  engine: SchemaEngine;
  /** Turns the engine's opaque "External error id#N" into the adapter's original error. */
  explain(error: unknown): Error;
}

/**
 * Opens a schema engine over a database reached through `factory`. `schemaFiles` is the Prisma schema
 * to reason about (omit it for commands that only read the migration history).
 */
export async function openSchemaEngine(
  factory: SqlMigrationAwareDriverAdapterFactory,
  schemaFiles?: { path: string; content: string }[],
  log: EngineLogger = () => {},
): Promise<EngineHandle> {
  const bg = await loadBindings();
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  const engine = await bg.SchemaEngine.new(
    { datamodels: schemaFiles?.map((f) => [f.path, f.content] as [string, string]) },
    (message: string) => log(message),
    bound,
  );
  return {
    engine,
    explain(error) {
      const text = error instanceof Error ? error.message : String(error);
      const match = /External error id#(\d+)/.exec(text);
      if (match) {
        const original = bound.errorRegistry.consumeError(Number(match[1]));
        const cause = original?.error as { originalMessage?: string; message?: string; kind?: string } | undefined;
        if (cause) {
          return new Error(cause.originalMessage ?? cause.message ?? `${cause.kind ?? "database"} error`);
        }
      }
      return error instanceof Error ? error : new Error(text);
    },
  };
}

/** Reads `prisma/migrations` into the shape the engine expects. */
export async function readMigrationsList(migrationsDir: string): Promise<MigrationList> {
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  const lockContent = await fs.readFile(lockPath, "utf8").catch(() => null);
  const entries = await fs.readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const directories = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const migrationDirectories = await Promise.all(
    directories.map(async (dir) => {
      const value = await fs.readFile(path.join(migrationsDir, dir, "migration.sql"), "utf8").then(
        (content) => ({ tag: "ok" as const, value: content }),
        (error: Error) => ({ tag: "error" as const, value: error.message }),
      );
      return { path: dir, migrationFile: { path: "migration.sql", content: value } };
    }),
  );
  return {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

/**
 * Wraps an adapter so `executeScript` sends a migration as one statement batch and awaits it. The
 * stock adapters split on every `;` (breaking `$$` bodies and half-applying a failing migration) or
 * forget to await, which turns failures into unhandled rejections.
 */
export function withWholeScriptExecution(
  adapter: SqlDriverAdapter,
  runScript: (script: string) => Promise<unknown>,
): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, prop, receiver) {
      if (prop === "executeScript") {
        return async (script: string) => {
          await runScript(script);
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
