// npm run eval -- --corpus FILE [--analyzer rules|llm] [--json] [--verbose]
// Scores the analysis against a labelled corpus in shared/corpus/FORMAT.md's format.
import fs from "node:fs/promises";
import { parseArgs } from "node:util";
import { analyzeWithRules } from "../server/domain/analysis";
import { evaluate, parseCorpus, type EvaluationReport } from "../server/domain/analysis/evaluation";
import type { Brief } from "../server/domain/analysis/types";
import { loadEnvFiles } from "./lib/load-env";
import { runCli } from "./lib/run-cli";

const { values } = parseArgs({
  options: {
    corpus: { type: "string" },
    analyzer: { type: "string", default: "rules" },
    json: { type: "boolean", default: false },
    verbose: { type: "boolean", default: false },
  },
});

function pct(x: number) {
  return `${(x * 100).toFixed(1)}%`;
}

function printReport(report: EvaluationReport) {
  console.log(`Conversations: ${report.n}`);
  console.log(`intent          ${pct(report.intent.accuracy)}`);
  console.log(`customerStatus  ${pct(report.customerStatus.accuracy)}`);
  console.log(`consent         ${pct(report.consent.accuracy)}`);
  console.log(`needClear       ${pct(report.needClear.accuracy)}`);
  for (const [field, score] of Object.entries(report.contact))
    console.log(`contact.${field.padEnd(8)}${pct(score.exact)}`);
  console.log("\nflag                precision  recall     f1  support");
  for (const [flag, s] of Object.entries(report.flags)) {
    console.log(
      `${flag.padEnd(20)}${pct(s.precision).padStart(9)}${pct(s.recall).padStart(8)}${pct(s.f1).padStart(7)}${String(s.support).padStart(9)}`,
    );
  }
  console.log(`macro F1            ${pct(report.macroF1)}`);
}

async function analyzeAll(records: ReturnType<typeof parseCorpus>, analyzer: string): Promise<Brief[]> {
  if (analyzer === "rules") return records.map((r) => analyzeWithRules(r.conversation));
  if (analyzer === "llm") {
    const { createModelAnalyzerFromEnv } = await import("../server/ai/analysis");
    const analyze = createModelAnalyzerFromEnv();
    const briefs: Brief[] = [];
    for (const record of records) briefs.push(await analyze(record.conversation));
    return briefs;
  }
  throw new Error(`--analyzer must be "rules" or "llm", not "${analyzer}"`);
}

async function main(): Promise<number> {
  loadEnvFiles();
  if (!values.corpus) throw new Error("Give the corpus: npm run eval -- --corpus ../shared/corpus/dev.jsonl");
  const text = await fs.readFile(values.corpus, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new Error(`Cannot read ${values.corpus}: ${error.code === "ENOENT" ? "no such file" : error.message}`);
  });
  const records = parseCorpus(text);
  const briefs = await analyzeAll(records, values.analyzer!);
  const { report, mismatches } = evaluate(records, briefs);
  if (values.json) {
    console.log(JSON.stringify(report));
  } else {
    printReport(report);
  }
  if (values.verbose) {
    console.error(`\n${mismatches.length} mismatches:`);
    for (const m of mismatches)
      console.error(`  ${m.id}  ${m.field}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`);
  }
  return 0;
}

await runCli(main);
