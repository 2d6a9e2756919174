import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileFolded, foldText, subjectFor } from "./fold";
import { analyzeWithRules } from "./analyze";
import { BUILT_IN_PATTERNS, compilePolicy, DEFAULT_POLICY, unicodeSource } from "./policy";
import { mayMatch, PatternPrefilter } from "./prefilter";

// The prefilter may only ever skip a pattern that cannot match: these tests compare its verdict
// with the regular expression itself, over the corpus and over generated text made of the very
// words the policy looks for.

function patternsIn(value: unknown, out: RegExp[] = []): RegExp[] {
  if (value instanceof RegExp) out.push(value);
  else if (Array.isArray(value)) for (const item of value) patternsIn(item, out);
  else if (value && typeof value === "object") for (const item of Object.values(value)) patternsIn(item, out);
  return out;
}

analyzeWithRules({ messages: [] }); // loads every module that registers built-in patterns
const POLICY_PATTERNS = [...new Set([...patternsIn(compilePolicy(DEFAULT_POLICY)), ...BUILT_IN_PATTERNS])];

function matches(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  return pattern.test(subjectFor(pattern, text));
}

// The labelled corpora kept in the repository (the shared development set lives outside it).
const CORPUS_DIR = path.join(import.meta.dirname, "../../../tests/fixtures/corpus");
const corpusTexts = readdirSync(CORPUS_DIR)
  .filter((name) => name.endsWith(".jsonl"))
  .flatMap((name) => readFileSync(path.join(CORPUS_DIR, name), "utf8").split("\n"))
  .filter((line) => line.trim())
  .flatMap((line) => (JSON.parse(line) as { conversation: { messages: { text: string }[] } }).conversation.messages)
  .map((m) => m.text);

// Words and short phrases from the policy's own sources, so generated texts hit many patterns.
const POLICY_WORDS = [
  ...new Set(
    (JSON.stringify(DEFAULT_POLICY) + BUILT_IN_PATTERNS.map((p) => p.source).join(" "))
      .toLowerCase()
      .match(/[a-zà-ÿ']{2,}(?: [a-zà-ÿ']{2,})?/g)!,
  ),
];

