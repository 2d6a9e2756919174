import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/min";
import { mayMatch } from "./prefilter";
import { prefilterBuiltIn, type CompiledPolicy } from "./policy";
import { evidenceOf, testAny, testAnyIn, type IndexedMessage } from "./text";
import type { Contact, Finding, PhoneFinding, SensitiveSpan } from "./types";

// How the visitor can be reached, as they gave it: only the visitor's own messages count, other
// people's addresses mentioned in passing do not, and a correction replaces what it corrects.

const ASKS_NAME =
  /\b(?:(?:the|whose) (?:patient|customer|client|account ?holder|booking|guest|student|member|policyholder|passenger|lead guest)'?s? name|name (?:on|for|under) (?:the|your) (?:booking|account|reservation|order|policy|ticket)|which name|what name|jak si[eę] (?:pan |pani )?nazywa|(?:your|ur) (?:full |first |last )?name|what(?:'s| is) (?:your|ur) name|may i (?:have|take|get|ask) (?:your )?name|can i (?:get|take|have) (?:your )?name|name,? please|who am i (?:speaking|chatting) (?:to|with)|tu nombre|su nombre|c[oó]mo (?:te llamas|se llama)|ihren? (?:vollst[aä]ndigen )?namen|wie hei[sß]en sie|votre nom|comment vous appelez|seu nome|qual (?:[eé] )?o seu nome|il suo nome|come si chiama|je naam|uw naam|imi[eę] i nazwisko)\b/iu;
const ASKS_PHONE =
  /\b(?:phone|number|mobile|cell|telephone|tel|whatsapp|tel[eé]fono|n[uú]mero|telefon(?:nummer)?|handy(?:nummer)?|t[eé]l[eé]phone|portable|celular|telefone|cellulare|telefoonnummer)\b/iu;
const ASKS_COMPANY =
  /(?<!\b(?:protect|grow|help|run|scale|boost|secure|support|power|transform|for|in|about|improve|market|automate|streamline|keep) )\b(?:(?:your|ur|the) (?:company|business|organi[sz]ation|firm|employer|practice|school|brand)(?: name)?|which (?:company|business|organi[sz]ation)|what company|company (?:are you (?:with|from)|name)|business name|empresa|unternehmen|firma|soci[ée]t[ée]|entreprise|azienda)\b/iu;

/** The message of the business the visitor is answering, if the one right before is from the business. */
function previousBusinessMessage(messages: IndexedMessage[], index: number): IndexedMessage | null {
  for (let i = index - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role !== "visitor") return m;
    if (i < index - 1) return null;
  }
  return null;
}

/** The words leading up to a detail, within its sentence: "cc our CFO james@…", "my tutor (k.ellis@…)". */
function textBefore(text: string, start: number, radius: number): string {
  const window = text.slice(Math.max(0, start - radius), start);
  const boundary = Math.max(
    window.lastIndexOf(". "),
    window.lastIndexOf("\n"),
    window.lastIndexOf("? "),
    window.lastIndexOf("! "),
  );
  return boundary >= 0 ? window.slice(boundary + 1) : window;
}

function contextAround(text: string, start: number, end: number, radius = 45): string {
  return text.slice(Math.max(0, start - radius), Math.min(text.length, end + radius));
}

// ---------------------------------------------------------------------------------------- email

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}\b/g;
const AT_WORD = String.raw`(?:@|\s*[([{]\s*(?:at|arroba|arobase|chez|bei|malpa|małpa|ät)\s*[)\]}]\s*|\s+at\s+|\s+arroba\s+|\s+arobase\s+|\s+ma[lł]pa\s+|\s+chez\s+)`;
const DOT_WORD = String.raw`(?:\.|\s*[([{]\s*(?:dot|punkt|punto|point|ponto|kropka|punt)\s*[)\]}]\s*|\s+dot\s+|\s+punto\s+|\s+point\s+|\s+punkt\s+|\s+ponto\s+|\s+kropka\s+|\s+punt\s+)`;
const OBFUSCATED_EMAIL = new RegExp(
  String.raw`\b([A-Za-z0-9_%+-]+(?:${DOT_WORD}[A-Za-z0-9_%+-]+){0,3})${AT_WORD}([A-Za-z0-9-]+(?:${DOT_WORD}[A-Za-z0-9-]+){1,3})\b`,
  "gi",
);
// What every obfuscated address has: the "at" and a dotted domain right after it. Cheap to look
// for (it starts at "@", a bracket or a space), so the full pattern runs only where it can match.
const OBFUSCATED_GATE = new RegExp(String.raw`${AT_WORD}[A-Za-z0-9-]+${DOT_WORD}[A-Za-z0-9-]`, "i");
const QUOTED_THREAD = /^\s*-{2,}\s*(?:original message|forwarded message)|^\s*on .{3,80} wrote:\s*$|^\s*>/im;
/** The same, only where it starts exactly at `lastIndex`. */
const OBFUSCATED_EMAIL_AT = new RegExp(OBFUSCATED_EMAIL.source, "iy");
const REACH_CUE =
  /\b(?:reach|contact (?:me|us|my|him|her|them)|get hold of|best way|e-?mail me|write to|send (?:it|them|this|that|everything|(?:the|my|our|any) (?:[\p{L}]+ ){0,2}[\p{L}]+)? ?(?:over )?to)\b/iu;
const TLD_WORD = /^[a-z]{2,24}$/;

interface Candidate {
  value: string;
  raw: string;
  message: IndexedMessage;
  start: number;
  end: number;
  correction: boolean;
  otherPerson: boolean;
}

function normaliseObfuscated(local: string, domain: string): string | null {
  const clean = (part: string) =>
    part
      .replace(
        /\s*[([{]\s*(?:dot|punkt|punto|point|ponto|kropka|punt)\s*[)\]}]\s*|\s+(?:dot|punto|point|punkt|ponto|kropka|punt)\s+|\s*\.\s*/gi,
        ".",
      )
      .replace(/\s+/g, "")
      .toLowerCase();
  const address = `${clean(local)}@${clean(domain)}`;
  const tld = address.split(".").pop() ?? "";
  if (!TLD_WORD.test(tld)) return null;
  // "order now at reviewkings.example", "see you at the office.": words, not mailboxes.
  if (
    /^(?:me|us|him|her|them|it|you|home|work|the|a|an|least|most|all|once|first|last|now|here|there|noon|night|lunch|school|office|times|best|look|buy|shop|order|visit|available|online)@/.test(
      address,
    )
  )
    return null;
  if (!/[a-z]/.test(address.split("@")[0]!)) return null;
  return address;
}

