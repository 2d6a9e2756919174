// Database commands that work offline, on PostgreSQL (DATABASE_URL) and on the embedded database:
//   create --name <name> [--draft]   new migration from a schema.prisma change (no database needed)
//   deploy                          apply pending migrations
//   status                          compare the database's history with prisma/migrations
//   check                           drift check: schema.prisma changed without a migration -> exit 1
//   seed-demo                       demo users and teams (embedded database only)
import { loadEnvFiles } from "./lib/load-env";
import { parseArgs } from "node:util";
import { closeDb, getDatabaseTarget, getDb, getOpenPglite } from "../server/db/client";
import {
  createMigration,
  deployMigrations,
  diffSchemaAgainstMigrations,
  readMigrationStatus,
} from "../server/db/migrate/migrator";
import { describeDatabaseTarget } from "../server/db/target";
import { seedDemoData } from "../server/services/demo-seed";
import { seedDemoConversations } from "../server/services/demo-conversations";
import { seedDemoHistory } from "../server/services/demo-history";
import { stopJobs } from "../server/jobs/runtime";
import { DEMO_ACCOUNTS } from "../server/auth/demo-accounts";
import { runCli } from "./lib/run-cli";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { name: { type: "string" }, draft: { type: "boolean", default: false } },
});
const command = positionals[0];

async function main(): Promise<number> {
  loadEnvFiles();
  switch (command) {
    case "create": {
      if (!values.name) throw new Error("Give the migration a name: npm run db:create -- --name add_leads");
      const created = await createMigration(values.name, undefined, { draft: values.draft });
      if (!created) {
        console.log("schema.prisma matches the migrations: nothing to create.");
        return 0;
      }
      console.log(`Created ${created.directory}/migration.sql:\n\n${created.sql}`);
      return 0;
    }
    case "deploy": {
      const target = getDatabaseTarget();
      const applied = await deployMigrations(target, undefined, { existingPglite: getOpenPglite() });
      console.log(
        applied.length
          ? `Applied ${applied.length} migration(s) to the ${describeDatabaseTarget(target)}:\n${applied.map((n) => `  ${n}`).join("\n")}`
          : `The ${describeDatabaseTarget(target)} is up to date.`,
      );
      return 0;
    }
    case "status": {
      const target = getDatabaseTarget();
      const status = await readMigrationStatus(target, undefined, { existingPglite: getOpenPglite() });
      console.log(`Database: ${describeDatabaseTarget(target)}`);
      console.log(`${status.local.length} migration(s) in prisma/migrations.`);
      const report = (label: string, names: string[]) => {
        if (names.length) console.log(`${label}:\n${names.map((n) => `  ${n}`).join("\n")}`);
      };
      report("Not yet applied", status.pending);
      report("Applied but missing from prisma/migrations", status.unknownToDirectory);
      report("Failed", status.failed);
      report("Edited after being applied", status.edited);
      console.log(status.upToDate ? "Database schema is up to date." : "Database schema is NOT up to date.");
      return status.upToDate ? 0 : 1;
    }
    case "check": {
      const { drift, sql } = await diffSchemaAgainstMigrations();
      if (!drift) {
        console.log("No drift: prisma/migrations produce exactly what schema.prisma describes.");
        return 0;
      }
      console.error(
        "Drift: schema.prisma has changes that no migration contains. Create one with\n" +
          "  npm run db:create -- --name <what_changed>\nThe missing SQL:\n",
      );
      console.error(sql);
      return 1;
    }
    case "seed-demo": {
      const target = getDatabaseTarget();
      if (target.kind !== "pglite") {
        throw new Error("Demo data goes only into the embedded database; unset DATABASE_URL.");
      }
      // Demo accounts have published passwords: never add them to a database that is not a demo.
      if (process.env.DEMO_MODE !== "true") {
        throw new Error("seed-demo runs only with DEMO_MODE=true (npm run demo and npm run dev set it).");
      }
      await deployMigrations(target, undefined, { existingPglite: getOpenPglite() });
      await seedDemoData(getDb());
      const history = await seedDemoHistory(getDb());
      if (history > 0) console.log(`Posted ${history} earlier chats (the last eight weeks, for the dashboards).`);
      const chats = await seedDemoConversations(getDb());
      await stopJobs();
      if (chats > 0) console.log(`Posted ${chats} demo chat conversations.`);
      console.log(`Demo data in the ${describeDatabaseTarget(target)}. Accounts:`);
      for (const account of DEMO_ACCOUNTS)
        console.log(`  ${account.role.padEnd(8)} ${account.email}  ${account.password}`);
      return 0;
    }
    default:
      console.error("Usage: tsx scripts/db.ts <create --name NAME | deploy | status | check | seed-demo>");
      return 2;
  }
}

await runCli(main, closeDb);
