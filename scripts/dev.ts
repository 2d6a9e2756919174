// `npm run dev`: Next's development server with hot reload, on the embedded database in
// .data/dev (demo accounts included), unless DATABASE_URL points at a server.
import path from "node:path";
import { loadEnvFiles } from "./lib/load-env";
import { ensureLocalSecret, run } from "./lib/local-setup";

loadEnvFiles(true);

const usesServer = Boolean(process.env.DATABASE_URL);
const port = process.env.PORT ?? "3000";
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PGLITE_DATA_DIR: process.env.PGLITE_DATA_DIR ?? path.join(".data", "dev"),
  AUTH_SECRET: process.env.AUTH_SECRET ?? ensureLocalSecret(),
  DEMO_MODE: process.env.DEMO_MODE ?? (usesServer ? "false" : "true"),
  APP_URL: process.env.APP_URL ?? `http://localhost:${port}`,
  NEXT_TELEMETRY_DISABLED: "1",
};

try {
  if (usesServer) await run("tsx", ["scripts/db.ts", "deploy"], { env });
  else await run("tsx", ["scripts/db.ts", "seed-demo"], { env });
  // The chat widget's bundle is plain files, not part of Next's hot reload: built once here.
  await run("tsx", ["scripts/build-widget.ts"], { env });
  await run("next", ["dev", "-p", port], { env });
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
