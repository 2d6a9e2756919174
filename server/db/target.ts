import path from "node:path";

/** Where the data lives: a PostgreSQL server, or an embedded PGlite database in a local folder. */
export type DatabaseTarget = { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };

export const DEFAULT_PGLITE_DIR = path.join(".data", "pglite");

export function resolveDatabaseTarget(input: {
  databaseUrl?: string | undefined;
  pgliteDataDir?: string | undefined;
}): DatabaseTarget {
  if (input.databaseUrl) return { kind: "postgres", url: input.databaseUrl };
  return {
    kind: "pglite",
    dataDir: path.resolve(/* turbopackIgnore: true */ input.pgliteDataDir ?? DEFAULT_PGLITE_DIR),
  };
}

/** A description of the target safe to print or log: never the password. */
export function describeDatabaseTarget(target: DatabaseTarget): string {
  if (target.kind === "pglite") return `embedded PGlite database in ${target.dataDir}`;
  try {
    const url = new URL(target.url);
    if (url.password) url.password = "****";
    return `PostgreSQL at ${url.host}${url.pathname}`;
  } catch {
    return "PostgreSQL (unparseable URL)";
  }
}
