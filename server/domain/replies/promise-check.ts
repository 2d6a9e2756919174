import {
  compilePattern,
  compilePolicy,
  DEFAULT_POLICY,
  type AnalysisPolicy,
  type CompiledPolicy,
} from "../analysis/policy";
import {
  indexMessages,
  matchAllOf,
  memoByText,
  sentenceAround,
  testAnyIn,
  type IndexedMessage,
  type Match,
} from "../analysis/text";
import type { PromiseRisk, RiskKind } from "./risk-kinds";

// The promise check for a first reply: the same check the analysis runs on a bot's messages
// (the policy's `bot_promise` phrases and negations, compiled and run by the analysis's own
// machinery), with the reply standing as the business's message after the visitor's. Each match is
// then given a kind, so the writer sees what kind of promise it reads as.
//
// The analysis has no phrases for two kinds the first reply must avoid, scope ("that's included",
// "we can build that for you") and service fit ("exactly what you need"), and none for a plain
// timing claim without "will" ("we reply within 2 hours"): REPLY_PHRASES below adds them, for
// replies only (the analysis of bot transcripts is unchanged by them). They honour the same
// negations ("we can't promise …", "… subject to a survey").

export { RISK_KINDS, RISK_LABELS, RISK_NAMES, type PromiseRisk, type RiskKind } from "./risk-kinds";

const DAY = String.raw`(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)`;
const AMOUNT = String.raw`(?:\d+(?:\s?[-–]\s?\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty-four|forty-eight|a few|a couple of)`;

/** Reply-only phrases, by kind (see the note at the top). Plain policy-style sources. */
export const REPLY_PHRASES: Readonly<Record<"scope" | "service_fit" | "timing" | "results", readonly string[]>> = {
  scope: [
    String.raw`\b(?:free of charge|at no (?:extra |additional )?(?:cost|charge)|for free|no extra charge|unlimited [\p{L}]+)\b`,
    String.raw`\b(?:is|are|it'?s|that'?s|that is|they'?re|all) (?:all |fully |already )?included\b|\bincluded (?:in (?:the|your|our) (?:price|plan|package|quote|fee)|as standard|at no)\b`,
    String.raw`\b(?:we|i) (?:can|could|will|'ll) (?:definitely |certainly |easily |absolutely |happily )?(?:do|handle|build|create|make|add|customi[sz]e|tailor|design|develop|include) (?:that|this|it|them|all of (?:that|it)|everything|whatever|anything|a custom|custom|bespoke)\b`,
    String.raw`\b(?:we|i) can do that\b|\bno problem,? we can\b`,
  ],
  service_fit: [
    String.raw`\b(?:(?:a |the )?perfect (?:fit|match|solution|choice)|exactly what you(?:'re| are)? (?:need|want|looking for)|just what you(?:'re| are)? (?:need|want|looking for))\b`,
    String.raw`\b(?:definitely|certainly|absolutely|exactly|just) (?:right|ideal|perfect) for (?:you|your)\b|\b(?:the )?(?:ideal|right|best|perfect) (?:solution|choice|option|fit|product|service|plan|package) for (?:you|your)\b`,
    String.raw`\b(?:is|are|will be|would be) (?:ideal|perfect) for (?:you|your)\b|\b(?:will|'ll) (?:definitely |certainly )?suit (?:you|your needs) (?:perfectly|exactly)\b|\b(?:meets|covers|solves) (?:all (?:of )?)?your needs\b`,
  ],
  timing: [
    // "within 2 days", and also "within a week", "within an hour", "within the hour".
    String.raw`\bwithin (?:the next )?(?:${AMOUNT}|an?|the)\s*(?:minutes?|mins?|hours?|hrs?|days?|business days|working days|weeks?)\b|\bin (?:the next |under |less than )${AMOUNT}\s*(?:minutes?|mins?|hours?|hrs?|days?|business days|working days|weeks?)\b`,
    String.raw`\b(?:by|before) (?:${DAY}|tomorrow|tonight|today|noon|midday|end of (?:the )?(?:day|week|month)|eod|\d{1,2}(?::\d{2})?\s?(?:am|pm))\b`,
    String.raw`\b(?:i|we)(?:'ll| will| shall| can| could)\b[^.!?\n]{0,40}\b(?:today|tonight|tomorrow|this (?:afternoon|morning|evening|week)|next week|on ${DAY}|same[- ]day)\b`,
    // How long something takes: "it usually takes 2-3 days", "done in a week", "ready in 48 hours".
    String.raw`\b(?:takes?|lasts?|done in|ready in|turnaround (?:is|of))\b[^.!?\n]{0,20}?\b(?:${AMOUNT}|an?)\s*(?:minutes?|mins?|hours?|hrs?|days?|business days|working days|weeks?|months?)\b`,
    // Availability: "we're available", "slots available this week", "we have openings".
    String.raw`\b(?:we(?:'re| are)|i(?:'m| am)) (?:available|free)\b|\b(?:slots?|appointments?|openings?|spaces?|dates?) (?:are |is )?(?:available|free|left|open)\b|\b(?:we|i) have (?:availability|openings|slots|space)\b`,
  ],
  // Results: what the work will achieve ("your roof will last 20 years", "this will fix it").
  results: [
    String.raw`\bwill (?:definitely |certainly |easily |surely )?(?:last|save you|pay for itself|fix (?:it|that|this|the)|solve (?:it|that|this|the|your)|stop (?:the|it|that)|get rid of|double|triple)\b`,
  ],
};

