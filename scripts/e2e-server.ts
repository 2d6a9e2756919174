// Started by Playwright (playwright.config.ts): a fresh database for this run (the PostgreSQL
// server when reachable, else PGlite), seeded with the demo and e2e accounts, a local OpenID
// provider for single sign-on, and the built app served by `next start`. The database is dropped
// again when Playwright stops it.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { E2E_EXTRA_ACCOUNTS } from "../tests/fixtures/e2e-accounts";
import { E2E_DASHBOARD_SOURCE } from "../tests/fixtures/e2e-sources";
import { LOCAL_OIDC, localOidcIssuer, startLocalOidcProvider } from "../tests/support/local-oidc-provider";
import { createTestDatabase } from "../tests/support/test-database";

const port = process.env.E2E_PORT ?? "3100";
const appUrl = `http://localhost:${port}`;
const stopOidcProvider = await startLocalOidcProvider(appUrl);
const database = await createTestDatabase("e2e");
delete process.env.DATABASE_URL;
delete process.env.PGLITE_DATA_DIR;
Object.assign(process.env, database.env);

const { getDb, closeDb } = await import("../server/db/client");
const { seedDemoData } = await import("../server/services/demo-seed");
const { hashPassword } = await import("../server/auth/password");
const { hashApiKey, generateSigningSecret } = await import("../server/services/sources");
const db = getDb();
await seedDemoData(db);
for (const extra of E2E_EXTRA_ACCOUNTS) {
  await db.user.create({
    data: {
      email: extra.email,
      name: extra.name,
      role: extra.role,
      passwordHash: await hashPassword(extra.password),
      canRevealSensitive: "canRevealSensitive" in extra && extra.canRevealSensitive === true,
    },
  });
}
await db.source.create({
  data: {
    name: E2E_DASHBOARD_SOURCE.name,
    kind: "api",
    keyPrefix: E2E_DASHBOARD_SOURCE.apiKey.slice(0, 11),
    keyHash: hashApiKey(E2E_DASHBOARD_SOURCE.apiKey),
    signingSecret: generateSigningSecret(),
  },
});
await closeDb();
console.log(`e2e database: ${database.kind}`);

const server = spawn("next", ["start", "-p", port], {
  stdio: "inherit",
  env: {
    ...process.env,
    AUTH_SECRET: randomBytes(48).toString("base64url"),
    APP_URL: appUrl,
    AUTH_OIDC_ISSUER: localOidcIssuer(),
    AUTH_OIDC_CLIENT_ID: LOCAL_OIDC.clientId,
    AUTH_OIDC_CLIENT_SECRET: LOCAL_OIDC.clientSecret,
    AUTH_OIDC_NAME: LOCAL_OIDC.name,
    DEMO_MODE: "false",
    // Every browser test signs in from 127.0.0.1: more than an office's worth of sign-ins from one
    // address in 15 minutes. The per-account limits, which the sign-in tests check, stay as they are.
    SIGN_IN_LIMIT_PER_ADDRESS: "1000",
    // All the chat widget tests' chats come from one address. (The first-message timing check
    // stays on: the widget waits it out, as it does for a quick typist.)
    WIDGET_SESSIONS_PER_ADDRESS_HOUR: "1000",
    LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
  },
});

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  server.kill("SIGTERM");
  await new Promise((resolve) => (server.exitCode === null ? server.once("exit", resolve) : resolve(null)));
  await stopOidcProvider();
  await database.drop().catch((error: Error) => console.error(`could not drop the e2e database: ${error.message}`));
  process.exit(code);
}
process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));
server.on("exit", (code) => void stop(code ?? 1));
