import { z } from "zod";
import { ZConversation } from "./schema";
import { CONSENT_STATUSES, CUSTOMER_STATUSES, FLAGS, INTENTS, type Brief, type Flag } from "./types";

// Scores briefs against a labelled corpus (shared/corpus/FORMAT.md).

const nullableString = z.string().nullable();

export const ZCorpusRecord = z.object({
  id: z.string().min(1),
  source: z.string().optional(),
  license: z.string().optional(),
  conversation: ZConversation,
  expected: z.object({
    intent: z.enum(INTENTS),
    customerStatus: z.enum(CUSTOMER_STATUSES),
    contact: z.object({ name: nullableString, email: nullableString, phone: nullableString, company: nullableString }),
    consent: z.enum(CONSENT_STATUSES),
    needClear: z.boolean(),
    flags: z.array(z.enum(FLAGS)),
  }),
});
export type CorpusRecord = z.infer<typeof ZCorpusRecord>;

export interface FlagScore {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface EvaluationReport {
  n: number;
  intent: { accuracy: number };
  customerStatus: { accuracy: number };
  consent: { accuracy: number };
  needClear: { accuracy: number };
  contact: { name: { exact: number }; email: { exact: number }; phone: { exact: number }; company: { exact: number } };
  flags: Record<Flag, FlagScore>;
  macroF1: number;
}

export interface Mismatch {
  id: string;
  field: string;
  expected: unknown;
  actual: unknown;
}

const norm = (value: string | null | undefined) => value?.trim().replace(/\s+/g, " ").toLowerCase() || null;
const digits = (value: string | null | undefined) => value?.replace(/\D/g, "") || null;

export const CONTACT_COMPARATORS = {
  name: norm,
  email: (v: string | null | undefined) => v?.trim().toLowerCase() || null,
  phone: digits,
  company: norm,
} as const;

const ratio = (hits: number, n: number) => (n === 0 ? 1 : Math.round((hits / n) * 10_000) / 10_000);
const round = (x: number) => Math.round(x * 10_000) / 10_000;

export function evaluate(
  records: CorpusRecord[],
  briefs: Brief[],
): { report: EvaluationReport; mismatches: Mismatch[] } {
  const mismatches: Mismatch[] = [];
  const hits = { intent: 0, customerStatus: 0, consent: 0, needClear: 0, name: 0, email: 0, phone: 0, company: 0 };
  const counts = Object.fromEntries(FLAGS.map((f) => [f, { tp: 0, fp: 0, fn: 0 }])) as Record<
    Flag,
    { tp: number; fp: number; fn: number }
  >;

  records.forEach((record, i) => {
    const brief = briefs[i]!;
    const { expected } = record;
    const check = (field: keyof typeof hits, want: unknown, got: unknown, shownWant = want, shownGot = got) => {
      if (want === got) hits[field]++;
      else mismatches.push({ id: record.id, field, expected: shownWant, actual: shownGot });
    };
    check("intent", expected.intent, brief.intent.value);
    check("customerStatus", expected.customerStatus, brief.customerStatus.value);
    check("consent", expected.consent, brief.consent.status);
    check("needClear", expected.needClear, brief.needClear);
    for (const field of ["name", "email", "phone", "company"] as const) {
      const compare = CONTACT_COMPARATORS[field];
      const want = expected.contact[field];
      const got = brief.contact[field]?.value ?? null;
      check(field, compare(want), compare(got), want, got);
    }
    const predicted = new Set(brief.flags.map((f) => f.flag));
    const truth = new Set(expected.flags);
    for (const flag of FLAGS) {
      const p = predicted.has(flag);
      const t = truth.has(flag);
      if (p && t) counts[flag].tp++;
      else if (p) {
        counts[flag].fp++;
        mismatches.push({ id: record.id, field: `flag:${flag}`, expected: false, actual: true });
      } else if (t) {
        counts[flag].fn++;
        mismatches.push({ id: record.id, field: `flag:${flag}`, expected: true, actual: false });
      }
    }
  });

  const n = records.length;
  const flags = {} as Record<Flag, FlagScore>;
  for (const flag of FLAGS) {
    const { tp, fp, fn } = counts[flag];
    const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    flags[flag] = { precision: round(precision), recall: round(recall), f1: round(f1), support: tp + fn };
  }
  const macroF1 = round(FLAGS.reduce((sum, f) => sum + flags[f].f1, 0) / FLAGS.length);

  return {
    report: {
      n,
      intent: { accuracy: ratio(hits.intent, n) },
      customerStatus: { accuracy: ratio(hits.customerStatus, n) },
      consent: { accuracy: ratio(hits.consent, n) },
      needClear: { accuracy: ratio(hits.needClear, n) },
      contact: {
        name: { exact: ratio(hits.name, n) },
        email: { exact: ratio(hits.email, n) },
        phone: { exact: ratio(hits.phone, n) },
        company: { exact: ratio(hits.company, n) },
      },
      flags,
      macroF1,
    },
    mismatches,
  };
}

export class CorpusFormatError extends Error {
  constructor(
    readonly line: number,
    readonly problems: string[],
  ) {
    super(`Line ${line}: ${problems.join("; ")}`);
    this.name = "CorpusFormatError";
  }
}

/** Parses a JSONL corpus; throws CorpusFormatError naming the line and the field for the first bad record. */
export function parseCorpus(text: string): CorpusRecord[] {
  const records: CorpusRecord[] = [];
  const ids = new Set<string>();
  text.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      throw new CorpusFormatError(index + 1, [`not valid JSON (${(error as Error).message})`]);
    }
    const parsed = ZCorpusRecord.safeParse(json);
    if (!parsed.success) {
      throw new CorpusFormatError(
        index + 1,
        parsed.error.issues.map((issue) => `${issue.path.join(".") || "record"}: ${issue.message}`),
      );
    }
    if (ids.has(parsed.data.id)) throw new CorpusFormatError(index + 1, [`id "${parsed.data.id}" appears twice`]);
    ids.add(parsed.data.id);
    records.push(parsed.data);
  });
  return records;
}
