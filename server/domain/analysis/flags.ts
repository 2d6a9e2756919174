import type { CompiledPolicy } from "./policy";
import {
  byRole,
  contentWords,
  hasShoutedPhrase,
  matchAll,
  sentenceAround,
  shoutingRatio,
  similarity,
  type IndexedMessage,
  type Match,
} from "./text";
import type { Evidence, Flag, FlagFinding, Intent, SensitiveSpan } from "./types";

// The flags of FORMAT.md, each with the words that raised it. Visitor flags read the visitor's
// messages; bot_promise reads only the bot's (never a human agent's, never the visitor quoting it).

function toEvidence(matches: Match[], limit = 3): Evidence[] {
  const seen = new Set<string>();
  const out: Evidence[] = [];
  for (const m of matches) {
    const e = sentenceAround(m.message, m.start, m.end);
    const key = `${e.message}:${e.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
    if (out.length >= limit) break;
  }
  return out;
}

function negated(policy: CompiledPolicy, flag: Flag, match: Match): boolean {
  const negations = policy.negations[flag];
  if (!negations?.length) return false;
  const e = sentenceAround(match.message, match.start, match.end);
  const before = match.message.body.slice(e.start, match.start);
  return negations.some((pattern) => {
    pattern.lastIndex = 0;
    // A negation pattern anchored with `$` must end right before the match; others anywhere in the sentence.
    return pattern.source.endsWith("$") ? pattern.test(before) : pattern.test(e.quote);
  });
}

function patternMatches(policy: CompiledPolicy, flag: Flag, messages: IndexedMessage[]): Match[] {
  return policy.flags[flag].flatMap((p) => matchAll(p, messages)).filter((m) => !negated(policy, flag, m));
}

const OUTAGE =
  /\b(?:(?:site|server|servers|system|systems|network|service|internet|website|app|platform|payment system|pos|till|phones?|email) (?:is |are |has |have |went )?(?:down|offline|crashed|not working)|(?:total|complete|full|major) outage)\b/i;
const OUTAGE_STAKE =
  /\b(?:customers|orders|revenue|losing (?:money|sales|business)|can'?t (?:trade|operate|work|take (?:payments|orders)|process|serve)|whole (?:office|team|company|store)|production|patients|all (?:our|my|of our)|every(?:one|body)|nobody can)\b/i;
const ANNOYED =
  /\b(?:i (?:just|already|literally) (?:said|told|gave|did)|(?:need|want|get me) (?:a )?(?:human|real person|person|someone real|manager)|human now|real person|not helping|still (?:not|no|broken|fails)|again)\b/i;
const SHOUTED_REFUND = /\bREFUND\b/;

function repetitionMatches(visitor: IndexedMessage[], all: IndexedMessage[], policy: CompiledPolicy): Match[] {
  const found = patternMatches(policy, "repetition", visitor);
  // The same question or request again, worded alike.
  for (let j = 1; j < visitor.length; j++) {
    const later = visitor[j]!;
    if (contentWords(later.body).length < 2) continue;
    for (let i = 0; i < j; i++) {
      const earlier = visitor[i]!;
      if (contentWords(earlier.body).length < 2) continue;
      if (similarity(earlier.body, later.body) >= 0.45) {
        found.push({ message: later, start: 0, end: later.body.length, text: later.body });
        break;
      }
    }
  }
  // An identifier given again because the bot asked for it again.
  const ids = new Map<string, number>();
  for (const message of visitor) {
    for (const m of message.body.matchAll(/\b[A-Z]{0,4}[-#]?\d{4,}\b/g)) {
      const previous = ids.get(m[0]);
      const botAskedAgain =
        previous !== undefined &&
        all
          .slice(previous + 1, message.index)
          .some((b) => b.role === "bot" && /\b(?:number|order|id|reference)\b/i.test(b.body));
      if (botAskedAgain) found.push({ message, start: m.index!, end: m.index! + m[0].length, text: m[0] });
      ids.set(m[0], message.index);
    }
  }
  return found;
}

/** Amounts the bot repeats from the visitor's own words are not the bot's promise. */
function echoesVisitor(match: Match, all: IndexedMessage[]): boolean {
  const digits = match.text.replace(/[^\d]/g, "");
  if (digits.length < 2) return false;
  return all.some(
    (m) =>
      m.role === "visitor" &&
      m.index < match.message.index &&
      m.body.replace(/[^\d]/g, " ").split(/\s+/).includes(digits),
  );
}

export function detectFlags(
  messages: IndexedMessage[],
  policy: CompiledPolicy,
  intent: Intent,
  sensitive: SensitiveSpan[],
): FlagFinding[] {
  const visitor = byRole(messages, "visitor");
  const bot = byRole(messages, "bot");
  const out = new Map<Flag, Match[]>();
  const add = (flag: Flag, matches: Match[]) => {
    if (matches.length) out.set(flag, [...(out.get(flag) ?? []), ...matches]);
  };

  // Requests are the visitor's; a spammer's pitch ("guaranteed results", "cheap price") asks nothing.
  if (intent !== "spam") {
    for (const flag of ["pricing_request", "custom_scope", "legal_advice", "guarantee_request"] as const) {
      add(flag, patternMatches(policy, flag, visitor));
    }
  }
  add("emergency", patternMatches(policy, "emergency", visitor));
  for (const message of visitor) {
    if (OUTAGE.test(message.body) && OUTAGE_STAKE.test(message.body)) {
      const m = OUTAGE.exec(message.body)!;
      add("emergency", [{ message, start: m.index, end: m.index + m[0].length, text: m[0] }]);
    }
  }

  add("complaint", patternMatches(policy, "complaint", visitor));
  for (const message of visitor) {
    const m = SHOUTED_REFUND.exec(message.body);
    if (m) add("complaint", [{ message, start: m.index, end: m.index + m[0].length, text: m[0] }]);
  }

  add("repetition", repetitionMatches(visitor, messages, policy));

  // Frustration: angry words, or shouting at someone who is not listening.
  add("frustration", patternMatches(policy, "frustration", visitor));
  const annoyedContext = out.has("repetition") || out.has("complaint");
  for (const message of visitor) {
    const shouting = hasShoutedPhrase(message.body) || shoutingRatio(message.body) > 0.6;
    if (shouting && (annoyedContext || ANNOYED.test(message.body))) {
      add("frustration", [{ message, start: 0, end: message.body.length, text: message.body }]);
    }
  }

  if (sensitive.length > 0) {
    add(
      "sensitive_data",
      sensitive.map((s) => {
        const message = messages[s.message]!;
        return { message, start: s.start, end: s.end, text: message.body.slice(s.start, s.end) };
      }),
    );
  }

  add(
    "bot_promise",
    patternMatches(policy, "bot_promise", bot).filter((m) => !echoesVisitor(m, messages)),
  );

  const findings: FlagFinding[] = [];
  for (const [flag, matches] of out) {
    // Sensitive evidence points at the span itself (masked when shown), not the sentence around it.
    const evidence =
      flag === "sensitive_data"
        ? matches.slice(0, 3).map((m) => ({ message: m.message.index, start: m.start, end: m.end, quote: m.text }))
        : toEvidence(matches);
    findings.push({ flag, evidence });
  }
  return findings;
}

export function hasFlag(flags: FlagFinding[], flag: Flag): boolean {
  return flags.some((f) => f.flag === flag);
}
