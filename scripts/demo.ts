// `npm run demo`: the console on the embedded database with demo data, at http://localhost:3000.
// Builds when the sources changed, migrates and seeds .data/demo, starts `next start`.
import { spawn } from "node:child_process";
import path from "node:path";
import { DEMO_ACCOUNTS } from "../server/auth/demo-accounts";
import { ROLE_LABELS } from "../server/auth/permissions";
import { buildIfChanged, ensureLocalSecret, run, waitForHealthy } from "./lib/local-setup";

const port = Number(process.env.PORT ?? 3000);
const url = `http://localhost:${port}`;

const env: NodeJS.ProcessEnv = {
  ...process.env,
  // Demo data goes only into the embedded database, never into a configured server.
  DATABASE_URL: "",
  PGLITE_DATA_DIR: path.join(".data", "demo"),
  AUTH_SECRET: ensureLocalSecret(),
  APP_URL: url,
  DEMO_MODE: "true",
  NEXT_TELEMETRY_DISABLED: "1",
};

try {
  await run("tsx", ["scripts/db.ts", "seed-demo"], { env });
  await buildIfChanged(env);
} catch (error) {
  console.error(`\nThe demo could not start: ${(error as Error).message}`);
  process.exit(1);
}

const server = spawn("next", ["start", "-p", String(port)], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));

if (await waitForHealthy(`${url}/api/health`, 120_000)) {
  const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.email.length));
  console.log(`\n  Handoff Desk demo is running at ${url}\n\n  Sign in as:`);
  for (const account of DEMO_ACCOUNTS) {
    console.log(`    ${ROLE_LABELS[account.role].padEnd(16)} ${account.email.padEnd(width)}  ${account.password}`);
  }
  console.log("\n  Data lives in .data/demo (delete it to start over). Ctrl+C stops the console.\n");
}
