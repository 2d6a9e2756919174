import { PGlite } from "@electric-sql/pglite";
import { afterAll, describe, expect, it } from "vitest";
import { PrismaClient } from "./generated/prisma/client";
import { createPgliteAdapter } from "./pglite-adapter";

describe("the embedded database's Prisma adapter", () => {
  const pglite = new PGlite();
  const prisma = new PrismaClient({ adapter: createPgliteAdapter(pglite) });
  afterAll(async () => {
    await prisma.$disconnect();
    await pglite.close();
  });

  // PGlite takes a few seconds to start on a busy machine.
  it("reports a transaction whose COMMIT fails as failed, and keeps nothing of it", { timeout: 60_000 }, async () => {
    await pglite.exec(`
      CREATE TABLE notes (body text);
      CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused at commit'; END $$ LANGUAGE plpgsql;
      CREATE CONSTRAINT TRIGGER refuse AFTER INSERT ON notes DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW WHEN (NEW.body = 'bad') EXECUTE FUNCTION refuse();`);
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`INSERT INTO notes VALUES ('bad')`);
      }),
    ).rejects.toThrow(/refused at commit/);
    await prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`INSERT INTO notes VALUES ('good')`);
    });
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`INSERT INTO notes VALUES ('rolled back')`);
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect((await pglite.query<{ body: string }>("SELECT body FROM notes")).rows).toEqual([{ body: "good" }]);
  });
});
