import { contactWordWeight, FLAG_MODEL, flagProbabilities, modelEvidence } from "./flag-model";
import type { LinearModel } from "./linear";
import { unicodeRegExp, type CompiledPolicy } from "./policy";
import {
  byRole,
  hasShoutedPhrase,
  isQuestion,
  keyTokens,
  matchAllOf,
  memoByText,
  sentenceAround,
  sentences,
  shoutingRatio,
  similarity,
  words,
  testAny,
  testAnyIn,
  type IndexedMessage,
  type Match,
} from "./text";
import { FLAGS, type Evidence, type Flag, type FlagFinding, type Intent, type SensitiveSpan } from "./types";

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
  // A negation pattern anchored with `$` must end right before the match; others anywhere in the sentence.
  return negations.some((pattern) =>
    testAnyIn([pattern], pattern.source.endsWith("$") ? before : e.quote, match.message.body),
  );
}

function patternMatches(patterns: RegExp[], policy: CompiledPolicy, flag: Flag, messages: IndexedMessage[]): Match[] {
  return matchAllOf(patterns, messages).filter((m) => !negated(policy, flag, m));
}

const QUOTED = /"[^"\n]{15,}"|“[^”\n]{15,}”|«[^»\n]{15,}»/g;

/** Inside a pasted quotation ("Items may be returned … for a full refund") the words are not the visitor's request. */
function insideQuotation(match: Match): boolean {
  return quotations(match.message.body).some(([start, end]) => match.start >= start && match.end <= end);
}

const quotations = memoByText((text: string): [number, number][] =>
  /["“«]/.test(text) ? [...text.matchAll(QUOTED)].map((q) => [q.index, q.index + q[0].length]) : [],
);

// A complaint is about the business: its people, product, service or the visitor's dealings with it.
const ABOUT_THE_BUSINESS = unicodeRegExp(
  String.raw`\b(?:(?:they|the cleaners?|the team|the tutor|the groomer|the driver) (?:missed|forgot|didn'?t|left|broke|damaged|never)|(?:hasn'?t|has not|didn'?t|did not|never) (?:turned|shown|turn|show) up|wi-?fi|internet|clean(?:ing|er|ers)?|lesson|session|groom(?:ing)?|you|your|ur|u|y'?all|yours|this (?:bot|chat|company|firm|service|app|site|website|place|hotel|clinic|gym|shop|store|bank|agency)|the (?:bot|chat|firm|company|front desk|reception|receptionist|technician|tech|engineer|driver|courier|delivery|staff|team|service|app|website|site|hotel|clinic|office|branch|shop|store|restaurant|venue|room|product|item|order|package|parcel|salesman|manager|support)|orders?|deliver(?:y|ed)|package|parcel|invoiced?|bill(?:ed|ing)?|charged|renewal|subscription|membership|account|booking|reservation|stay|appointment|refund|product|item|warranty|tickets?|response times?|reports?|leads|vosotros|ustedes|vous|votre|ihr|ihnen|jullie|voi|vostro|state)\b`,
);

function wholeMessageMatch(message: IndexedMessage): Match {
  return { message, start: 0, end: message.body.length, text: message.body };
}

// ------------------------------------------------------------------------------------ emergency

const OUTAGE =
  /\b(?:(?:site|server|servers|system|systems|network|service|internet|website|app|platform|payment system|pos|till|phones?|email)(?: \([^)\n]{1,60}\))? (?:is |are |has |have |went )?(?:down|offline|crashed|not working)|(?:total|complete|full|major) outage)\b/i;
