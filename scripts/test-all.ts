// `npm test`: every check the project has, in the order CI runs them, ending with one line
// "N passed, N failed" summed over all suites. Checks without test cases (lint, types, drift,
// build) count as one each. Exits non-zero when anything failed.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const RESULTS_DIR = path.join(".data", "test-results");
fs.mkdirSync(RESULTS_DIR, { recursive: true });

interface Outcome {
  name: string;
  passed: number;
  failed: number;
  skipped: number;
  seconds: number;
  note?: string;
}

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
    });
    child.on("error", () => resolve(127));
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

function banner(name: string) {
  console.log(`\n━━━ ${name} ${"━".repeat(Math.max(0, 70 - name.length))}`);
}

async function check(name: string, command: string, args: string[]): Promise<Outcome> {
  banner(name);
  const started = Date.now();
  const code = await run(command, args);
  return {
    name,
    passed: code === 0 ? 1 : 0,
    failed: code === 0 ? 0 : 1,
    skipped: 0,
    seconds: (Date.now() - started) / 1000,
  };
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}

async function vitest(name: string, project: string): Promise<Outcome> {
  banner(name);
  const started = Date.now();
  const file = path.join(RESULTS_DIR, `${project}.json`);
  fs.rmSync(file, { force: true });
  const code = await run("vitest", [
    "run",
    "--project",
    project,
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${file}`,
  ]);
  const seconds = (Date.now() - started) / 1000;
  const report = readJson<{
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  }>(file);
  if (!report)
    return { name, passed: 0, failed: 1, skipped: 0, seconds, note: `vitest exited ${code} without a report` };
  const failed = report.numFailedTests + (code !== 0 && report.numFailedTests === 0 ? 1 : 0);
  return {
    name,
    passed: report.numPassedTests,
    failed,
    skipped: report.numPendingTests + report.numTodoTests,
    seconds,
  };
}

async function playwright(name: string): Promise<Outcome> {
  banner(name);
  const started = Date.now();
  const file = path.join(RESULTS_DIR, "e2e.json");
  fs.rmSync(file, { force: true });
  const code = await run("playwright", ["test", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_FILE: file });
  const seconds = (Date.now() - started) / 1000;
  const report = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(file);
  if (!report)
    return { name, passed: 0, failed: 1, skipped: 0, seconds, note: `playwright exited ${code} without a report` };
  const { expected, unexpected, flaky, skipped } = report.stats;
  const failed = unexpected + flaky + (code !== 0 && unexpected === 0 ? 1 : 0);
  return { name, passed: expected, failed, skipped, seconds };
}

const outcomes: Outcome[] = [];
outcomes.push(await check("lint", "eslint", ["--max-warnings=0", "."]));
outcomes.push(await check("format", "prettier", ["--check", "."]));
outcomes.push(await check("typecheck", "tsc", ["--noEmit"]));
outcomes.push(await check("migration drift", "tsx", ["scripts/db.ts", "check"]));
outcomes.push(await vitest("unit", "unit"));
outcomes.push(await vitest("integration", "integration"));
// The chat widget's bundle (public/widget.js) first: the console serves it.
const build = await check("build", "npm", ["run", "build"]);
outcomes.push(build);
if (build.failed) {
  outcomes.push({ name: "e2e", passed: 0, failed: 1, skipped: 0, seconds: 0, note: "not run: the build failed" });
} else {
  outcomes.push(await playwright("e2e"));
}

banner("summary");
for (const o of outcomes) {
  const status = o.failed ? "FAIL" : "ok";
  const counts = `${o.passed} passed, ${o.failed} failed${o.skipped ? `, ${o.skipped} skipped` : ""}`;
  console.log(
    `${status.padEnd(5)}${o.name.padEnd(17)}${counts.padEnd(34)}${o.seconds.toFixed(1)} s${o.note ? `  (${o.note})` : ""}`,
  );
}
const passed = outcomes.reduce((sum, o) => sum + o.passed, 0);
const failed = outcomes.reduce((sum, o) => sum + o.failed, 0);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
