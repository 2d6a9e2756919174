import fs from "node:fs";
import path from "node:path";

// PGlite has no locking of its own, and two PGlite instances on one folder corrupt it. A lock
// directory beside the folder (mkdir is atomic) holds the owner's process id.

export class DatabaseInUseError extends Error {
  constructor(dataDir: string, holder: number | "this process") {
    super(
      holder === "this process"
        ? `The embedded database in ${dataDir} is already open in this process.`
        : `The embedded database in ${dataDir} is in use by process ${holder}. ` +
            "Stop that process (is the console already running?) or set PGLITE_DATA_DIR to another folder.",
    );
    this.name = "DatabaseInUseError";
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(lockDir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(lockDir, "pid"), "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function ageMs(lockDir: string): number {
  try {
    return Date.now() - fs.statSync(lockDir).mtimeMs;
  } catch {
    return 0;
  }
}

function sleepSync(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Takes the lock for `dataDir` or throws DatabaseInUseError. Returns the release function (also
 * run at process exit). A lock left by a dead process is taken over; a lock whose owner has not
 * yet written its id is waited for, and only taken over once it is clearly abandoned.
 */
export function lockEmbeddedDatabase(dataDir: string): () => void {
  const lockDir = `${dataDir.replace(/[\\/]+$/, "")}.lock`;
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  const deadline = Date.now() + 3_000;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, "pid"), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = readHolder(lockDir);
    if (holder === process.pid) throw new DatabaseInUseError(dataDir, "this process");
    if (holder !== null && isProcessAlive(holder)) throw new DatabaseInUseError(dataDir, holder);
    if (holder === null && ageMs(lockDir) < 10_000 && Date.now() < deadline) {
      sleepSync(50); // its owner is between mkdir and writing its id
      continue;
    }
    // Abandoned: move it aside atomically (only one contender's rename succeeds), then retry.
    try {
      fs.renameSync(lockDir, `${lockDir}.stale-${process.pid}-${Date.now()}`);
    } catch {
      // another process moved it first
    }
    for (const entry of fs.readdirSync(path.dirname(lockDir))) {
      if (entry.startsWith(`${path.basename(lockDir)}.stale-`)) {
        fs.rmSync(path.join(path.dirname(lockDir), entry), { recursive: true, force: true });
      }
    }
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    if (readHolder(lockDir) === process.pid) fs.rmSync(lockDir, { recursive: true, force: true });
    process.removeListener("exit", release);
  };
  process.once("exit", release);
  return release;
}