describe("prefilter", () => {
  it("covers the policy's patterns and rules most of them out for ordinary text", () => {
    expect(POLICY_PATTERNS.length).toBeGreaterThan(200);
    const text = "Hello, I would like to know more about your opening hours on Sunday.";
    const skipped = POLICY_PATTERNS.filter((p) => !mayMatch(p, text)).length;
    expect(skipped / POLICY_PATTERNS.length).toBeGreaterThan(0.5);
  });

  // Thousands of texts against every pattern: seconds of work, not a speed test.
  it("never skips a policy pattern that matches a corpus message", { timeout: 60_000 }, () => {
    let matched = 0;
    for (const text of corpusTexts) {
      for (const pattern of POLICY_PATTERNS) {
        if (!matches(pattern, text)) continue;
        matched++;
        expect(mayMatch(pattern, text), `${pattern.source.slice(0, 80)} on ${JSON.stringify(text)}`).toBe(true);
      }
    }
    expect(corpusTexts.length).toBeGreaterThan(2_000);
    expect(matched).toBeGreaterThan(2_000);
  });

  it("never skips a policy pattern that matches generated text", () => {
    const separator = fc.constantFrom(" ", " ", ", ", ". ", "? ", "\n", "-", " the ", " my ", " a ", "!! ");
    const piece = fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...POLICY_WORDS) },
      { weight: 1, arbitrary: fc.constantFrom("£450", "$12,000", "3pm", "44817", "ÉTÉ", "Café", "日本", "🙂") },
      {
        weight: 2,
        arbitrary: fc.constantFrom("Dana Ruiz", "Baker & Sons", "Acme GmbH", "My name is", "I'm", "Regards,", "Tom"),
      },
    );
    const text = fc.array(fc.tuple(piece, separator), { minLength: 1, maxLength: 12 }).map((parts) =>
      parts
        .map(([word, sep], i) => (i % 3 === 0 ? word.toUpperCase() : word) + sep)
        .join("")
        .trim(),
    );
    let matched = 0;
    fc.assert(
      fc.property(text, (t) => {
        for (const pattern of POLICY_PATTERNS) {
          if (!matches(pattern, t)) continue;
          matched++;
          if (!mayMatch(pattern, t)) return false;
        }
        return true;
      }),
      { numRuns: 400 },
    );
    expect(matched).toBeGreaterThan(100);
  });

  it("reads literals out of sequences, alternations, classes and repetitions", () => {
    const prefilter = new PatternPrefilter();
    const cases: [string, string[], string[]][] = [
      [String.raw`\bhow much\b`, ["so how much is it"], ["how many", "what does it cost"]],
      [String.raw`\b(?:quote|estimate)s?\b`, ["an estimate please", "QUOTES"], ["a price"]],
      [String.raw`\bcustom(?:-| )?(?:made|built)\b`, ["custom built", "custom-made", "custommade"], ["custom work"]],
      [String.raw`\b[Rr]efund\w*`, ["Refunded"], ["money back"]],
      [String.raw`\bno+pe\b`, ["noooope"], ["nope"].slice(1)],
      [String.raw`(?<!not )\burgent\b`, ["urgent!"], ["soon"]],
      [String.raw`\b(?:a|an|the)\b`, ["an apple"], []], // too short to look for: always may match
    ];
    const ids = cases.map(([source]) => prefilter.add(source));
    cases.forEach(([, yes, no], i) => {
      for (const text of yes) expect(prefilter.mayMatch(ids[i]!, text), `${cases[i]![0]} / ${text}`).toBe(true);
      for (const text of no) expect(prefilter.mayMatch(ids[i]!, text), `${cases[i]![0]} / ${text}`).toBe(false);
    });
    expect(prefilter.mayMatch(ids[6]!, "xyz")).toBe(true);
  });

  it("stays right for many texts in turn, and when patterns are added after use", () => {
    const prefilter = new PatternPrefilter();
    const price = prefilter.add(String.raw`\bhow much\b`);
    const texts = Array.from({ length: 150 }, (_, i) => (i % 3 === 0 ? `how much for ${i} rooms?` : `hello ${i}`));
    for (let round = 0; round < 2; round++) {
      for (const [i, text] of texts.entries()) expect(prefilter.mayMatch(price, text)).toBe(i % 3 === 0);
    }
    const refund = prefilter.add(String.raw`\brefund\b`);
    expect(prefilter.mayMatch(refund, "I want a refund")).toBe(true);
    expect(prefilter.mayMatch(refund, texts[0]!)).toBe(false);
    expect(prefilter.mayMatch(price, texts[0]!)).toBe(true);
  });

  it("treats syntax it does not understand as 'may match'", () => {
    const prefilter = new PatternPrefilter();
    const id = prefilter.add(String.raw`(?<name>x)\k<name>\p{Lu}{2}(unbalanced`);
    expect(prefilter.mayMatch(id, "nothing here")).toBe(true);
  });
});

describe("case and accent folding", () => {
  it("keeps every character at its offset", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), (text) => {
        expect(foldText(text).length).toBe(text.length);
      }),
    );
    expect(foldText("Café ÜBER Straße Łódź")).toBe("cafe uber strasse lodz".replace("strasse", "strase"));
  });

  it("matches without regard to case or accents, at the original offsets", () => {
    const pattern = compileFolded(String.raw`\bcafé (?:crème|creme)\b`, unicodeSource);
    const text = "Un CAFE Crème, s'il vous plaît";
    pattern.lastIndex = 0;
    const m = pattern.exec(subjectFor(pattern, text))!;
    expect(text.slice(m.index, m.index + m[0].length)).toBe("CAFE Crème");
  });

  it("keeps word boundaries for accented words", () => {
    const pattern = compileFolded(String.raw`\bcaf\b`, unicodeSource);
    pattern.lastIndex = 0;
    expect(pattern.test(subjectFor(pattern, "un café"))).toBe(false);
  });
});
