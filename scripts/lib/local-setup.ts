import { spawn, type SpawnOptions } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// Shared by `npm run demo` and `npm run dev`: what a laptop needs with zero configuration.

const DATA_DIR = ".data";

/** A session-signing secret made once per checkout and kept in the git-ignored .data folder. */
export function ensureLocalSecret(): string {
  const file = path.join(DATA_DIR, "auth-secret");
  fs.mkdirSync(DATA_DIR, { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(48).toString("base64url"), { mode: 0o600 });
  return fs.readFileSync(file, "utf8").trim();
}

/** Runs a command to completion with inherited output; rejects on a non-zero exit. */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", ...options });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

const BUILD_INPUTS = [
  "app",
  "components",
  "scripts/build-widget.ts",
  "server",
  "prisma/schema.prisma",
  "instrumentation.ts",
  "next.config.mjs",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];
const FINGERPRINT_FILE = path.join(".next", "handoff-build-fingerprint");

function fingerprintOf(paths: string[]): string {
  const hash = createHash("sha256");
  const visit = (p: string) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p).sort()) visit(path.join(p, entry));
    } else {
      hash.update(`${p}:${stat.size}:${stat.mtimeMs}\n`);
    }
  };
  paths.forEach(visit);
  return hash.digest("hex");
}

/** Builds the app unless the last build was made from exactly these sources. */
export async function buildIfChanged(env: NodeJS.ProcessEnv): Promise<void> {
  const fingerprint = fingerprintOf(BUILD_INPUTS);
  const previous = fs.existsSync(FINGERPRINT_FILE) ? fs.readFileSync(FINGERPRINT_FILE, "utf8") : null;
  if (previous === fingerprint && fs.existsSync(path.join(".next", "BUILD_ID"))) {
    console.log("The console is already built from these sources.");
    return;
  }
  console.log("Building the console (about a minute the first time)…");
  await run("npm", ["run", "build"], { env });
  fs.writeFileSync(FINGERPRINT_FILE, fingerprint);
}

export async function waitForHealthy(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}