// Which kind an analysis phrase's match reads as, from its words: first that applies wins. What
// none of these names is a date, a time or availability (most of the bot_promise phrases).
const KIND_OF_MATCH: [RiskKind, RegExp][] = [
  ["guarantee", /guarant|garant|promis|assure you|money[- ]back|100% (?:safe|sure|certain)/i],
  [
    "pricing",
    /[$£€¥₹₦₺₱₩₽₫฿%]|\d\s?(?:k|m|usd|eur|gbp|dollars|euros|pounds|pln|chf|sek|nok|dkk|aud|cad|kr|ft|zł|kč|kronor|kroner|lei|naira|rupees|rand|lira|reais|pesos|yen|won|zloty)\b|\b(?:discount|price|pricing|rate|deal|cheaper|savings?|refund\w*|match)\b/i,
  ],
  [
    "results",
    /\b(?:results?|roi|returns?|rank|first[- ]page|approved|admitted|accepted|win|case|increase|boost|pass|cured|healed|pain[- ]free|race[- ]ready|compensat\w*|reimbursed|covered|fine|patients|clients|customers|students|members|users)\b/i,
  ],
  ["scope", /\b(?:free|complimentary|on us|included)\b/i],
];

function kindOfAnalysisMatch(text: string): RiskKind {
  return KIND_OF_MATCH.find(([, pattern]) => pattern.test(text))?.[0] ?? "timing";
}

// Where overlapping matches merge into one span, the kind that matters most names it.
const PRECEDENCE: readonly RiskKind[] = ["guarantee", "pricing", "results", "scope", "service_fit", "timing"];

const COMPILED_REPLY_PHRASES: readonly { kind: RiskKind; pattern: RegExp }[] = (
  Object.entries(REPLY_PHRASES) as [RiskKind, readonly string[]][]
).flatMap(([kind, sources]) =>
  sources.map((source, index) => ({ kind, pattern: compilePattern(source, `replyPhrases.${kind}[${index}]`) })),
);

/**
 * The analysis's negation test for bot_promise (flags.ts, `negated`): a negation anchored with `$`
 * must end right before the match, others may be anywhere in its sentence. Mirrored here because
 * flags.ts does not export it; promise-check.test.ts holds the two to the same answers.
 */
function negated(policy: CompiledPolicy, match: Match): boolean {
  const negations = policy.negations.bot_promise;
  if (!negations?.length) return false;
  const sentence = sentenceAround(match.message, match.start, match.end);
  const before = match.message.body.slice(sentence.start, match.start);
  return negations.some((pattern) =>
    testAnyIn([pattern], pattern.source.endsWith("$") ? before : sentence.quote, match.message.body),
  );
}

const numbersIn = memoByText((text: string): string[] => text.replace(/[^\d]/g, " ").split(/\s+/));