function emailCandidates(visitor: IndexedMessage[], policy: CompiledPolicy): Candidate[] {
  const out: Candidate[] = [];
  for (const message of visitor) {
    const text = message.body;
    const spans: { start: number; end: number; value: string }[] = [];
    for (const m of text.includes("@") ? text.matchAll(EMAIL) : []) {
      spans.push({ start: m.index!, end: m.index! + m[0].length, value: m[0].toLowerCase().replace(/\.$/, "") });
    }
    OBFUSCATED_EMAIL.lastIndex = 0;
    for (let m = OBFUSCATED_GATE.test(text) ? OBFUSCATED_EMAIL.exec(text) : null; m; m = OBFUSCATED_EMAIL.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      // "get in touch at chloe.tan(at)mailbox.example": what looked like the domain is the real
      // address's local part, so look again from there.
      const domainStart = end - m[2]!.length;
      OBFUSCATED_EMAIL_AT.lastIndex = domainStart;
      if (OBFUSCATED_EMAIL_AT.test(text)) {
        OBFUSCATED_EMAIL.lastIndex = domainStart;
        continue;
      }
      // "the outcome at Tomas.Reyes@example.org" is a real address, not "outcome@tomas.reyes".
      if (m[0].includes("@") || text[end] === "@" || spans.some((s) => s.start < end && start < s.end)) continue;
      const value = normaliseObfuscated(m[1]!, m[2]!);
      if (value) spans.push({ start: m.index!, end: m.index! + m[0].length, value });
    }
    spans.sort((a, b) => a.start - b.start);
    // Addresses in a forwarded or quoted email ("-----Original Message----- From: …") are the
    // thread's, not the visitor's.
    const quotedFrom = text.search(QUOTED_THREAD);
    for (const span of spans) {
      const sentence = contextAround(text, span.start, span.end, 90);
      const otherPerson =
        (quotedFrom >= 0 && span.start > quotedFrom) ||
        (testAnyIn(policy.contact.otherPerson, textBefore(text, span.start, 60), text) && !REACH_CUE.test(sentence));
      out.push({
        value: span.value,
        raw: text.slice(span.start, span.end),
        message,
        start: span.start,
        end: span.end,
        correction: testAnyIn(policy.contact.correction, text.slice(0, span.start + 1), text) && out.length > 0,
        otherPerson,
      });
    }
  }
  return out;
}

/**
 * The visitor's own detail. People correct or restate later ("sorry, typo", "I just said, …"), so
 * the last one they gave wins; other people's details never do.
 */
function pick<T extends Candidate>(candidates: T[]): T | null {
  const own = candidates.filter((c) => !c.otherPerson);
  return own.at(-1) ?? null;
}

// ---------------------------------------------------------------------------------------- phone

