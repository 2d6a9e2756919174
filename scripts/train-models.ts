// npm run train:models [-- --cv] [--json] [--check] [--corpus FILE ...]
// Trains the analysis' learned models on labelled corpora in shared/corpus/FORMAT.md's format:
// the intent model (server/domain/analysis/models/intent.json) and the flag model beside the phrase
// rules (models/flags.json). --cv scores each corpus with models trained on all the others, which
// is how they do on businesses and writing they have never seen. --check fails if a committed
// model is not what training gives.
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { analyzeWithRules, compilePolicy, DEFAULT_POLICY } from "../server/domain/analysis";
import { customerSignals, intentSignals } from "../server/domain/analysis/classify";
import { parseCorpus, type CorpusRecord } from "../server/domain/analysis/evaluation";
import { flagFeatures, flagProbabilities, MODEL_FLAGS } from "../server/domain/analysis/flag-model";
import { INTENT_LABELS, intentFeatures } from "../server/domain/analysis/intent-model";
import { trainLinear, type Example, type LinearModel, type TrainOptions } from "../server/domain/analysis/linear";
import { indexMessages } from "../server/domain/analysis/text";
import type { Flag, Intent } from "../server/domain/analysis/types";
import { runCli } from "./lib/run-cli";

const ROOT = path.resolve(import.meta.dirname, "..");
const CORPUS_DIR = path.join(ROOT, "tests/fixtures/corpus");
const MODEL_FILES = {
  intent: path.join(ROOT, "server/domain/analysis/models/intent.json"),
  flags: path.join(ROOT, "server/domain/analysis/models/flags.json"),
};
// tiny.jsonl is the evaluation test's hand-checked fixture, not training data.
const NOT_TRAINING = new Set(["tiny.jsonl"]);
const OPTIONS: TrainOptions = { minCount: 2, epochs: 300, learningRate: 0.5, l2: 1, prune: 0.005 };

const { values } = parseArgs({
  options: {
    corpus: { type: "string", multiple: true },
    cv: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    check: { type: "boolean", default: false },
  },
});

interface Corpus {
  file: string;
  sha256: string;
  records: CorpusRecord[];
}

async function loadCorpora(): Promise<Corpus[]> {
  const files =
    values.corpus?.map((f) => path.resolve(f)) ??
    (await fs.readdir(CORPUS_DIR))
      .filter((f) => f.endsWith(".jsonl") && !NOT_TRAINING.has(f))
      .sort()
      .map((f) => path.join(CORPUS_DIR, f));
  if (files.length === 0) throw new Error(`no corpus files in ${CORPUS_DIR}`);
  return Promise.all(
    files.map(async (file) => {
      const text = await fs.readFile(file, "utf8");
      return {
        file: path.relative(ROOT, file),
        sha256: createHash("sha256").update(text).digest("hex"),
        records: parseCorpus(text),
      };
    }),
  );
}

const policy = compilePolicy(DEFAULT_POLICY);

function prepare(record: CorpusRecord) {
  const messages = indexMessages(record.conversation);
  const pageUrl = record.conversation.pageUrl;
  return {
    messages,
    pageUrl,
    signals: intentSignals(messages, policy),
    customer: customerSignals(messages, policy, pageUrl),
  };
}

function example(record: CorpusRecord): Example<Intent> {
  const { messages, pageUrl, signals, customer } = prepare(record);
  return { features: intentFeatures(messages, pageUrl, signals, customer), label: record.expected.intent };
}

