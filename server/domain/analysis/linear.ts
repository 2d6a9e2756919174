// A multinomial logistic regression over sparse binary features: small, deterministic, and
// explainable (each decision is a sum of named feature weights). Training is plain full-batch
// gradient descent with L2, so the same examples always give the same weights.

export interface LinearModel<L extends string = string> {
  /** What the model decides, in the order of every weight vector. */
  labels: readonly L[];
  bias: readonly number[];
  /** Feature name -> one weight per label. Features not listed weigh nothing. */
  weights: Readonly<Record<string, readonly number[]>>;
}

export interface LinearScore<L extends string> {
  label: L;
  probabilities: Record<L, number>;
}

export interface Example<L extends string> {
  features: readonly string[];
  label: L;
}

export interface TrainOptions {
  /** Features seen in fewer examples are dropped (they cannot generalise). */
  minCount?: number;
  epochs?: number;
  learningRate?: number;
  /** L2 strength, per example. */
  l2?: number;
  /** Weights smaller than this in every label are dropped from the saved model. */
  prune?: number;
}

export function scoreLinear<L extends string>(model: LinearModel<L>, features: Iterable<string>): LinearScore<L> {
  const z = [...model.bias];
  for (const feature of new Set(features)) {
    const w = model.weights[feature];
    if (!w) continue;
    for (let k = 0; k < z.length; k++) z[k]! += w[k]!;
  }
  return softmax(model.labels, z);
}

/** Scores to probabilities; the label is the highest score (the first, on a tie). */
export function softmax<L extends string>(labels: readonly L[], z: readonly number[]): LinearScore<L> {
  const max = Math.max(...z);
  const exp = z.map((v) => Math.exp(v - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  let best = 0;
  for (let k = 1; k < z.length; k++) if (z[k]! > z[best]!) best = k;
  const probabilities = Object.fromEntries(labels.map((l, k) => [l, exp[k]! / sum])) as Record<L, number>;
  return { label: labels[best]!, probabilities };
}

/** The features that pushed hardest toward `label` (against the average of the others), strongest first. */
export function strongestFeatures<L extends string>(
  model: LinearModel<L>,
  features: Iterable<string>,
  label: L,
  limit = 5,
): { feature: string; weight: number }[] {
  const k = model.labels.indexOf(label);
  const n = model.labels.length;
  const out: { feature: string; weight: number }[] = [];
  for (const feature of new Set(features)) {
    const w = model.weights[feature];
    if (!w) continue;
    const others = (w.reduce((a, b) => a + b, 0) - w[k]!) / Math.max(1, n - 1);
    const weight = w[k]! - others;
    if (weight > 0) out.push({ feature, weight });
  }
  return out.sort((a, b) => b.weight - a.weight || a.feature.localeCompare(b.feature)).slice(0, limit);
}

export function trainLinear<L extends string>(
  examples: readonly Example<L>[],
  labels: readonly L[],
  options: TrainOptions = {},
): LinearModel<L> {
  const { minCount = 2, epochs = 300, learningRate = 0.5, l2 = 1, prune = 0.005 } = options;
  if (examples.length === 0) throw new Error("trainLinear: no examples");
  const unknown = examples.find((e) => !labels.includes(e.label));
  if (unknown) throw new Error(`trainLinear: label "${unknown.label}" is not one of ${labels.join(", ")}`);

  const counts = new Map<string, number>();
  for (const e of examples) for (const f of new Set(e.features)) counts.set(f, (counts.get(f) ?? 0) + 1);
  const vocabulary = [...counts.keys()].filter((f) => counts.get(f)! >= minCount).sort();
  const column = new Map(vocabulary.map((f, j) => [f, j]));
  const rows = examples.map((e) => [...new Set(e.features)].flatMap((f) => (column.has(f) ? [column.get(f)!] : [])));
  const target = examples.map((e) => labels.indexOf(e.label));

  const K = labels.length;
  const V = vocabulary.length;
  const N = examples.length;
  const W = new Float64Array((V + 1) * K); // row V is the bias
  const gradient = new Float64Array(W.length);
  const z = new Float64Array(K);

  for (let epoch = 0; epoch < epochs; epoch++) {
    gradient.fill(0);
    for (let i = 0; i < N; i++) {
      const row = rows[i]!;
      for (let k = 0; k < K; k++) z[k] = W[V * K + k]!;
      for (const j of row) for (let k = 0; k < K; k++) z[k]! += W[j * K + k]!;
      let max = -Infinity;
      for (let k = 0; k < K; k++) max = Math.max(max, z[k]!);
      let sum = 0;
      for (let k = 0; k < K; k++) sum += z[k] = Math.exp(z[k]! - max);
      for (let k = 0; k < K; k++) {
        const g = z[k]! / sum - (k === target[i] ? 1 : 0);
        gradient[V * K + k]! += g;
        for (const j of row) gradient[j * K + k]! += g;
      }
    }
    for (let p = 0; p < W.length; p++) {
      const penalty = p < V * K ? l2 * W[p]! : 0;
      W[p]! -= (learningRate * (gradient[p]! + penalty)) / N;
    }
  }

  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  const weights: Record<string, number[]> = {};
  vocabulary.forEach((f, j) => {
    const w = Array.from(W.subarray(j * K, j * K + K), round);
    if (w.some((x) => Math.abs(x) >= prune)) weights[f] = w;
  });
  return { labels, bias: Array.from(W.subarray(V * K), round), weights };
}
