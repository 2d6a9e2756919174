import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DatabaseInUseError, lockEmbeddedDatabase } from "../../server/db/pglite-lock";

const folders: string[] = [];
function freshDataDir() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "handoff-lock-"));
  folders.push(root);
  return path.join(root, "db");
}
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

/** A process id that certainly belonged to a process that has exited. */
function deadPid(): number {
  return spawnSync("true").pid!;
}

function plantLock(dataDir: string, pid: number | null, ageMs = 0) {
  const lockDir = `${dataDir}.lock`;
  fs.mkdirSync(lockDir, { recursive: true });
  if (pid !== null) fs.writeFileSync(path.join(lockDir, "pid"), String(pid));
  const when = new Date(Date.now() - ageMs);
  fs.utimesSync(lockDir, when, when);
}

describe("the embedded database lock", () => {
  it("is exclusive within a process, and free again once released", () => {
    const dataDir = freshDataDir();
    const release = lockEmbeddedDatabase(dataDir);
    expect(() => lockEmbeddedDatabase(dataDir)).toThrow(/already open in this process/);
    release();
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
    lockEmbeddedDatabase(dataDir)();
  });

  it("refuses a folder held by another live process, naming it", async () => {
    const dataDir = freshDataDir();
    const holder = spawn("sleep", ["30"]);
    try {
      plantLock(dataDir, holder.pid!);
      expect(() => lockEmbeddedDatabase(dataDir)).toThrow(DatabaseInUseError);
      expect(() => lockEmbeddedDatabase(dataDir)).toThrow(new RegExp(`in use by process ${holder.pid}`));
    } finally {
      holder.kill();
    }
  });

  it("takes over a lock left by a process that died", () => {
    const dataDir = freshDataDir();
    plantLock(dataDir, deadPid());
    const release = lockEmbeddedDatabase(dataDir);
    expect(fs.readFileSync(`${dataDir}.lock/pid`, "utf8")).toBe(String(process.pid));
    release();
  });

  it("waits for an owner still writing its id, and takes over one that never did", () => {
    const fresh = freshDataDir();
    plantLock(fresh, null);
    const started = Date.now();
    lockEmbeddedDatabase(fresh)();
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_500);

    const abandoned = freshDataDir();
    plantLock(abandoned, null, 60_000);
    const quick = Date.now();
    lockEmbeddedDatabase(abandoned)();
    expect(Date.now() - quick).toBeLessThan(1_000);
  });
});