const OUTAGE_STAKE =
  /\b(?:customers|orders|revenue|losing (?:money|sales|business)|can'?t (?:trade|operate|work|take (?:payments|orders)|process|serve|access)|whole (?:office|team|company|store)|production|patients|learners|students|exams?|guests|attendees|live (?:event|exam|launch|stream)|all (?:our|my|of our)|every(?:one|body)|nobody can)\b/i;

function emergencyMatches(visitor: IndexedMessage[], policy: CompiledPolicy): Match[] {
  const found = patternMatches(policy.flags.emergency, policy, "emergency", visitor);
  for (const message of visitor) {
    // A hazard is an emergency while it is happening, not when recounted for a claim.
    if (testAny(policy.emergencyHazards.happeningNow, message.body)) {
      found.push(...patternMatches(policy.emergencyHazards.patterns, policy, "emergency", [message]));
    }
    if (OUTAGE.test(message.body) && OUTAGE_STAKE.test(message.body)) {
      const m = OUTAGE.exec(message.body)!;
      found.push({ message, start: m.index, end: m.index + m[0].length, text: m[0] });
    }
  }
  return found;
}

// ------------------------------------------------------------------------------------ legal

// A question inside a field of law is a request for legal interpretation ("do I meet the
// financial requirement for a spouse visa?", "is my deposit protected?").
const LEGAL_DOMAIN =
  /\b(?:visa|immigration|residence (?:requirement|permit|card)|settled status|pre-settled|indefinite leave|ilr|citizenship|naturali[sz]ation|asylum|deport\w*|work permit|sponsor licen[cs]e|tenancy|tenant|landlord|eviction|deposit scheme|lease|contract|agreement|clause|liab(?:le|ility)|negligen\w+|copyright|trademark|patent|defamation|custody|divorce|probate|inheritance|will and testament|power of attorney|employment (?:law|tribunal|rights)|dismiss\w+|redundan\w+|discriminat\w+|gdpr|data protection|consumer rights|warranty (?:law|rights)|statutory|regulat\w+|compliance|tax (?:law|liability|residency)|hmrc|irs)\b/i;

// Questions that ask what one may, must or is entitled to do: interpretation, not information.
const INTERPRETATION = unicodeRegExp(
  String.raw`\b(?:can i|can we|can (?:he|she|they)|could i|am i (?:allowed|entitled|eligible|covered|required|liable)|are we (?:allowed|entitled|eligible|covered|required|liable)|do (?:i|we) (?:meet|qualify|need to|have to|have (?:a|any) (?:right|case|claim))|does (?:it|this|that) (?:count|apply|mean|affect|qualify|breach)|is (?:it|this|that) (?:a )?(?:problem|allowed|legal|ok(?:ay)?|permitted|enforceable|binding|valid)|will (?:it|this|that) (?:affect|count|be a problem)|should i|would i|what are my|do i still|puedo|podemos|posso|possiamo|kann ich|d[uü]rfen wir|puis-je|pouvons-nous|mog[eę])\b`,
);
const CARD_VISA = /\bvisa (?:card|debit|credit)|\b(?:my|a|the|your) visa (?:card|ending)|\bon (?:my|a|the) visa\b/i;

function legalMatches(visitor: IndexedMessage[], policy: CompiledPolicy): Match[] {
  const found = patternMatches(policy.flags.legal_advice, policy, "legal_advice", visitor);
  for (const message of visitor) {
    if (!LEGAL_DOMAIN.test(message.body.replace(CARD_VISA, " "))) continue;
    for (const s of sentences(message.body)) {
      if (isQuestion(s.text) && INTERPRETATION.test(s.text)) {
        found.push({ message, start: s.start, end: s.end, text: s.text });
      }
    }
  }
  return found;
}

// ------------------------------------------------------------------------------------ repetition

const INSISTING =
  /^\s*(?:ok(?:ay)?,? (?:but|so|ma|pero|mais|aber|mas)|so|but|hello+|hell?o\?|again|still)\b|\b(?:tho|though|again|still|already|or not|or no|yes or no|anyone)\b|\?\?|!!|\bAGAIN\b/i;
const REQUEST_KINDS: [string, RegExp][] = [
  [
    "price",
    /\b(?:how much|prices?|costs?|fee|fees|charges?|quotes?|tuition|rates?|cu[aá]nto|precio|prix|combien|kostet|preis|quanto)\b/i,
  ],
  ["refund", /\b(?:refund|money back|reembolso|remboursement|r[uü]ckerstattung|rimborso)\b|[£$€]\s?\d[\d,.]* back\b/i],
  ["cancel", /\bcancel\w*\b|\bcancelar\b|\bk[uü]ndig\w*\b|\br[ée]silier\b/i],
  ["human", /\b(?:human|real person|manager|agent|someone real|supervisor)\b/i],
  ["guarantee", /\b(?:guarantee\w*|promise|definitely|for sure)\b/i],
];

/** A short message whose every key word the visitor already wrote ("MY ACCOUNT IS LOCKED" again). */
function restates(earlier: string, later: string): boolean {
  const again = [...new Set(keyTokens(later))];
  if (again.length < 2 || again.length > 6) return false;
  const before = new Set(keyTokens(earlier));
  return again.every((token) => before.has(token));
}

/** The key tokens of a message and of each of its sentences (splitting can make new ones: "3.2"). */
const everyKeyToken = memoByText(
  (text: string): ReadonlySet<string> =>
    new Set([...keyTokens(text), ...sentences(text).flatMap((s) => keyTokens(s.text))]),
);

// Pasted markup ("<div class=alert>Please refresh and try again.</div>") is a machine's words, not
// something the visitor asked: "I'll try again tomorrow" does not say it again.
const PASTED = /<([a-z][a-z0-9-]*)\b[^<>]*>[\s\S]*?<\/\1\s*>|```[\s\S]*?```/gi;

const CORRECTING_BOT = /^\W*(?:no|nope|not|that'?s not|thats not|wrong)\b/i;

function sharedKeyTokens(a: string, b: string): number {
  const before = new Set(keyTokens(a));
  return new Set(keyTokens(b).filter((t) => before.has(t))).size;
}

/** Sentences with enough meaning to compare (3+ key tokens, outside pasted markup or code), as text. */
const comparableSentences = memoByText((text: string): string[] =>
  sentences(text.replace(PASTED, "\n"))
    .map((s) => s.text)
    .filter((s) => keyTokens(s).length >= 3),
);

// The bot saying it did not get the answer: whatever the visitor says next, they are saying again.
const ASK_AGAIN =
  /\b(?:please (?:choose|select|pick) (?:an? |one )?option|(?:could|can) you (?:please )?(?:rephrase|repeat)|(?:i )?(?:didn'?t|did not|don'?t|do not) (?:quite )?(?:understand|get) (?:that|you|your)|(?:i )?(?:can )?only understand|only (?:chat|speak|talk|reply|respond|help|answer) in [a-z]+)\b/i;

/** The bot's questions with enough words to compare ("What's your postcode?" is two). */
const botQuestions = memoByText((text: string): string[] =>
  sentences(text)
    .map((s) => s.text)
    .filter((s) => s.includes("?") && keyTokens(s).length >= 2),
);

/** The bot's longer sentences: one said again word for word is the bot going round in a loop. */
const botStatements = memoByText((text: string): string[] =>
  sentences(text)
    .map((s) => s.text)
    .filter((s) => keyTokens(s).length >= 4),
);

/** A visitor's question as words only: "WHEN will it be paid?" and "When will it be paid?" are one. */
const questionWords = memoByText((text: string): string[] =>
  sentences(text)
    .filter((s) => s.text.includes("?"))
    .map((s) => words(s.text).join(" "))
    .filter((q) => q.split(" ").length >= 3),
);

/** Sentences that can restate an earlier message: three key tokens, or a question of two ("can I reset it myself?"). */
const restatedSentences = memoByText((text: string): string[] =>
  sentences(text)
    .map((s) => s.text)
    .filter((s) => keyTokens(s).length >= 3 || (keyTokens(s).length === 2 && isQuestion(s))),
);

function repetitionMatches(visitor: IndexedMessage[], all: IndexedMessage[], policy: CompiledPolicy): Match[] {
  const found = patternMatches(policy.flags.repetition, policy, "repetition", visitor);
  const correcting = (m: IndexedMessage) => testAny(policy.contact.correction, m.body);

  for (let j = 1; j < visitor.length; j++) {
    const later = visitor[j]!;
    if (correcting(later)) continue;
    const laterSentences = comparableSentences(later.body);
    const laterTokens = everyKeyToken(later.body);
    const insisting = INSISTING.test(later.body);
    for (let i = 0; i < j; i++) {
      const earlier = visitor[i]!;
      // Messages with no key token in common are neither alike nor a restatement.
      const sharesToken = [...everyKeyToken(earlier.body)].some((t) => laterTokens.has(t));
      // The same question or request again, worded alike (as a whole, or one sentence of it).
      const alike =
        sharesToken &&
        ((keyTokens(earlier.body).length >= 2 &&
          keyTokens(later.body).length >= 2 &&
          similarity(earlier.body, later.body) >= 0.45) ||
          laterSentences.some((ls) => comparableSentences(earlier.body).some((es) => similarity(es, ls) >= 0.4)) ||
          restates(earlier.body, later.body) ||
          restatedSentences(later.body).some((ls) => restates(earlier.body, ls)));
      // "no not fuel. the engine wont start and we are drifting toward the rocks": the bot corrected
      // and the problem told again in other words.
      const retold =
        sharesToken &&
        CORRECTING_BOT.test(later.body) &&
        all[later.index - 1]?.role === "bot" &&
        sharedKeyTokens(earlier.body, later.body) >= 3;
      // The same kind of request again, insistently ("ok but how much does it cost").
      const insisted = insisting && REQUEST_KINDS.some(([, re]) => re.test(earlier.body) && re.test(later.body));
      const askedAgain = questionWords(later.body).some((q) => questionWords(earlier.body).includes(q));
      if (alike || insisted || askedAgain || retold) {
        found.push(wholeMessageMatch(later));
        break;
      }
    }
  }

  // The bot asked the same thing again (or asked the visitor to say it again) and the visitor had to answer again.
  const business = all.filter((m) => m.role === "bot");
  for (let j = 0; j < business.length; j++) {
    const later = business[j]!;
    // When the bot asks to hear it again ("please choose an option", "I can only chat in English"),
    // the visitor's next answer says again what they said before it.
    const askedAgain = ASK_AGAIN.test(later.body);
    const laterQuestions = botQuestions(later.body);
    const laterStatements = botStatements(later.body);
    const earlier = askedAgain
      ? null
      : business
          .slice(0, j)
          .find(
            (b) =>
              (keyTokens(b.body).length >= 3 && similarity(b.body, later.body) >= 0.7) ||
              botQuestions(b.body).some((q) => laterQuestions.some((lq) => similarity(q, lq) >= 0.6)) ||
              botStatements(b.body).some((s) => laterStatements.some((ls) => similarity(s, ls) >= 0.8)),
          );
    if (!askedAgain && !earlier) continue;
    const since = earlier ? earlier.index : -1;
    const answeredBoth =
      all.some((m) => m.role === "visitor" && m.index > since && m.index < later.index) &&
      all.some((m) => m.role === "visitor" && m.index > later.index);
    const reply = answeredBoth ? all.find((m) => m.role === "visitor" && m.index > later.index)! : null;
    // "I can only reply in English. Shall I connect you?" "yes please": an answer, not the request again.
    if (reply && !(askedAgain && /^\s*(?:yes|yeah|yep|no|nope|sure|ok(?:ay)?)\b/i.test(reply.body))) {
      found.push(wholeMessageMatch(reply));
    }
  }

  // The very same answer again ("kb22@inbox.example"), because the bot asked for it again.
  const said = new Map<string, number>();
  for (const message of visitor) {
    const answer = message.body.trim().toLowerCase();
    const before = said.get(answer);
    if (
      answer.length >= 5 &&
      before !== undefined &&
      all.slice(before + 1, message.index).some((m) => m.role === "bot")
    ) {
      found.push(wholeMessageMatch(message));
    }
    said.set(answer, message.index);
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

// ------------------------------------------------------------------------------------ frustration

const ANNOYED =
  /\b(?:i (?:just|already|literally) (?:said|told|gave|did)|i did that|(?:need|want|get me) (?:a )?(?:human|real person|person|someone real|manager)|human now|real person|not helping|still (?:not|no|broken|fails)|again|are you a (?:robot|bot))\b/i;

function frustrationMatches(visitor: IndexedMessage[], policy: CompiledPolicy, annoyedContext: boolean): Match[] {
  const found = patternMatches(policy.flags.frustration, policy, "frustration", visitor);
  for (const message of visitor) {
    const shouting = hasShoutedPhrase(message.body) || shoutingRatio(message.body) > 0.6;
    if (shouting && (annoyedContext || ANNOYED.test(message.body))) found.push(wholeMessageMatch(message));
  }
  return found;
}

// ------------------------------------------------------------------------------------ bot promise

/** Amounts the bot repeats from the visitor's own words are not the bot's promise. */
function echoesVisitor(match: Match, all: IndexedMessage[]): boolean {
  const digits = match.text.replace(/[^\d]/g, "");
  if (digits.length < 2) return false;
  return all.some((m) => m.role === "visitor" && m.index < match.message.index && numbersIn(m.body).includes(digits));
}

const numbersIn = memoByText((text: string): string[] => text.replace(/[^\d]/g, " ").split(/\s+/));

const SHOUTED_REFUND = /\bREFUND\b/;

/**
 * A business reply that gives away what the visitor asked ("free seats aren't part of our standard
 * plans"): the evidence is the visitor's message it answers, its last question when it has one.
 */
const REQUEST =
  /\b(?:can|could|would|will) (?:you|your|u|we)\b|\b(?:need|want|would like|we'd like|i'd like|require|looking for|please)\b/i;

function replyCueMatches(flag: Flag, messages: IndexedMessage[], policy: CompiledPolicy): Match[] {
  const cues = policy.replyCues[flag];
  if (!cues?.length) return [];
  const out: Match[] = [];
  for (const reply of messages) {
    if (reply.role === "visitor" || !testAny(cues, reply.body)) continue;
    const asked = messages
      .slice(0, reply.index)
      .reverse()
      .find((m) => m.role === "visitor" && m.body.trim().length > 0);
    // Only the message the reply answers: a business talking to itself gives nothing away.
    if (!asked || messages.slice(asked.index + 1, reply.index).some((m) => m.role === "visitor")) continue;
    // A reply answers a question: "I can't give legal advice" after "my landlord kept my deposit" gives
    // nothing away. Special work is as often requested as asked for ("also can your team clean it by hand").
    const asks = flag === "custom_scope" ? (text: string) => isQuestion(text) || REQUEST.test(text) : isQuestion;
    const span = sentences(asked.body)
      .filter((s) => asks(s.text))
      .at(-1);
    if (!span) continue;
    out.push({ message: asked, start: span.start, end: span.end, text: asked.body.slice(span.start, span.end) });
  }
  return out;
}

export function detectFlags(
  messages: IndexedMessage[],
  policy: CompiledPolicy,
  intent: Intent,
  sensitive: SensitiveSpan[],
  existingCustomer = false,
  flagModel: LinearModel<Flag> = FLAG_MODEL,
): FlagFinding[] {
  const visitor = byRole(messages, "visitor");
  const bot = byRole(messages, "bot");
  const out = new Map<Flag, Match[]>();
  const add = (flag: Flag, matches: Match[]) => {
    if (matches.length) out.set(flag, [...(out.get(flag) ?? []), ...matches]);
  };

  // Requests are the visitor's; a spammer's pitch ("guaranteed results", "cheap price") asks nothing.
  if (intent !== "spam") {
    for (const flag of ["pricing_request", "custom_scope", "guarantee_request"] as const) {
      add(
        flag,
        patternMatches(policy.flags[flag], policy, flag, visitor).filter((m) => !insideQuotation(m)),
      );
    }
    add("legal_advice", legalMatches(visitor, policy));
    // (A bot declining to quote says nothing about the visitor: custom work is often "priced individually".)
    for (const flag of ["custom_scope", "legal_advice"] as const) {
      if (!out.has(flag)) add(flag, replyCueMatches(flag, messages, policy));
    }
  }
  add("emergency", emergencyMatches(visitor, policy));

  add(
    "complaint",
    patternMatches(policy.flags.complaint, policy, "complaint", visitor).filter(
      (m) => existingCustomer || ABOUT_THE_BUSINESS.test(m.message.body),
    ),
  );
  for (const message of visitor) {
    const m = SHOUTED_REFUND.exec(message.body);
    if (m) add("complaint", [{ message, start: m.index, end: m.index + m[0].length, text: m[0] }]);
  }

  // A spammer pasting the same link twice is not a visitor left unanswered.
  if (intent !== "spam") add("repetition", repetitionMatches(visitor, messages, policy));
  add("frustration", frustrationMatches(visitor, policy, out.has("repetition") || out.has("complaint")));

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
    patternMatches(policy.flags.bot_promise, policy, "bot_promise", bot).filter((m) => !echoesVisitor(m, messages)),
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
  if (intent !== "spam") findings.push(...modelFindings(messages, policy, out, flagModel));
  return findings;
}

/** Flags the phrases missed that the word model is sure enough of, by the policy's thresholds. */
function modelFindings(
  messages: IndexedMessage[],
  policy: CompiledPolicy,
  found: ReadonlyMap<Flag, unknown>,
  model: LinearModel<Flag>,
): FlagFinding[] {
  const wanted = (Object.keys(policy.flagModel) as Flag[]).filter((f) => !found.has(f) && model.labels.includes(f));
  if (wanted.length === 0) return [];
  const probabilities = flagProbabilities(model, messages);
  const out: FlagFinding[] = [];
  for (const flag of FLAGS) {
    if (!wanted.includes(flag)) continue;
    const probability = probabilities.get(flag)!;
    if (probability < policy.flagModel[flag]!) continue;
    // Sure only because the visitor asked to be called, politely? Then not sure (for the flags the
    // policy lists).
    if (policy.flagModelWithoutContactWords.has(flag)) {
      const z = Math.log(probability / (1 - probability)) - contactWordWeight(model, flag, messages);
      if (1 / (1 + Math.exp(-z)) < policy.flagModel[flag]!) continue;
    }
    const grounds = modelEvidence(model, flag, messages);
    if (!grounds) continue; // evidence or nothing: a flag must point at the visitor's words
    out.push({
      flag,
      evidence: [grounds.evidence],
      model: { probability: Math.round(probability * 100) / 100, words: grounds.words },
    });
  }
  return out;
}
