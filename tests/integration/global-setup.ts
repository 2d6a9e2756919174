import type { TestProject } from "vitest/node";
import { createTestDatabase } from "../support/test-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseEnv: { DATABASE_URL?: string; PGLITE_DATA_DIR?: string };
    databaseKind: "postgres" | "pglite";
  }
}

/** One fresh, migrated database for the whole integration run; dropped at the end. */
export default async function setup(project: TestProject) {
  const database = await createTestDatabase("it");
  project.provide("databaseEnv", database.env);
  project.provide("databaseKind", database.kind);
  return async () => {
    await database.drop();
  };
}
