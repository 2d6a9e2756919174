import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeWithRules } from "./analyze";
import { CorpusFormatError, evaluate, parseCorpus } from "./evaluation";
import type { Brief, ConsentStatus, CustomerStatus, Flag, Intent } from "./types";

const TINY = readFileSync(path.join(import.meta.dirname, "../../../tests/fixtures/corpus/tiny.jsonl"), "utf8");

interface Predicted {
  intent: Intent;
  customerStatus: CustomerStatus;
  consent: ConsentStatus;
  needClear: boolean;
  contact: { name: string | null; email: string | null; phone: string | null; company: string | null };
  flags: Flag[];
}

/** A real brief with the scored fields replaced, so the report below can be worked out by hand. */
function briefWith(base: Brief, p: Predicted): Brief {
  const field = (value: string | null) => (value === null ? null : { value, evidence: [] });
  return {
    ...base,
    intent: { ...base.intent, value: p.intent },
    customerStatus: { ...base.customerStatus, value: p.customerStatus },
    consent: { ...base.consent, status: p.consent },
    needClear: p.needClear,
    contact: {
      ...base.contact,
      name: field(p.contact.name),
      email: field(p.contact.email),
      phone: field(p.contact.phone),
      company: field(p.contact.company),
    } as Brief["contact"],
    flags: p.flags.map((flag) => ({ flag, evidence: [] })),
  };
}

const none = { name: null, email: null, phone: null, company: null };

// Against tests/fixtures/corpus/tiny.jsonl:
// tiny-1 all right (name case, email case and phone formatting differ only in what the comparison ignores),
//        plus a false guarantee_request;
// tiny-2 customerStatus wrong, frustration missed;
// tiny-3 intent and needClear wrong;
// tiny-4 phone digits differ (country code added), company differs ("and" for "&"), consent wrong.
const PREDICTED: Predicted[] = [
  {
    intent: "sales",
    customerStatus: "new_or_unknown",
    consent: "given",
    needClear: true,
    contact: { name: "dana ruiz", email: "Dana@Ruiz.example", phone: "+14155550134", company: null },
    flags: ["pricing_request", "guarantee_request"],
  },
  {
    intent: "support",
    customerStatus: "new_or_unknown",
    consent: "not_asked",
    needClear: true,
    contact: none,
    flags: ["complaint"],
  },
  {
    intent: "other",
    customerStatus: "new_or_unknown",
    consent: "not_asked",
    needClear: true,
    contact: none,
    flags: [],
  },
  {
    intent: "sales",
    customerStatus: "new_or_unknown",
    consent: "given",
    needClear: true,
    contact: { name: "Tom Baker", email: null, phone: "+447700900123", company: "Baker and Sons" },
    flags: ["custom_scope"],
  },
];

describe("evaluate", () => {
  const records = parseCorpus(TINY);
  const briefs = records.map((r, i) => briefWith(analyzeWithRules(r.conversation), PREDICTED[i]!));
  const { report, mismatches } = evaluate(records, briefs);

  it("scores accuracy and contact fields as worked out by hand", () => {
    expect(report.n).toBe(4);
    expect(report.intent.accuracy).toBe(0.75);
    expect(report.customerStatus.accuracy).toBe(0.75);
    expect(report.consent.accuracy).toBe(0.75);
    expect(report.needClear.accuracy).toBe(0.75);
    expect(report.contact).toEqual({
      name: { exact: 1 },
      email: { exact: 1 },
      phone: { exact: 0.75 },
      company: { exact: 0.75 },
    });
  });

  it("scores each flag, with precision 1 when nothing was predicted and recall 1 when nothing was expected", () => {
    const perfect = { precision: 1, recall: 1, f1: 1 };
    expect(report.flags.pricing_request).toEqual({ ...perfect, support: 1 });
    expect(report.flags.complaint).toEqual({ ...perfect, support: 1 });
    expect(report.flags.custom_scope).toEqual({ ...perfect, support: 1 });
    expect(report.flags.guarantee_request).toEqual({ precision: 0, recall: 1, f1: 0, support: 0 });
    expect(report.flags.frustration).toEqual({ precision: 1, recall: 0, f1: 0, support: 1 });
    for (const flag of ["legal_advice", "emergency", "repetition", "sensitive_data", "bot_promise"] as const)
      expect(report.flags[flag]).toEqual({ ...perfect, support: 0 });
    expect(report.macroF1).toBe(0.8);
  });

  it("lists every mismatch with its record id", () => {
    expect(mismatches.map((m) => `${m.id} ${m.field}`).sort()).toEqual(
      [
        "tiny-1 flag:guarantee_request",
        "tiny-2 customerStatus",
        "tiny-2 flag:frustration",
        "tiny-3 intent",
        "tiny-3 needClear",
        "tiny-4 company",
        "tiny-4 consent",
        "tiny-4 phone",
      ].sort(),
    );
    // Shown as written, not as compared.
    expect(mismatches.find((m) => m.field === "phone")).toMatchObject({
      expected: "07700 900123",
      actual: "+447700900123",
    });
  });

  it("scores an empty corpus without dividing by zero", () => {
    const empty = evaluate([], []).report;
    expect(empty.n).toBe(0);
    expect(empty.intent.accuracy).toBe(1);
    expect(empty.macroF1).toBe(1);
  });
});

describe("parseCorpus", () => {
  const good = TINY.split("\n")[0]!;

  it("reads every record and skips blank lines", () => {
    expect(parseCorpus(`${good}\n\n${TINY.split("\n")[1]}\n`).map((r) => r.id)).toEqual(["tiny-1", "tiny-2"]);
  });

  it("names the line and the field of a bad record", () => {
    const bad = JSON.stringify({
      ...JSON.parse(good),
      id: "x",
      expected: { ...JSON.parse(good).expected, intent: "buy" },
    });
    const error = (() => {
      try {
        parseCorpus(`${good}\n${bad}`);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CorpusFormatError);
    expect((error as CorpusFormatError).line).toBe(2);
    expect((error as CorpusFormatError).message).toMatch(/^Line 2: expected\.intent: /);
  });

  it("rejects broken JSON and repeated ids with the line number", () => {
    expect(() => parseCorpus(`${good}\n{"id": `)).toThrow(/^Line 2: not valid JSON/);
    expect(() => parseCorpus(`${good}\n${good}`)).toThrow(/^Line 2: id "tiny-1" appears twice/);
  });

  it("rejects a message with an unknown role, naming its path", () => {
    const record = JSON.parse(good);
    record.conversation.messages[0].role = "customer";
    expect(() => parseCorpus(JSON.stringify(record))).toThrow(/Line 1: conversation\.messages\.0\.role/);
  });
});
