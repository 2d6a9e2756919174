// npm run bench:analysis -- [--conversations 10000] [--seed 7] [--json]
// Analyses a generated corpus of varied conversations with the rules analyzer, one after another on
// one core, and prints throughput, the 99th-percentile time per conversation and peak memory.
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { analyzeWithRules, compilePolicy, DEFAULT_POLICY } from "../server/domain/analysis";
import { generateCorpus } from "./lib/bench-corpus";
import { runCli } from "./lib/run-cli";

const { values } = parseArgs({
  options: {
    conversations: { type: "string", default: "10000" },
    seed: { type: "string", default: "7" },
    json: { type: "boolean", default: false },
  },
});

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<number> {
  const count = Number(values.conversations);
  const seed = Number(values.seed);
  if (!Number.isInteger(count) || count < 1) throw new Error("--conversations must be a positive whole number");
  if (!Number.isInteger(seed)) throw new Error("--seed must be a whole number");

  const corpus = generateCorpus(count, seed);
  const lengths = corpus.map((c) => c.messages.length).sort((a, b) => a - b);
  compilePolicy(DEFAULT_POLICY); // compiled once per process, as in the server; not part of the timing

  const times: number[] = [];
  const started = performance.now();
  for (const conversation of corpus) {
    const t0 = performance.now();
    analyzeWithRules(conversation);
    times.push(performance.now() - t0);
  }
  const elapsedMs = performance.now() - started;
  times.sort((a, b) => a - b);

  const result = {
    conversations: count,
    medianMessages: percentile(lengths, 50),
    conversationsPerSecond: Math.round(count / (elapsedMs / 1000)),
    p50Ms: Number(percentile(times, 50).toFixed(3)),
    p99Ms: Number(percentile(times, 99).toFixed(3)),
    maxMs: Number(times.at(-1)!.toFixed(3)),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  if (values.json) console.log(JSON.stringify(result));
  else {
    console.log(
      `Analysed ${result.conversations} conversations (median ${result.medianMessages} messages) on one core`,
    );
    console.log(`  ${result.conversationsPerSecond} conversations/s`);
    console.log(`  p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, max ${result.maxMs} ms`);
    console.log(`  peak RSS ${result.peakRssMb} MB`);
  }
  return 0;
}

await runCli(main);
