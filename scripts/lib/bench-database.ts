import { createTestDatabase } from "../../tests/support/test-database";

// The benches seed a fresh database on the PostgreSQL server, never PGlite: their numbers are for the
// server the console runs on in production, and seeding millions of rows into PGlite takes hours.

/**
 * Creates and migrates a fresh database named for `label` and points this process at it. Call it
 * before importing anything under server/: the environment is parsed once, on first use.
 */
export async function openBenchDatabase(
  label: string,
  command: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const database = await createTestDatabase(label);
  if (database.kind !== "postgres" || !database.url) {
    await database.drop().catch(() => {});
    throw new Error(`${command} needs the PostgreSQL server (see STACK.md)`);
  }
  process.env.DATABASE_URL = database.url;
  delete process.env.PGLITE_DATA_DIR;
  return { url: database.url, drop: () => database.drop() };
}

/**
 * SQL for a non-negative pseudo-random integer from the row number in `column`, one stream per salt
 * (0..63), so seeded choices (template, name, status…) do not move together the way g % 20 and
 * g % 40 would, and a rerun seeds the same data.
 */
export const rowHash = (salt: number, column = "g") => `(hashint8(${column}::bigint * 64 + ${salt}) & 2147483647)`;

/** SQL for a pseudo-random number in [0, 1) from the row number, one stream per salt. */
export const rowUniform = (salt: number, column = "g") => `(${rowHash(salt, column)} / 2147483648.0)`;
