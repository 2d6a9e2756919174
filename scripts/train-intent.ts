// npm run train:intent [-- --cv] [--json] [--check] [--corpus FILE ...]
// Trains the intent model (server/domain/analysis/models/intent.json) on labelled corpora in
// shared/corpus/FORMAT.md's format. --cv reports leave-one-corpus-out accuracy: each corpus is
// scored by a model trained on all the others, which is how the model does on businesses and
// writing it has never seen. --check fails if the committed model is not what training gives.
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { compilePolicy, DEFAULT_POLICY } from "../server/domain/analysis";
import { classifyIntent, customerSignals, intentSignals } from "../server/domain/analysis/classify";
import { parseCorpus, type CorpusRecord } from "../server/domain/analysis/evaluation";
import { INTENT_LABELS, intentFeatures } from "../server/domain/analysis/intent-model";
import { trainLinear, type Example, type LinearModel, type TrainOptions } from "../server/domain/analysis/linear";
import { indexMessages } from "../server/domain/analysis/text";
import type { Intent } from "../server/domain/analysis/types";
import { runCli } from "./lib/run-cli";

const ROOT = path.resolve(import.meta.dirname, "..");
const CORPUS_DIR = path.join(ROOT, "tests/fixtures/corpus");
const MODEL_FILE = path.join(ROOT, "server/domain/analysis/models/intent.json");
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

/** The intent the analyzer gives with this model: the rules' sure spam first, as in analysis. */
function classify(record: CorpusRecord, model: LinearModel<Intent>): Intent {
  const { messages, pageUrl, signals, customer } = prepare(record);
  return classifyIntent(messages, policy, signals, customer, pageUrl, model).value;
}

function train(corpora: Corpus[]) {
  return trainLinear(
    corpora.flatMap((c) => c.records.map(example)),
    INTENT_LABELS,
    OPTIONS,
  );
}

function crossValidate(corpora: Corpus[]) {
  if (corpora.length < 2) throw new Error("--cv needs at least two corpora");
  const perCorpus = corpora.map((held) => {
    const model = train(corpora.filter((c) => c !== held));
    const correct = held.records.filter((r) => classify(r, model) === r.expected.intent);
    return { corpus: held.file, n: held.records.length, accuracy: correct.length / held.records.length };
  });
  const n = perCorpus.reduce((a, c) => a + c.n, 0);
  const pooled = perCorpus.reduce((a, c) => a + c.accuracy * c.n, 0) / n;
  return { perCorpus, pooled, worst: Math.min(...perCorpus.map((c) => c.accuracy)) };
}

function serialise(corpora: Corpus[]) {
  const trainedOn = corpora.map((c) => ({ file: c.file, records: c.records.length, sha256: c.sha256 }));
  return `${JSON.stringify({ trainedOn, options: OPTIONS, model: train(corpora) })}\n`;
}

await runCli(async () => {
  const corpora = await loadCorpora();
  if (values.cv) {
    const report = crossValidate(corpora);
    if (values.json) console.log(JSON.stringify(report));
    else {
      console.log("Leave-one-corpus-out intent accuracy (rules' spam checks + a model trained on the others):");
      for (const c of report.perCorpus)
        console.log(`  ${c.corpus.padEnd(44)} ${String(c.n).padStart(4)}  ${(c.accuracy * 100).toFixed(1)}%`);
      console.log(`  pooled ${(report.pooled * 100).toFixed(1)}%, worst corpus ${(report.worst * 100).toFixed(1)}%`);
    }
    return 0;
  }
  const text = serialise(corpora);
  if (values.check) {
    const current = await fs.readFile(MODEL_FILE, "utf8").catch(() => "");
    if (current !== text) {
      console.error(`${path.relative(ROOT, MODEL_FILE)} is not what training gives: run npm run train:intent`);
      return 1;
    }
    console.log(`${path.relative(ROOT, MODEL_FILE)} matches its training data`);
    return 0;
  }
  await fs.writeFile(MODEL_FILE, text);
  const model = JSON.parse(text).model as { weights: object };
  console.log(
    `Wrote ${path.relative(ROOT, MODEL_FILE)}: ${Object.keys(model.weights).length} features, ` +
      `${corpora.reduce((a, c) => a + c.records.length, 0)} conversations from ${corpora.length} corpora`,
  );
  return 0;
});
