import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { FLAGS } from "@/server/domain/analysis";

// The evaluation and benchmark commands as a user runs them: real processes, real files.

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const TINY = path.join(ROOT, "tests/fixtures/corpus/tiny.jsonl");

async function cli(script: string, args: string[]) {
  try {
    const { stdout, stderr } = await run(TSX, [script, ...args], { cwd: ROOT, env: { ...process.env, DEBUG: "" } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("npm run eval", () => {
  it("prints one JSON object with every score the issue names", async () => {
    const { code, stdout } = await cli("scripts/eval.ts", ["--corpus", TINY, "--json"]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(Object.keys(report).sort()).toEqual(
      ["n", "intent", "customerStatus", "consent", "needClear", "contact", "flags", "macroF1"].sort(),
    );
    expect(report.n).toBe(4);
    for (const key of ["intent", "customerStatus", "consent", "needClear"]) {
      expect(report[key].accuracy).toBeGreaterThanOrEqual(0);
      expect(report[key].accuracy).toBeLessThanOrEqual(1);
    }
    expect(Object.keys(report.contact).sort()).toEqual(["company", "email", "name", "phone"]);
    expect(Object.keys(report.flags).sort()).toEqual([...FLAGS].sort());
    for (const score of Object.values(report.flags) as Record<string, number>[]) {
      expect(Object.keys(score).sort()).toEqual(["f1", "precision", "recall", "support"]);
    }
    const meanF1 = FLAGS.reduce((sum, f) => sum + report.flags[f].f1, 0) / FLAGS.length;
    expect(report.macroF1).toBeCloseTo(meanF1, 3);
  });

  it("lists each mismatch with its record id when verbose", async () => {
    // A copy with one label certainly wrong, so there is at least that mismatch to list.
    const dir = mkdtempSync(path.join(os.tmpdir(), "eval-"));
    const corpus = path.join(dir, "mislabelled.jsonl");
    writeFileSync(corpus, readFileSync(TINY, "utf8").replace('"intent": "sales"', '"intent": "spam"'));
    const { code, stdout, stderr } = await cli("scripts/eval.ts", ["--corpus", corpus, "--verbose"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Conversations: 4$/m);
    expect(stdout).toMatch(/^macro F1\s+\d+\.\d%$/m);
    const count = Number(/(\d+) mismatches:/.exec(stderr)?.[1]);
    const lines = stderr.split("\n").filter((line) => /^ {2}tiny-\d {2}/.test(line));
    expect(lines).toContain('  tiny-1  intent: expected "spam", got "sales"');
    expect(lines.length).toBe(count);
    for (const line of lines) expect(line).toMatch(/^ {2}tiny-\d {2}\S+: expected .+, got .+$/);
  });

  it("names the line and field of a bad record, and a missing file, with exit code 1", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "eval-"));
    const bad = path.join(dir, "bad.jsonl");
    writeFileSync(bad, '{"id":"a","conversation":{"messages":[]},"expected":{"intent":"buy"}}\n');
    const malformed = await cli("scripts/eval.ts", ["--corpus", bad]);
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toMatch(/^Error: Line 1: .*expected\.intent/m);

    const missing = await cli("scripts/eval.ts", ["--corpus", path.join(dir, "nope.jsonl")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Cannot read .*nope\.jsonl: no such file/);

    const analyzer = await cli("scripts/eval.ts", ["--corpus", TINY, "--analyzer", "magic"]);
    expect(analyzer.code).toBe(1);
    expect(analyzer.stderr).toMatch(/--analyzer must be "rules" or "llm"/);
  });
});

describe("npm run bench:analysis", () => {
  it("prints the numbers the issue asks for", async () => {
    const { code, stdout } = await cli("scripts/bench-analysis.ts", ["--conversations", "300", "--json"]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.conversations).toBe(300);
    expect(result.medianMessages).toBeGreaterThanOrEqual(12);
    for (const key of ["conversationsPerSecond", "p99Ms", "peakRssMb"]) expect(result[key]).toBeGreaterThan(0);
  });
});

describe("npm run train:models", () => {
  it("reproduces the committed intent and flag models from the corpora in the repository", async () => {
    const { code, stdout, stderr } = await cli("scripts/train-models.ts", ["--check"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(/models\/intent\.json matches its training data/);
    expect(stdout).toMatch(/models\/flags\.json matches its training data/);
  });

  it("reports leave-one-corpus-out intent accuracy and flag-model counts as JSON, and fails clearly with too few corpora", async () => {
    const a = path.join(ROOT, "tests/fixtures/corpus/holdout-c.jsonl");
    const b = path.join(ROOT, "tests/fixtures/corpus/holdout-d.jsonl");
    const { code, stdout } = await cli("scripts/train-models.ts", ["--cv", "--json", "--corpus", a, "--corpus", b]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.intent.perCorpus.map((c: { corpus: string }) => c.corpus)).toEqual([
      "tests/fixtures/corpus/holdout-c.jsonl",
      "tests/fixtures/corpus/holdout-d.jsonl",
    ]);
    for (const c of report.intent.perCorpus) expect(c.accuracy).toBeGreaterThan(0.5);
    expect(report.n).toBe(120);
    const emergency = report.flags.find((f: { flag: string }) => f.flag === "emergency");
    expect(emergency.threshold).toBe(0.3);
    expect(emergency.support).toBeGreaterThan(0);
    expect(emergency.model.precision).toBeGreaterThanOrEqual(0);
    expect(emergency.model.precision).toBeLessThanOrEqual(1);
    const one = await cli("scripts/train-models.ts", ["--cv", "--corpus", a]);
    expect(one.code).toBe(1);
    expect(one.stderr).toMatch(/--cv needs at least two corpora/);
  });
});