function trainIntent(corpora: Corpus[]) {
  return trainLinear(
    corpora.flatMap((c) => c.records.map(example)),
    INTENT_LABELS,
    OPTIONS,
  );
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * One yes/no logistic regression per flag, stored as one logit per flag (yes minus no): the
 * labels are independent, so flag-model.ts reads each as its own sigmoid.
 */
function trainFlags(corpora: Corpus[]): LinearModel<Flag> {
  const records = corpora.flatMap((c) => c.records);
  const features = records.map((r) => flagFeatures(indexMessages(r.conversation)));
  const perFlag = MODEL_FLAGS.map((flag) =>
    trainLinear(
      records.map((r, i) => ({ features: features[i]!, label: r.expected.flags.includes(flag) ? "yes" : "no" })),
      ["yes", "no"],
      { ...OPTIONS, prune: 0 },
    ),
  );
  const names = [...new Set(perFlag.flatMap((m) => Object.keys(m.weights)))].sort();
  const weights: Record<string, number[]> = {};
  for (const name of names) {
    const w = perFlag.map((m) => round((m.weights[name]?.[0] ?? 0) - (m.weights[name]?.[1] ?? 0)));
    if (w.some((x) => Math.abs(x) >= OPTIONS.prune!)) weights[name] = w;
  }
  return { labels: MODEL_FLAGS, bias: perFlag.map((m) => round(m.bias[0]! - m.bias[1]!)), weights };
}

interface FlagCv {
  flag: Flag;
  /** The policy's threshold for this flag, or null when the flag is the phrases' alone. */
  threshold: number | null;
  support: number;
  /** The model alone, at the threshold (0.5 when the policy gives none). */
  model: { precision: number; recall: number };
  /** What the model adds to the phrase rules at the threshold: flags it alone raised, right and wrong. */
  added: { right: number; wrong: number };
}

function crossValidate(corpora: Corpus[]) {
  if (corpora.length < 2) throw new Error("--cv needs at least two corpora");
  // The phrase rules alone (no flag model), to see what the model would add to them.
  const rulesOnly = { ...DEFAULT_POLICY, flagModel: {} };
  const flagCounts = new Map(MODEL_FLAGS.map((f) => [f, { support: 0, tp: 0, fp: 0, right: 0, wrong: 0 }]));
  const perCorpus = corpora.map((held) => {
    const others = corpora.filter((c) => c !== held);
    const intentModel = trainIntent(others);
    const flagModel = trainFlags(others);
    let correct = 0;
    for (const record of held.records) {
      // The whole analyzer with the held-out models, beside the phrase rules alone.
      const brief = analyzeWithRules(record.conversation, DEFAULT_POLICY, { intent: intentModel, flags: flagModel });
      const ruled = new Set(
        analyzeWithRules(record.conversation, rulesOnly, { intent: intentModel }).flags.map((f) => f.flag),
      );
      if (brief.intent.value === record.expected.intent) correct++;
      const probabilities = flagProbabilities(flagModel, indexMessages(record.conversation));
      MODEL_FLAGS.forEach((flag) => {
        const count = flagCounts.get(flag)!;
        const truth = record.expected.flags.includes(flag);
        const raised = probabilities.get(flag)! >= (DEFAULT_POLICY.flagModel[flag] ?? 0.5);
        if (truth) count.support++;
        if (raised && truth) count.tp++;
        if (raised && !truth) count.fp++;
        const added = brief.flags.some((f) => f.flag === flag && f.model);
        if (added && !ruled.has(flag)) count[truth ? "right" : "wrong"]++;
      });
    }
    return { corpus: held.file, n: held.records.length, accuracy: correct / held.records.length };
  });
  const n = perCorpus.reduce((a, c) => a + c.n, 0);
  const pooled = perCorpus.reduce((a, c) => a + c.accuracy * c.n, 0) / n;
  const flags: FlagCv[] = MODEL_FLAGS.map((flag) => {
    const c = flagCounts.get(flag)!;
    return {
      flag,
      threshold: DEFAULT_POLICY.flagModel[flag] ?? null,
      support: c.support,
      model: { precision: round(c.tp / (c.tp + c.fp || 1)), recall: round(c.tp / (c.support || 1)) },
      added: { right: c.right, wrong: c.wrong },
    };
  });
  return { intent: { perCorpus, pooled, worst: Math.min(...perCorpus.map((c) => c.accuracy)) }, n, flags };
}

function serialise(corpora: Corpus[], model: LinearModel) {
  const trainedOn = corpora.map((c) => ({ file: c.file, records: c.records.length, sha256: c.sha256 }));
  return `${JSON.stringify({ trainedOn, options: OPTIONS, model })}\n`;
}

await runCli(async () => {
  const corpora = await loadCorpora();
  if (values.cv) {
    const report = crossValidate(corpora);
    if (values.json) console.log(JSON.stringify(report));
    else {
      console.log("Leave-one-corpus-out intent accuracy (the analyzer with an intent model trained on the others):");
      for (const c of report.intent.perCorpus)
        console.log(`  ${c.corpus.padEnd(44)} ${String(c.n).padStart(4)}  ${(c.accuracy * 100).toFixed(1)}%`);
      console.log(
        `  pooled ${(report.intent.pooled * 100).toFixed(1)}%, worst corpus ${(report.intent.worst * 100).toFixed(1)}%`,
      );
      console.log(`\nFlag model, leave-one-corpus-out over ${report.n} conversations (at the policy's threshold):`);
      console.log("  flag                threshold  support  precision  recall  added right  added wrong");
      for (const f of report.flags)
        console.log(
          `  ${f.flag.padEnd(19)} ${(f.threshold === null ? "off (0.5)" : String(f.threshold)).padStart(9)}  ${String(f.support).padStart(7)}  ` +
            `${(f.model.precision * 100).toFixed(1).padStart(8)}%  ${(f.model.recall * 100).toFixed(1).padStart(5)}%  ` +
            `${String(f.added.right).padStart(11)}  ${String(f.added.wrong).padStart(11)}`,
        );
      console.log(
        "  (added: raised by the model where the phrase rules were silent. The rules have seen every corpus,\n" +
          "   so 'added right' understates what the model catches on a new one; 'added wrong' does not.)",
      );
    }
    return 0;
  }
  const files = {
    intent: serialise(corpora, trainIntent(corpora)),
    flags: serialise(corpora, trainFlags(corpora)),
  };
  if (values.check) {
    let stale = 0;
    for (const [name, text] of Object.entries(files) as [keyof typeof files, string][]) {
      const file = path.relative(ROOT, MODEL_FILES[name]);
      const current = await fs.readFile(MODEL_FILES[name], "utf8").catch(() => "");
      if (current !== text) {
        console.error(`${file} is not what training gives: run npm run train:models`);
        stale++;
      } else console.log(`${file} matches its training data`);
    }
    return stale ? 1 : 0;
  }
  for (const [name, text] of Object.entries(files) as [keyof typeof files, string][]) {
    await fs.writeFile(MODEL_FILES[name], text);
    const model = JSON.parse(text).model as { weights: object };
    console.log(`Wrote ${path.relative(ROOT, MODEL_FILES[name])}: ${Object.keys(model.weights).length} features`);
  }
  console.log(`from ${corpora.reduce((a, c) => a + c.records.length, 0)} conversations in ${corpora.length} corpora`);
  return 0;
});