const PHONE_CANDIDATE = /(?<![\p{L}\p{N}#/@$£€.,_-])(?:\+|00)?\(?\d[\d\s().-]{5,20}\d(?![\p{L}\p{N}%@:]|[.,]\d)/gu;
const DIGIT_RUN = /\d[\d\s().-]{5,20}\d/;
const NOT_A_PHONE_BEFORE =
  /(?:order|ord|ref|reference|id|#|no\.|invoice|inv|account|acct|a\/c|member|policy|zip|postal|post ?code|applicant|matter|case|ticket|iban|card|visa|mastercard|amex|sort code|routing|ssn|tax|vat|serial|model|part|sku|item|license|licence|registration|reg|vin|tracking|confirmation|booking|claim|pnr|flight|room|unit|suite|apt|floor|code|pin|password|nhs|medicare|medicaid|patient|insurance|passport)\s*(?:number|no\.?|#|id)?\s*(?:is\s+|was\s+)?[:#-]?\s*$/iu;
const PHONE_CUE =
  /\b(?:call|phone|tel|telephone|mobile|cell|cellphone|number|text|sms|ring|whatsapp|reach|contact|tel[eé]fono|m[oó]vil|celular|whats|wpp|zap|tlf|kom[oó]rka|telefon|handy|t[eé]l[eé]phone|portable|telefone|cellulare|nummer|numero|n[uú]mero)\b/iu;
const DATE_LIKE = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$/;
const TIME_OR_RANGE = /^\d{1,2}[:.]\d{2}/;

const TLD_REGION: [RegExp, CountryCode][] = [
  [/\.(?:co\.)?uk$/, "GB"],
  [/\.ie$/, "IE"],
  [/\.de$/, "DE"],
  [/\.at$/, "AT"],
  [/\.ch$/, "CH"],
  [/\.fr$/, "FR"],
  [/\.es$/, "ES"],
  [/\.it$/, "IT"],
  [/\.nl$/, "NL"],
  [/\.pl$/, "PL"],
  [/\.pt$/, "PT"],
  [/\.com?\.br$/, "BR"],
  [/\.com?\.mx$/, "MX"],
  [/\.com?\.au$/, "AU"],
  [/\.co\.nz$/, "NZ"],
  [/\.ca$/, "CA"],
  [/\.in$/, "IN"],
];

/** The region to read national numbers in: the page's country domain, the locale, else the number's shape. */
export function inferRegion(
  pageUrl: string | null | undefined,
  locale: string | null | undefined,
): CountryCode | undefined {
  if (pageUrl) {
    try {
      const host = new URL(pageUrl).hostname;
      for (const [re, region] of TLD_REGION) if (re.test(host)) return region;
    } catch {
      // not a URL
    }
  }
  const fromLocale = locale?.match(/[-_]([A-Za-z]{2})$/)?.[1]?.toUpperCase();
  return fromLocale ? (fromLocale as CountryCode) : undefined;
}

export function toE164(raw: string, region: CountryCode | undefined): string | null {
  const digits = raw.replace(/\D/g, "");
  const attempts: (CountryCode | undefined)[] = [region];
  // Without a region from the page: numbers shaped like North American or British ones.
  if (!region) {
    if (digits.length === 10 && /^[2-9]/.test(digits)) attempts.push("US");
    if (/^0\d{9,10}$/.test(digits)) attempts.push("GB");
    if (/^1[2-9]\d{9}$/.test(digits)) attempts.push("US");
  }
  const text = raw.trim().startsWith("00") ? `+${raw.trim().slice(2)}` : raw;
  for (const country of attempts) {
    const parsed = parsePhoneNumberFromString(text, country);
    if (parsed?.isPossible()) return parsed.number;
  }
  return null;
}

function phoneCandidates(
  visitor: IndexedMessage[],
  all: IndexedMessage[],
  policy: CompiledPolicy,
  sensitive: SensitiveSpan[],
  region: CountryCode | undefined,
): (Candidate & { e164: string | null })[] {
  const out: (Candidate & { e164: string | null })[] = [];
  for (const message of visitor) {
    const text = message.body;
    // What every candidate contains, found without the Unicode mode: most messages have none.
    if (!DIGIT_RUN.test(text)) continue;
    const previous = previousBusinessMessage(all, message.index);
    for (const m of text.matchAll(PHONE_CANDIDATE)) {
      let raw = m[0].trim();
      // A closing parenthesis that belongs to the sentence, not the number.
      if (raw.endsWith(")") && !raw.includes("(")) raw = raw.slice(0, -1);
      const start = m.index! + (m[0].length - m[0].trimStart().length);
      const end = start + raw.length;
      const digits = raw.replace(/\D/g, "");
      if (digits.length < 7 || digits.length > 15) continue;
      if (DATE_LIKE.test(raw) || TIME_OR_RANGE.test(raw) || /^\d{3}-\d{2}-\d{4}$/.test(raw)) continue;
      if (/^\d{4}\s?[-–]\s?\d{4}$/.test(raw)) continue; // year ranges
      if (sensitive.some((s) => s.message === message.index && s.start < end && start < s.end)) continue;
      if (NOT_A_PHONE_BEFORE.test(text.slice(Math.max(0, start - 24), start))) continue;
      if (/^[\s(]*\d{1,3}[\s)]*$/.test(raw)) continue;
      const e164 = toE164(raw, region);
      const cue =
        PHONE_CUE.test(contextAround(text, start, end, 40)) ||
        Boolean(previous && testAny([ASKS_PHONE], previous.body));
      if (!e164 && !cue) continue;
      if (!cue && digits.length < 9) continue;
      const otherPerson =
        testAnyIn(policy.contact.otherPerson, textBefore(text, start, 50), text) &&
        !REACH_CUE.test(contextAround(text, start, end, 90));
      out.push({
        value: raw,
        raw,
        message,
        start,
        end,
        e164,
        correction: testAnyIn(policy.contact.correction, text.slice(0, start + 1), text) && out.length > 0,
        otherPerson,
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------- name, company

const NAME_TOKEN = String.raw`[\p{Lu}][\p{L}'’-]*`;
const TITLE_WORD = String.raw`(?:Mr|Mrs|Ms|Miss|Dr|Prof|Barrister|Herr|Frau|Señor|Señora|Sra|Sr|Mme)\.?`;
const NOT_NAMES = new Set(
  (
    "yes no ok okay sure thanks thank hi hello hey dear sir madam team hola bonjour hallo ola ciao good morning " +
    "called named hes shes he she theyre " +
    "afternoon evening sorry not from here just the a an i me my we our you your it its this that please " +
    "interested looking trying writing calling contacting reaching wondering leading working new existing current " +
    "a-ok fine great cool nope yep yeah nah asap urgent help question ceo coo cto cfo founder owner director manager " +
    "customer client patient student parent guardian mr mrs ms dr miss sir prof gmbh llc ltd inc co company " +
    "monday tuesday wednesday thursday friday saturday sunday january february march april june july august " +
    "september october november december english spanish german french polish usa uk us online and und y et e " +
    "barrister attorney solicitor herr frau señor señora sra sr doctor professor prof " +
    "final notice urgent important warning attention alert reminder invoice perfect brilliant lovely done right " +
    "alright cheers great awesome super ok okay tel phone mobile email mail whatsapp dob ref order booking " +
    "guten tag morgen abend buenos buenas dias días tardes noches buongiorno buonasera goedemiddag goedemorgen " +
    "dzień dobry merhaba olá oi hej bom dia boa tarde salut ciao i'd i'll i've i'm id ill ive im"
  ).split(" "),
);

const TITLE =
  /^(?:mr|mrs|ms|miss|dr|prof|professor|sir|dame|barrister|attorney|solicitor|herr|frau|señor|señora|sr|sra|mme|m|mlle)\.?\s+/iu;

function cleanName(candidate: string): string | null {
  const trimmed = candidate
    .replace(/[.,;:!?)\]]+$/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(TITLE, "");
  const tokens = trimmed.split(" ").filter(Boolean);
  if (tokens.length === 0 || tokens.length > 4) return null;
  if (tokens.some((t) => NOT_NAMES.has(t.toLowerCase().replace(/[.'’]/g, "")) || /\d|@/.test(t))) return null;
  if (tokens.some((t) => !/^[\p{L}][\p{L}'’.-]*$/u.test(t))) return null;
  if (trimmed.length < 2 || trimmed.length > 60) return null;
  return trimmed;
}

const INTRO_PREFIX =
  /^\s*(?:(?:hi|hello|hey|hola)[,!. ]+)?(?:it'?s |its |i'?m |im |i am |my name is |chamo-me |me chamo |mijn naam is |ik heet |mein name ist |my name'?s |name:? |this is |me llamo |mi nombre es |soy |ich bin |ich hei[sß]e |je m'appelle |je suis |meu nome [eé] |sou |mi chiamo |sono |ik ben |nazywam si[eę] |mam na imi[eę] )?/iu;

/** A direct answer to "what's your name?": the first part (before a comma, dash, email or number) that is a name. */
function nameFromAnswer(text: string): { value: string; start: number } | null {
  const prefix = INTRO_PREFIX.exec(text)?.[0] ?? "";
  const rest = text.slice(prefix.length);
  const parts = rest.split(
    /[,;\n]|\s[-–—]\s|\s+(?:and|y|und|et|e)\s+(?:my|mi|meine|mon|meu)\b|\s(?=\S+@)|\s(?=\+?\(?\d)|\.\s|\s(?:here|from|at|with)\b/iu,
  );
  for (const part of parts.slice(0, 3)) {
    const value = cleanName(part ?? "");
    if (value) return { value, start: prefix.length + rest.indexOf(part!.trim()) };
  }
  return null;
}

const INTRO_WORDS = String.raw`(?:[Mm]y [Nn]ame is|[Mm]y [Nn]ame'?s|[Nn]ame is|[Nn]ame'?s|[Nn]ame:|[Ii]'?m|[Ii] am|[Tt]his is|[Ii]t'?s|[Ii]ts|[Mm]e llamo|[Mm]i nombre es|[Ii]ch hei[sß]e|[Jj]e m'appelle|[Mm]eu nome [eé]|[Mm]i chiamo|[Nn]azywam si[eę]|[Cc]hamo-me|[Mm]e chamo|[Mm]ijn naam is|[Ss]oy|[Ss]ou|[Ss]ono|[Nn]aam:|[Nn]ombre:|[Nn]om:|[Nn]ome:|[Ii]mi[eę]:|[Ii]mi[eę] i nazwisko:|[Aa]d[ıi] ?[Ss]oyad[ıi]:|[Nn]ame was|[Nn]ame on (?:the|it) (?:is|was)|(?:[Bb]ooking|[Rr]eservation|[Oo]rder|[Tt]able|[Ii]t)(?: is| was|'s)? (?:under|in the name of)|[Aa]sk(?:ing)? for|[Ss]ou (?:a|o)|[Nn]ame:(?:\s*<[^>]+>)*|[Ii]k heet|[Mm]ein [Nn]ame ist|[Ii]o sono|[Mm]i chiamo|[Jj]estem|under the name|in the name of|em nome de|a nombre de|au nom de|auf den [Nn]amen|a nome di|op naam van)`;
// "Anneke de Vries", "Ludwig van Dijk": particles between the capitalised parts.
const NAME_WITH_PARTICLES = String.raw`${NAME_TOKEN}(?:[ \t]+(?:(?:de|da|van|von|der|den|di|du|del|della|dos|das|le|bin|ten|ter)[ \t]+){0,2}${NAME_TOKEN}){0,2}`;
const SELF_INTRO = new RegExp(String.raw`\b${INTRO_WORDS}\s+((?:${TITLE_WORD}\s+)?${NAME_WITH_PARTICLES})`, "gu");
// German capitalises nouns ("ich bin Entwicklerin"): there, only a first and last name will do.
const GERMAN_INTRO = new RegExp(String.raw`\b[Ii]ch bin\s+(${NAME_TOKEN}[ \t]+${NAME_TOKEN})`, "gu");
// "Tom Baker from Baker & Sons. We need …": a full name opening a sentence, then where they are from.
const FROM_INTRO = new RegExp(
  String.raw`(?:^|[.!?\n]\s*)(${NAME_TOKEN}(?:[ \t]+${NAME_TOKEN}){1,2})\s+(?:from|at)\s+(?=[\p{Lu}\d])`,
  "gu",
);
const HERE_INTRO = new RegExp(
  String.raw`(?:^|[.!?\n]\s*|[,(—–-]\s*)(${NAME_TOKEN}(?:[ \t]+${NAME_TOKEN}){0,2})\s+here\b`,
  "gu",
);
const SIGNATURE = new RegExp(
  String.raw`(?:^|\n|\s)[-–—~]\s*(${NAME_TOKEN}(?:[ \t]+${NAME_TOKEN}){0,2})(?:\s*,[^\n]{0,40})?\s*$`,
  "u",
);
const PIPE_SIGNATURE = new RegExp(String.raw`(?:^|\n)\s*(${NAME_TOKEN}(?:[ \t]+${NAME_TOKEN}){0,2})\s*\|`, "u");
const CLOSING = new RegExp(
  String.raw`\b(?:[Rr]egards|[Bb]est|[Tt]hanks|[Tt]hank you|[Cc]heers|[Ss]incerely|[Yy]ours|[Mm]it freundlichen [Gg]r[uü][sß]en|[Vv]iele [Gg]r[uü][sß]e|[Cc]ordialement|[Bb]ien [àa] vous|[Ss]aludos|[Aa]tentamente|[Cc]umprimentos|[Aa]tenciosamente|[Dd]istinti saluti|[Cc]ordiali saluti|[Mm]et vriendelijke groet|[Pp]ozdrawiam)(?:[,.!]*\s*\n+\s*|,[ \t]+)((?:${TITLE_WORD}\s+)?${NAME_TOKEN}(?:[ \t]+${NAME_TOKEN}){0,2})(?=[ \t]*(?:$|\n|[—–,.|(-]|\S+@|\+?\d))`,
  "u",
);
const SIGN_OFF_COMPANY = new RegExp(
  String.raw`${CLOSING.source}[ \t]*\n[ \t]*([^\n]{2,60}?)[ \t]*(?:\n[^\n]*(?:@|\d{5}|https?:|www\.)[^\n]*)*\s*$`,
  "u",
);
const DUMP = new RegExp(
  String.raw`^\s*(${NAME_TOKEN}(?:[ \t]+${NAME_TOKEN}){1,2})\s*(?:[,.;:(—–-]|\s(?=\S+@))(?=[^\n]*(?:@|\d{3}))`,
  "u",
);
// "yes pls. Karen Whitfield 0113 496 0572", "sure — Sam Okafor, sam@…", "…0139. Takeshi Nakamura"
const INLINE_DUMP = new RegExp(
  String.raw`(?:[.!?]\s+|\b(?:yes|yep|ye|yh|yeah|yea|sure|ok|okay|claro|s[iíì]|oui|ja|sim|tak|perfect|great|please|pls|thanks)[,.!]*\s+[—–-]?\s*|[—–]\s*)(${NAME_TOKEN}(?:[ \t]+${NAME_TOKEN}){1,2})(?=\s*(?:[,.;:—–-]|\(|$)|\s+\+?\(?\d|\s+\S+@)`,
  "gu",
);
const LAST_LINE_NAME = new RegExp(
  String.raw`(?:[.!]\s+|\n\s*)(${NAME_TOKEN}(?:[ \t]+${NAME_TOKEN}){0,2})\s*[.!]?\s*$`,
  "u",
);
// "<p>Name: <b>Gregory Hale</b></p>"
const HTML_NAME = new RegExp(String.raw`\b[Nn]ame:\s*(?:<[^>]+>\s*)+(${NAME_TOKEN}(?:[ \t]+${NAME_TOKEN}){1,2})`, "u");
// "Sophie Marlow is the name"
const NAME_IS = new RegExp(String.raw`(${NAME_TOKEN}(?:[ \t]+${NAME_TOKEN}){0,2})[ \t]+is (?:the|my) name\b`, "u");
const ECHOED_LAST_NAME = new RegExp(
  String.raw`(?:[.!?]\s+|\n\s*|^\s*)(${NAME_TOKEN}(?:[ \t]+${NAME_TOKEN}){0,2})[ \t]*[.!]?\s*$`,
  "u",
);
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const HAS_CONTACT = /@|\d{3}[\s.-]?\d{3}|(?:\d[\s.-]?){7,}|\(at\)|\bat\b.+\bdot\b|\b(?:dob|d\.o\.b|date of birth)\b/i;
// "Kwame, kwame.mensah@…", "ok yeah. Dean, 07700 900741": a lone first name right before the details.
const SINGLE_NAME_DUMP = new RegExp(
  String.raw`(?:^|[.!?]\s+|\b(?:yes|yeah|yep|sure|ok|okay|please|pls)[,.!]*\s+)(${NAME_TOKEN}),[ \t]*(?=\S+@|\+?\(?\d)`,
  "u",
);
// "…ring me on 07700 900318, Mark Ellison": a full name after the details, at the end.
const NAME_AFTER_DETAILS = new RegExp(
  String.raw`(?:\d|\S@\S+)[ \t]*[,—–-][ \t]*(${NAME_TOKEN}(?:[ \t]+${NAME_TOKEN}){1,2})[ \t]*[.!]?\s*$`,
  "u",
);

const COMPANY_TOKEN = String.raw`[\p{Lu}\d][\p{L}\d&'’+-]*(?:\.(?=[\p{L}]))?[\p{L}\d&'’+-]*`;
const COMPANY_NAME = String.raw`${COMPANY_TOKEN}(?:\s+(?:(?:&|and|of|the|van|von|de)(?![\p{L}])|${COMPANY_TOKEN})){0,4}`;
const LINE_COMPANY_NAME_CS = String.raw`${COMPANY_TOKEN}(?:[ \t]+(?:(?:&|and|of|the|van|von|de)(?![\p{L}])|${COMPANY_TOKEN})){0,4}`;
const LEGAL_FORM_CS = String.raw`(?:Sp\. z o\.o\.|S\.A\.|S\.L\.|GmbH|AG|B\.V\.|BV|N\.V\.|S\.r\.l\.|SRL|SARL|SAS|Ltda\.?|Lda\.?|Oy|AB|ApS|Kft\.?|S\.p\.A\.|Pty Ltd|Inc\.?|LLC|Ltd\.?|PLC|LLP|Limited|Corp\.?)`;
const ROLE_AT_COMPANY = new RegExp(
  String.raw`\b(?:ceo|coo|cto|cfo|cmo|founder|co-?founder|owner|director|manager|head of [\p{L} ]{2,25}?|vp of [\p{L} ]{2,25}?|lead|partner|president|reporter|editor|journalist|engineer|consultant|buyer|procurement|marketing|operations|[\p{L}-]+ (?:manager|director|lead|coordinator|officer|specialist))\s+(?:at|of|with|for|@)\s+(${COMPANY_NAME})`,
  "giu",
);
// "Ravi Chandran, Pellow Engineering": after a full name, a name that ends like a business.
const NAME_COMMA_COMPANY = new RegExp(
  String.raw`${NAME_TOKEN}[ \t]+${NAME_TOKEN},[ \t]*(${LINE_COMPANY_NAME_CS}(?:,?[ \t]+${LEGAL_FORM_CS})?)`,
  "gu",
);
const PAREN_AFTER_ACCOUNT = new RegExp(
  String.raw`\b(?:retainer|contract|account|plan|subscription|membership|client|customer)s?\s*\((${LINE_COMPANY_NAME_CS})\)`,
  "gu",
);
const ACCOUNT_UNDER = new RegExp(
  String.raw`\b(?:account|acct|a\/c|contract|subscription|retainer|membership)(?: is| was|'s)? (?:under|in the name of|registered to) (${COMPANY_NAME})`,
  "giu",
);
const CLIENT_PAREN = new RegExp(String.raw`\b(?:client|customer|member)s?\s*\((${COMPANY_NAME})`, "giu");
const HERE_FROM = new RegExp(
  String.raw`${NAME_TOKEN}[ \t]+here,?\s+(?:[—–-]\s+)?(?:from|at|with)\s+(${COMPANY_NAME})`,
  "gu",
);
const COMPANY_LABEL = new RegExp(
  String.raw`\b(?:company|business|firm|organi[sz]ation|empresa|firma|entreprise)(?:\s+name)?\s*(?:is|:|=|-)\s*(${COMPANY_NAME})`,
  "giu",
);
const WE_ARE = new RegExp(
  String.raw`\b(?:we are|we'?re|i work (?:at|for)|i'?m with|on behalf of)\s+(${COMPANY_NAME}(?:\s+(?:gmbh|ltd|llc|inc|co|corp|ag|sa|bv|plc|pty))?)(?=\s*[,(.]|\s+(?:a|an|and)\b)`,
  "gu",
);
const BUSINESS_NOUN = String.raw`(?:company|firm|business|agency|practice|studio|startup|start-up|group|brand|shop|store|charity|nonprofit|non-profit|school|restaurant|clinic|team|client|customer|member|klant(?: bij jullie)?|cliente|kunde)`;
const NOUN_THEN_NAME = new RegExp(String.raw`\b${BUSINESS_NOUN}s?\s*(?:\(|,\s+|[—–-]\s+)(${COMPANY_NAME})`, "giu");
const I_RUN = new RegExp(
  String.raw`\b[Ii] (?:run|own|manage|founded|started|co-?founded|lead)\s+(${COMPANY_NAME})`,
  "gu",
);
const NAME_FROM = new RegExp(
  String.raw`\b(?:[Ii]'?m|[Ii]t'?s|[Ii]ts|[Tt]his is)\s+${NAME_TOKEN}(?:[ \t]+${NAME_TOKEN})?\s+(?:from|at|with|of)\s+(${COMPANY_NAME})`,
  "gu",
);
const OPENING_NAME_FROM = new RegExp(
  String.raw`(?:^|[.!?\n]\s*)${NAME_TOKEN}(?:[ \t]+${NAME_TOKEN}){1,2}\s+(?:from|at)\s+(${COMPANY_NAME})`,
  "gu",
);
const PAREN_SIZE = new RegExp(
  String.raw`\((${COMPANY_NAME}),\s*(?:~|about|approx\.?|around|c\.)?\s*\d+\+?\s*(?:people|employees|staff|users|person|ppl)`,
  "gu",
);
const AT_COMPANY_SIZE = new RegExp(
  String.raw`\bat\s+(${COMPANY_NAME})\s*\((?:approx\.?|~|about|around|c\.)?\s*\d`,
  "gu",
);
// Forms written with inner full stops keep their last one ("Sp. z o.o."); "Ltd." at a sentence end does not.
const LEGAL_FORM_END = /(?:\bsp\. z o\.o|\bs\.a|\bs\.l|\bb\.v|\bn\.v|\bs\.p\.a|\bs\.r\.l|\bs\.a\.s|\bs\.a\.r\.l)\.$/i;
const LEGAL_FORM = String.raw`(?:Sp\. z o\.o\.|S\.A\.|S\.L\.|GmbH|AG|B\.V\.|BV|N\.V\.|S\.r\.l\.|SRL|SARL|SAS|Ltda\.?|Lda\.?|Oy|AB|ApS|Kft\.?|S\.p\.A\.|Pty Ltd|Inc\.?|LLC|Ltd\.?|PLC|LLP|Limited|Corp\.?)`;
const LEGAL_SUFFIX =
  /\b(?:gmbh|ltd|llc|inc|co|corp|ag|sa|bv|plc|pty|group|holdings|limited|partners|associates|studio|labs|solutions|systems|supply|supplies|logistics|foods|dental|clinic|media|consulting|weekly|engineering|construction|analytics|design|architects|accountancy|accountants|solicitors|marketing|motors|electrical|plumbing|heating|roofing|cleaning|services|agency|digital|software|technologies|tech|wheelers|bakery|brewery|farms?|trading|industries|manufacturing|capital|ventures|properties|estates|lettings|transport|haulage|interiors|landscaping|builders|pharmacy|vets?|fitness|academy|school|college|foundation|trust|charity)\b\.?$/iu;
const PLACES = new Set(
  "poland nigeria germany spain france italy mexico brazil canada usa america england scotland wales ireland india china japan munich berlin london paris madrid toronto texas california dallas portland boston chicago".split(
    " ",
  ),
);

const I_RUN_A = new RegExp(
  String.raw`\b[Ii] (?:run|own|manage|have|founded|started) (?:a|an|my|our) (?:[\p{L}-]+ ){0,3}(?:firm|company|business|practice|agency|studio|shop|startup|restaurant|salon|clinic|bakery|caf[eé])(?: (?:in|based in|out of) ${NAME_TOKEN})?,?[ \t]+(?:called |named )?(${COMPANY_NAME})`,
  "gu",
);
const JOB_TITLE =
  /\b(?:manager|director|head of|officer|assistant|coordinator|lead|founder|owner|ceo|cfo|cto|coo|partner|consultant|engineer|procurement|finance|marketing|operations|accountant|architect|self-employed|freelance)\b/i;
const WEBMAIL =
  /^(?:gmail|googlemail|outlook|hotmail|live|msn|yahoo|ymail|aol|icloud|me|mac|proton|protonmail|pm|gmx|web|mail|email|inbox|zoho|fastmail|btinternet|btmail|sky|virginmedia|orange|free|wanadoo|laposte|libero|t-online|wp|onet|o2|interia|seznam|yandex|qq|163|rediffmail|uol|bol|terra|correo|courriel|posteo|tutanota|hey|example|uni-mail|student|students|alumni)$/;
// On one line: a sign-off's name and the company under it are two phrases.
const LINE_COMPANY_NAME = String.raw`${COMPANY_TOKEN}(?:[ \t]+(?:(?:&|and|of|the|van|von|de)(?![\p{L}])|${COMPANY_TOKEN})){0,4}`;
const COMPANY_NAME_SHORTEST = String.raw`${COMPANY_TOKEN}(?:[ \t]+(?:(?:&|and|of|the|van|von|de)(?![\p{L}])|${COMPANY_TOKEN})){0,4}?`;
const CAPITALISED_PHRASE = new RegExp(
  String.raw`${COMPANY_NAME_SHORTEST},?[ \t]+${LEGAL_FORM}(?![\p{L}])|${LINE_COMPANY_NAME}`,
  "gu",
);
const squash = (text: string) =>
  text
    .replace(/&/g, "and")
    .replace(/ä/gi, "ae")
    .replace(/ö/gi, "oe")
    .replace(/ü/gi, "ue")
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");

/**
 * "callum.reid@lochside-analytics.example … put it under Lochside Analytics": a capitalised phrase
 * the visitor wrote that spells their email's domain is their company. Webmail domains say nothing.
 */
function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function companyFromEmailDomain(
  visitor: IndexedMessage[],
  emails: string[],
  name: string | null,
  brand: string | null,
  sensitive: SensitiveSpan[],
): Finding<string> | null {
  const labels = [
    ...new Set(
      emails
        .map((e) => e.split("@")[1]?.split(".")[0]?.toLowerCase() ?? "")
        .filter((l) => !WEBMAIL.test(l))
        .map(squash)
        .filter((l) => l.length >= 4 && l !== brand),
    ),
  ];
  if (labels.length === 0) return null;
  const person = name ? squash(name) : null;
  for (const message of visitor) {
    for (const m of message.body.matchAll(CAPITALISED_PHRASE)) {
      const phrase = m[0].trim();
      const before = message.body[m.index! - 1] ?? "";
      if (before === "@" || before === "." || /^[\p{L}\d-]+\.[a-z]{2,}$/iu.test(phrase)) continue;
      const words = phrase.split(/[ \t]+/);
      const flat = squash(phrase);
      // "Hebden Valley Wheelers" at hvwheelers.example; "Koru Lojistik'ten" at korulojistik.example.
      const variants = [
        flat,
        squash(phrase.replace(/['’]\p{L}{1,4}$/u, "")),
        ...(words.length >= 3
          ? [
              squash(
                words
                  .slice(0, -1)
                  .map((w) => w[0])
                  .join("") + words.at(-1),
              ),
            ]
          : []),
      ];
      if (!flat || (person && person.includes(flat))) continue;
      if (sensitive.some((x) => x.message === message.index && x.start < m.index! + phrase.length && m.index! < x.end))
        continue;
      const fits = variants.some((v) =>
        labels.some((l) => commonPrefix(v, l) >= Math.max(5, Math.ceil(Math.min(l.length, v.length) * 0.6))),
      );
      if (!fits) continue;
      const value = cleanCompany(phrase.replace(/['’](?!s$)\p{L}{1,4}$/u, ""), brand);
      if (value) return finding(value, message, m.index!, m.index! + value.length);
    }
  }
  return null;
}

/** The line under the name in a letter's sign-off: "Kind regards,\nDr Femi Okonjo\nStudio Okonjo Architects". */
function companyFromSignOff(visitor: IndexedMessage[], brand: string | null): Finding<string> | null {
  for (const message of visitor) {
    const m = SIGN_OFF_COMPANY.exec(message.body);
    if (!m) continue;
    const raw = m[m.length - 1]!;
    let line = raw.trim();
    const start = m.index! + m[0].lastIndexOf(raw);
    const split = /^(.*?)(?:,\s+|\s+at\s+|\s+[|·–—-]\s+)(.+)$/u.exec(line);
    let offset = 0;
    if (split && JOB_TITLE.test(split[1]!)) {
      offset = line.indexOf(split[2]!);
      line = split[2]!;
    } else if (JOB_TITLE.test(line)) continue;
    if (/@|\d{4}|https?:|www\./i.test(line)) continue;
    const value = cleanCompany(line, brand);
    if (value && value.split(/\s+/).length <= 6)
      return finding(value, message, start + offset, start + offset + value.length);
  }
  return null;
}

function cleanCompany(raw: string, businessBrand: string | null): string | null {
  let value = raw
    .replace(/\s+/g, " ")
    .replace(/[.,;:]+$/, "")
    .trim();
  value = value
    .replace(/\s+(?:and|the|of)$/i, "")
    .replace(/\s+(?:team|staff|crew)$/i, "")
    .trim();
  // "BudMar Sp. z o.o.", "Acme Inc.": a legal form keeps its full stop.
  if (LEGAL_FORM_END.test(`${value}.`) && raw.trim().startsWith(`${value}.`)) value = `${value}.`;
  if (!value || value.length < 2 || value.length > 60) return null;
  if (PLACES.has(value.toLowerCase())) return null;
  // The patterns are case-insensitive for their cue words; a company name itself is capitalised.
  if (!/^[\p{Lu}\d]/u.test(value) || /^\d{1,2}(?::\d{2})?\s?(?:am|pm)?$/i.test(value)) return null;
  if (NOT_NAMES.has(value.toLowerCase())) return null;
  if (
    businessBrand &&
    value
      .toLowerCase()
      .replace(/[^a-z0-9]/g, "")
      .includes(businessBrand)
  )
    return null;
  return value;
}

function brandOf(pageUrl: string | null | undefined): string | null {
  if (!pageUrl) return null;
  try {
    const host = new URL(pageUrl).hostname.replace(/^www\./, "").split(".");
    const main = host.length > 2 ? host[host.length - 2]! : host[0]!;
    return main.replace(/[^a-z0-9]/g, "") || null;
  } catch {
    return null;
  }
}

function finding<T>(value: T, message: IndexedMessage, start: number, end: number): Finding<T> {
  return { value, evidence: [evidenceOf(message, start, end)] };
}

prefilterBuiltIn(ASKS_NAME, ASKS_PHONE, ASKS_COMPANY);

const INTRODUCTIONS = [SELF_INTRO, GERMAN_INTRO, HERE_INTRO, FROM_INTRO];
/** Names in structure: a form, a sign-off, a signature, a dump of details. */
const NAME_LAYOUTS = [HTML_NAME, NAME_IS, CLOSING, SIGNATURE, PIPE_SIGNATURE, DUMP];
const NAME_LAYOUTS_WITH_DETAILS = [INLINE_DUMP, NAME_AFTER_DETAILS, LAST_LINE_NAME, SINGLE_NAME_DUMP];
const COMPANY_PATTERNS = [
  COMPANY_LABEL,
  ROLE_AT_COMPANY,
  CLIENT_PAREN,
  HERE_FROM,
  NAME_FROM,
  OPENING_NAME_FROM,
  I_RUN,
  I_RUN_A,
  ACCOUNT_UNDER,
  PAREN_AFTER_ACCOUNT,
  NAME_COMMA_COMPANY,
  NOUN_THEN_NAME,
  PAREN_SIZE,
  AT_COMPANY_SIZE,
  WE_ARE,
];

// Most messages hold no introduction or company name: the prefilter skips these patterns unless
// the words they need are there.
prefilterBuiltIn(...INTRODUCTIONS, ...NAME_LAYOUTS, ...NAME_LAYOUTS_WITH_DETAILS, ...COMPANY_PATTERNS);

export function extractContact(
  messages: IndexedMessage[],
  policy: CompiledPolicy,
  sensitive: SensitiveSpan[],
  page: { pageUrl?: string | null; locale?: string | null },
): Contact {
  const visitor = messages.filter((m) => m.role === "visitor");

  const email = pick(emailCandidates(visitor, policy));
  const region = inferRegion(page.pageUrl, page.locale);
  const phoneCandidatesFound = phoneCandidates(visitor, messages, policy, sensitive, region);
  const phonePick = pick(phoneCandidatesFound);
  const phone: PhoneFinding | null = phonePick
    ? { ...finding(phonePick.value, phonePick.message, phonePick.start, phonePick.end), e164: phonePick.e164 }
    : null;

  // Name: an answer to "what's your name?", then introductions, sign-offs and contact lines.
  let name: Finding<string> | null = null;
  for (const message of visitor) {
    const previous = previousBusinessMessage(messages, message.index);
    if (previous && testAny([ASKS_NAME], previous.body)) {
      SELF_INTRO.lastIndex = 0;
      const intro = SELF_INTRO.exec(message.body);
      const introName = intro && cleanName(intro[1]!);
      const answer =
        intro && introName
          ? {
              value: introName,
              start: intro.index + intro[0].lastIndexOf(intro[1]!) + intro[1]!.lastIndexOf(introName),
            }
          : nameFromAnswer(message.body);
      if (answer) {
        name = finding(answer.value, message, answer.start, answer.start + answer.value.length);
        if (!testAny(policy.contact.correction, message.body)) break;
      }
    }
  }
  if (!name) {
    outer: for (const message of visitor) {
      const text = message.body;
      for (const re of INTRODUCTIONS) {
        if (!mayMatch(re, text)) continue;
        re.lastIndex = 0;
        for (const m of text.matchAll(re)) {
          const value = cleanName(m[1]!);
          if (!value) continue;
          const start = m.index! + m[0].lastIndexOf(m[1]!) + m[1]!.lastIndexOf(value);
          name = finding(value, message, start, start + value.length);
          break outer;
        }
      }
      const structured = HAS_CONTACT.test(text) ? [...NAME_LAYOUTS, ...NAME_LAYOUTS_WITH_DETAILS] : NAME_LAYOUTS;
      for (const re of structured) {
        if (!mayMatch(re, text)) continue;
        re.lastIndex = 0;
        const m = re.global ? text.matchAll(re).next().value : re.exec(text);
        const value = m && cleanName(m[1]!);
        if (m && value) {
          const start = m.index! + m[0].lastIndexOf(m[1]!) + m[1]!.lastIndexOf(value);
          name = finding(value, message, start, start + value.length);
          break outer;
        }
      }
      // "…Thursday afternoon? Terry Doyle" with no details: a name the business then greets by.
      const signed = ECHOED_LAST_NAME.exec(text);
      const value = signed && cleanName(signed[1]!);
      const reply = messages.slice(message.index + 1).find((m) => m.role !== "visitor");
      const first = value ? escapeRegExp(value.split(" ")[0]!) : "";
      const offered = messages
        .slice(0, message.index)
        .some((m) => m.role !== "visitor" && new RegExp(String.raw`(?<!\p{L})${first}(?!\p{L})`, "iu").test(m.body));
      if (
        signed &&
        value &&
        reply &&
        !offered &&
        new RegExp(
          String.raw`(?:hi|hello|hey|thanks|thank you|dear|welcome|great|ok|okay|sure|perfect|lovely|got it|noted|cheers),?\s+${first}(?!\p{L})|^${first}(?!\p{L})`,
          "iu",
        ).test(reply.body)
      ) {
        const start = signed.index! + signed[0].lastIndexOf(signed[1]!);
        name = finding(value, message, start, start + value.length);
        break outer;
      }
    }
  }

  // Company: an answer to "which company?", or the company named beside a role or an introduction.
  const brand = brandOf(page.pageUrl);
  let company: Finding<string> | null = null;
  for (const message of visitor) {
    const previous = previousBusinessMessage(messages, message.index);
    if (previous && testAny([ASKS_COMPANY], previous.body) && testAny([ASKS_NAME], previous.body)) {
      // "Stefanie Brandt, s.brandt@…, Möbelwerk Online GmbH": the listed part that is neither the name nor a detail.
      const parts = message.body.split(/\s*[,;\n]\s*|\s+[—–-]\s+/);
      const own = name?.value.toLowerCase();
      for (const part of parts) {
        const trimmed = part.trim().replace(/[.!]+$/, (dots) => (LEGAL_FORM_END.test(part.trim()) ? dots : ""));
        if (!trimmed || /@|\d{4}|\bhttps?:/.test(trimmed) || !/^[\p{Lu}\d]/u.test(trimmed)) continue;
        if (own && (trimmed.toLowerCase() === own || own.includes(trimmed.toLowerCase()))) continue;
        if (cleanName(trimmed) && !LEGAL_SUFFIX.test(trimmed) && trimmed.split(" ").length <= 3 && !own) continue;
        if (JOB_TITLE.test(trimmed) && !/\s(?:at|@)\s/.test(trimmed)) continue;
        const value = cleanCompany(trimmed.replace(/^.*\s(?:at|@)\s+/i, ""), brand);
        if (value && value.split(" ").length <= 6) {
          const start = message.body.indexOf(value);
          company = finding(value, message, Math.max(0, start), Math.max(0, start) + value.length);
          break;
        }
      }
      if (company) break;
    }
    if (previous && testAny([ASKS_COMPANY], previous.body) && !testAny([ASKS_NAME], previous.body)) {
      const head = message.body
        .split(/[,\n]|\.\s/)[0]!
        .replace(/^\s*(?:it'?s|we'?re|we are|i'?m with|company:?)\s+/i, "");
      const value = cleanCompany(head, brand);
      if (value && value.split(" ").length <= 6) {
        const start = message.body.indexOf(value);
        company = finding(value, message, Math.max(0, start), Math.max(0, start) + value.length);
        break;
      }
    }
  }
  if (!company) {
    outer: for (const message of visitor) {
      for (const re of COMPANY_PATTERNS) {
        if (!mayMatch(re, message.body)) continue;
        re.lastIndex = 0;
        for (const m of message.body.matchAll(re)) {
          let raw = m[1]!;
          // Keep at most a name and its legal suffix: "LingoBuddy GmbH", not the sentence after it.
          raw = raw.split(/\s+(?:—|–|-|is|are|was|were|has|have|and we|we)\s+|\.\s/u)[0]!;
          // Case-insensitive cue words let lower-case words in: a name stops at the first of them.
          raw = raw.replace(
            /(?:\s+(?!(?:and|of|the|van|von|de|du|da|del|der|den|&)\s)[\p{Ll}][\p{L}'’-]*(?:\s+.*)?)$/u,
            "",
          );
          if (re === WE_ARE && !LEGAL_SUFFIX.test(raw) && !/[\p{Lu}].*[\p{Lu}]/u.test(raw)) continue;
          if (re === NAME_COMMA_COMPANY && !LEGAL_SUFFIX.test(raw)) continue;
          const value = cleanCompany(raw, brand);
          if (!value) continue;
          const start = m.index! + m[0].indexOf(m[1]!);
          company = finding(value, message, start, start + value.length);
          break outer;
        }
      }
    }
  }

  if (!company) company = companyFromSignOff(visitor, brand);
  if (!company)
    company = companyFromEmailDomain(
      visitor,
      emailCandidates(visitor, policy).map((c) => c.value),
      name?.value ?? null,
      brand,
      sensitive,
    );

  return {
    name,
    email: email ? finding(email.value, email.message, email.start, email.end) : null,
    phone,
    company,
  };
}