/** The analysis's rule (flags.ts, `echoesVisitor`): an amount the visitor wrote first is not the business's promise. */
function echoesVisitor(match: Match, visitor: IndexedMessage[]): boolean {
  const digits = match.text.replace(/[^\d]/g, "");
  if (digits.length < 2) return false;
  return visitor.some((m) => numbersIn(m.body).includes(digits));
}

// A quotation in the reply (“…”, "…", «…») of at least 15 characters.
const QUOTED = /"([^"\n]{15,})"|“([^”\n]{15,})”|«([^»\n]{15,})»/g;

const normalise = (text: string) => text.toLowerCase().replace(/\s+/g, " ").trim();

/**
 * Spans of the reply that quote the visitor word for word (a template quoting their request:
 * “we need it within 2 days”): what is inside is their words, not the business's promise.
 */
function quotationsOfVisitor(reply: string, visitor: IndexedMessage[]): [number, number][] {
  if (visitor.length === 0 || !/["“«]/.test(reply)) return [];
  const said = visitor.map((m) => normalise(m.body));
  return [...reply.matchAll(QUOTED)].flatMap((q) => {
    const inner = normalise(q[1] ?? q[2] ?? q[3] ?? "");
    return said.some((text) => text.includes(inner)) ? [[q.index, q.index + q[0].length] as [number, number]] : [];
  });
}

export interface PromiseCheckOptions {
  /** The analysis policy in force (its bot_promise phrases and negations); the default policy otherwise. */
  policy?: AnalysisPolicy;
  /** The visitor's messages: amounts the reply repeats from them are theirs, not a promise. */
  visitorMessages?: readonly string[];
  /** False: the analysis's bot_promise check alone, without the reply-only phrases. */
  replyPhrases?: boolean;
}

/**
 * Risky wording in a reply to a visitor, as spans of `text` with their kind, in reading order and
 * never overlapping. Empty when the reply promises nothing the analysis would flag.
 */
export function checkReplyForPromises(text: string, options: PromiseCheckOptions = {}): PromiseRisk[] {
  if (!text.trim()) return [];
  const policy = compilePolicy(options.policy ?? DEFAULT_POLICY);
  const messages = indexMessages({
    messages: [
      ...(options.visitorMessages ?? []).map((visitorText) => ({ role: "visitor" as const, text: visitorText })),
      { role: "bot" as const, text },
    ],
  });
  const reply = messages.at(-1)!;
  const visitor = messages.slice(0, -1);
  const found: PromiseRisk[] = [];
  const quoted = quotationsOfVisitor(reply.body, visitor);
  const keep = (kind: RiskKind, match: Match) => {
    if (quoted.some(([start, end]) => match.start >= start && match.end <= end)) return;
    found.push({ kind, start: match.start, end: match.end, quote: match.text });
  };

  for (const match of matchAllOf(policy.flags.bot_promise, [reply])) {
    if (negated(policy, match) || echoesVisitor(match, visitor)) continue;
    keep(kindOfAnalysisMatch(match.text), match);
  }
  for (const { kind, pattern } of options.replyPhrases === false ? [] : COMPILED_REPLY_PHRASES) {
    for (const match of matchAllOf([pattern], [reply])) {
      if (!negated(policy, match)) keep(kind, match);
    }
  }
  return mergeOverlapping(found, reply.body);
}

function mergeOverlapping(risks: PromiseRisk[], text: string): PromiseRisk[] {
  const sorted = risks.toSorted((a, b) => a.start - b.start || b.end - a.end);
  const out: PromiseRisk[] = [];
  for (const risk of sorted) {
    const last = out.at(-1);
    if (last && risk.start < last.end) {
      last.end = Math.max(last.end, risk.end);
      last.quote = text.slice(last.start, last.end);
      if (PRECEDENCE.indexOf(risk.kind) < PRECEDENCE.indexOf(last.kind)) last.kind = risk.kind;
      continue;
    }
    out.push({ ...risk });
  }
  return out;
}

/** The distinct kinds among risks, most serious first. */
export function riskKinds(risks: readonly PromiseRisk[]): RiskKind[] {
  return PRECEDENCE.filter((kind) => risks.some((risk) => risk.kind === kind));
}
