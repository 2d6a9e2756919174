import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { deployMigrations } from "../../server/db/migrate/migrator";

// Every test run gets its own database: a fresh one on the PostgreSQL server when one answers (CI
// and these machines), otherwise a fresh embedded PGlite folder. Stale ones from killed runs are
// dropped on the way in.

export const TEST_POSTGRES_ADMIN_URL =
  process.env.TEST_POSTGRES_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

const STALE_AFTER_MS = 6 * 3600 * 1000;

export interface TestDatabase {
  kind: "postgres" | "pglite";
  /** Environment that points the app and its tools at this database. */
  env: { DATABASE_URL?: string; PGLITE_DATA_DIR?: string };
  /** For a server database: the connection URL. */
  url?: string;
  drop(): Promise<void>;
}

export async function isPostgresReachable(adminUrl = TEST_POSTGRES_ADMIN_URL): Promise<boolean> {
  if (process.env.TEST_DATABASE === "pglite") return false;
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops this suite's databases left behind by killed runs: exact names only, older than 6 hours. */
async function dropStaleDatabases(admin: pg.Client, label: string) {
  const { rows } = await admin.query<{ datname: string }>("SELECT datname FROM pg_database");
  const ours = new RegExp(`^handoff_${label}_(\\d{13})_\\d+$`);
  for (const { datname } of rows) {
    const createdAt = Number(ours.exec(datname)?.[1]);
    if (createdAt && Date.now() - createdAt > STALE_AFTER_MS) {
      await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(datname)} WITH (FORCE)`).catch(() => {});
    }
  }
}

/** Creates and migrates a database for one test run. `label` is e.g. "it" or "e2e". */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  if (await isPostgresReachable()) {
    if (!/^[a-z0-9]+$/.test(label))
      throw new Error(`test database label must be lower-case letters and digits: ${label}`);
    const name = `handoff_${label}_${Date.now()}_${process.pid}`;
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_ADMIN_URL });
    await admin.connect();
    try {
      await dropStaleDatabases(admin, label);
      await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    } finally {
      await admin.end();
    }
    const url = databaseUrl(TEST_POSTGRES_ADMIN_URL, name);
    await deployMigrations({ kind: "postgres", url });
    return {
      kind: "postgres",
      env: { DATABASE_URL: url },
      url,
      async drop() {
        const dropper = new pg.Client({ connectionString: TEST_POSTGRES_ADMIN_URL });
        await dropper.connect();
        await dropper.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
        await dropper.end();
      },
    };
  }

  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), `handoff-${label}-`));
  await deployMigrations({ kind: "pglite", dataDir });
  return {
    kind: "pglite",
    env: { PGLITE_DATA_DIR: dataDir },
    async drop() {
      await fs.rm(dataDir, { recursive: true, force: true });
      await fs.rm(`${dataDir}.lock`, { force: true });
    },
  };
}
