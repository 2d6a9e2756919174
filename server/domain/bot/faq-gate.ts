import { checkReplyForPromises, riskKinds } from "../replies/promise-check";
import type { AnalysisPolicy } from "../analysis";

// A FAQ answer reaches the visitor with no person reading it first, so it passes a stricter gate
// than a reply an owner writes. Beside the promise check, it may hold no number at all (a price,
// a date, a duration, a count of years), and no word about money, time, availability or results,
// however it is phrased ("ninety-nine pounds", "we can usually get someone out the same week").
// What is refused is answered by a person instead.

export const FAQ_RISKS = ["number", "money", "time", "availability", "results"] as const;
export type FaqRisk = (typeof FAQ_RISKS)[number];

const NUMBER_WORDS =
  "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|thousand|million|dozen|half|couple";

const PATTERNS: readonly [FaqRisk, RegExp][] = [
  // "one of our roofers" is a pronoun, not an amount.
  ["number", new RegExp(String.raw`\d|\b(?:${NUMBER_WORDS})\b(?! of (?:our|the|us|them)\b)`, "i")],
  [
    "money",
    /[$£€¥₹]|\b(?:cost\w*|price\w*|pricing|fees?|charges?|charged|quotes?|pounds?|dollars?|euros?|pence|cents?|free|discount\w*|cheap\w*|afford\w*|budget\w*|deposit\w*|pay(?:ment)?s?|vat|tax)\b/i,
  ],
  [
    "time",
    /\b(?:today|tonight|tomorrow|week\w*|month\w*|years?|days?|hours?|minutes?|mins?|mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?|mornings?|afternoons?|evenings?|am|pm|soon|asap|quick\w*|immediate\w*|same[- ]day|overnight|fast\w*|prompt\w*|shortly|within)\b/i,
  ],
  [
    "availability",
    /\b(?:open|opening|closed|availab\w*|slots?|appointments?|book\w*|schedul\w*|come out|visit (?:you|your)|get someone|send someone|in stock)\b/i,
  ],
  [
    "results",
    /\b(?:last|lasts|lasting|guarant\w*|warrant\w*|promis\w*|results?|ensure\w*|definitely|certainly|always|never|permanent\w*|for good|solve\w*|fix(?:es|ed)? (?:it|that|this|the|your))\b/i,
  ],
];

/** What in a FAQ answer makes it unsafe to show without a person: empty when it may be shown. */
export function faqAnswerRisks(text: string, policy?: AnalysisPolicy): string[] {
  const own = PATTERNS.filter(([, pattern]) => pattern.test(text)).map(([risk]) => risk);
  return [...new Set([...riskKinds(checkReplyForPromises(text, { policy })), ...own])];
}
