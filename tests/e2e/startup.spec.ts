import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { isPostgresReachable, TEST_POSTGRES_ADMIN_URL } from "../support/test-database";

// The built app started with bad configuration: it must stop at once with one readable message
// naming the problem, exit 1, print no stack trace and no secret.

// One worker runs these one after another, so the ports below never collide.
test.describe.configure({ mode: "serial" });

const GOOD_SECRET = "startup-test-secret-that-is-long-enough-0123456789";
const APP_URL = "http://localhost:3199";
let nextPort = 3190;

function startApp(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("next", ["start", "-p", String(nextPort++)], {
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        ...env,
      },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("exit", (code: number | null) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

function expectCleanFailure(result: { code: number | null; output: string }, message: RegExp) {
  expect(result.code).toBe(1);
  expect(result.output).toContain("Handoff Desk cannot start.");
  expect(result.output).toMatch(message);
  expect(result.output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
}

test("missing required variables are each named", async () => {
  const result = await startApp({ PGLITE_DATA_DIR: "memory://" });
  expectCleanFailure(result, /AUTH_SECRET is required/);
  expect(result.output).toMatch(/APP_URL is required in production/);
});

test("a malformed variable names it and says what is expected", async () => {
  const result = await startApp({ AUTH_SECRET: GOOD_SECRET, DATABASE_URL: "mysql://db/handoff", APP_URL: "not a url" });
  expectCleanFailure(result, /DATABASE_URL must be a postgresql:\/\/ connection URL/);
  expect(result.output).toMatch(/APP_URL must be the console's public URL/);
});

test("an unreachable database is named without its password", async () => {
  const result = await startApp({
    AUTH_SECRET: GOOD_SECRET,
    APP_URL,
    DATABASE_URL: "postgresql://handoff:hunter2pw@127.0.0.1:1/handoff",
  });
  expectCleanFailure(result, /Cannot reach the database \(PostgreSQL at 127\.0\.0\.1:1\/handoff\)/);
  expect(result.output).not.toContain("hunter2pw");
});

test("a server database without its migrations is refused with the command to run", async () => {
  test.skip(!(await isPostgresReachable()), "needs the PostgreSQL server");
  const name = `handoff_startup_${Date.now()}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  try {
    const url = new URL(TEST_POSTGRES_ADMIN_URL);
    url.pathname = `/${name}`;
    const result = await startApp({ AUTH_SECRET: GOOD_SECRET, APP_URL, DATABASE_URL: url.toString() });
    expectCleanFailure(result, /The database is missing \d+ migration\(s\).*Run `npm run db:deploy`/);
    const { rows } = await admin.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`);
    expect(rows[0].n).toBe(0);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
});
