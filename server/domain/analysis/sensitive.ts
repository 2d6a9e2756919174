import { subjectFor } from "./fold";
import { mayMatch } from "./prefilter";
import { builtInPattern, type CompiledPolicy } from "./policy";
import { byRole, sentences, testAny, testAnyIn, type IndexedMessage } from "./text";
import type { SensitiveKind, SensitiveSpan } from "./types";

// Sensitive data in the visitor's messages, as spans to mask wherever the transcript is shown or
// logged. Numbers are checked, not just shaped: cards pass Luhn, IBANs pass mod 97.

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

export function isValidIban(candidate: string): boolean {
  const iban = candidate.replace(/\s+/g, "").toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = ch >= "A" && ch <= "Z" ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}

const CARD = /(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])/g;
// Named as a card, a number is a card number even when mistyped (it fails Luhn but is still shared).
const NAMED_CARD =
  /\b(?:visa|mastercard|master card|amex|american express|maestro|discover|card|debit|credit)\b[^.!?\n\d]{0,20}$/i;
// "This is my card number, maybe you can check it: 4929 …": the words that name it further back.
const CARD_NUMBER_NAMED =
  /\b(?:card|kaart|karte|tarjeta|carte) ?(?:number|no\.?|num|#|details|nummer|numero|número)\b[^.!?\n\d]{0,60}$/i;
// A number followed by its expiry or security code is a card, whatever it is called.
const EXPIRY_AFTER =
  /^[^\n]{0,15}\b(?:exp(?:iry|ires|iration|\.)?|valid (?:thru|through|until)|cvv|cvc|security code)\b/i;
// A dose ("sertraline 100mg", "5 mg of ramipril") is someone's medication: a health detail.
const DOSE = /\b\d+(?:[.,]\d+)?\s?(?:mg|mcg|µg|micrograms?|milligrams?)\b/gi;
// A password typed out without "my password is": a token of letters, digits and a symbol, or of
// both cases and digits, in a message about logging in.
const CREDENTIALS =
  /\b(?:password|passwort|passcode|pwd|log ?in|credentials|sign(?:ing)? in|contrase[nñ]a|mot de passe|senha)\b/i;
const PASSWORD_LIKE =
  /(?<![\w@./#!$%^&*+=?~|-])(?:(?=[^\s]*[a-z])(?=[^\s]*\d)(?=[^\s]*[#!$%^&*+=?~|])[^\s@/,;:()"']{6,40}|(?=[A-Za-z\d]*[a-z])(?=[A-Za-z\d]*[A-Z])(?=[A-Za-z\d]*\d)[A-Za-z\d]{8,40})(?![\w@/])/g;
const IBAN = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b/gi;
const SSN = /(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])/g;
const UK_NI = /\b[A-CEGHJ-PR-TW-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b/g;

// Health details about a person: conditions, symptoms, injuries, treatment. Pets are not people.
const HEALTH = builtInPattern(
  /\b(?:dyslexi\w*|amh|pcos|endometriosis|infertil\w*|iui|blood tests?|smear test|biopsy|hormone levels?|sperm count|dyspraxi\w*|dyscalculi\w*|tdah|tdha|adhs|autisme|autismo|learning (?:difficult|disabilit)\w*|(?:ate|eaten|swallowed|took|taken|overdosed on) (?:some |a few |several |all )?(?:of )?(?:the |my |his |her |\d+ )?(?:[a-z]+ )?(?:tablets|pills|capsules)|chest pains?|(?:hurt|injured|twisted|sprained|broke|broken|pulled|tore|torn|dislocated) (?:my|his|her) (?:[a-z]+ )?(?:knee|back|ankle|wrist|shoulder|hip|neck|arm|leg|foot|hand|elbow|hamstring|acl|muscle|calf)|acl|mcl|copd|emphysema|sciatica|tendinitis|tendonitis|tendinite|tendinopathy|physio(?:therapy)?|rehab|crutches|hip replacement|heart (?:attack|condition|problems?|disease)|blood pressure|high blood|presi[oó]n alta|diabet(?:es|ic)|diab[ée]tic[oa]s?|diab[eé]tique|cel[ií]ac[oa]s?|c[oe]eliac|celiaquia|zöliakie|diabete|asthma|cancer|tumou?r|chemo\w*|pregnan(?:t|cy)|embarazada|schwanger|enceinte|gr[aá]vida|incinta|zwanger|w ci[aą][zż]y|miscarriage|injur(?:y|ies|ed)|broke (?:my|his|her) \w+|broken (?:arm|leg|wrist|ankle|bone|rib|nose|tooth|jaw|hip)|fractur\w+|sprain\w*|bleeding|stitches|tetanus|tooth (?:knocked|pain|ache)|toothache|knocked out|cavity|abscess|infection|fever|covid|allerg(?:y|ies|ic)|alergia|allergie|allergia|anaphyla\w*|epilep\w+|seizures?|stroke|depress(?:ion|ed)|anxiety|panic attacks?|adhd|autis\w+|disabilit(?:y|ies)|disabled|wheelchair|silla de ruedas|rollstuhl|fauteuil roulant|cadeira de rodas|sedia a rotelle|rolstoel|w[oó]zek inwalidzki|surgery|cirug[ií]a|chirurgie|cirurgia|intervento|operaci[oó]n|operation (?:on|at)|operatie|operacja|hip replacement|knee replacement|hospital(?:i[sz]ed)?|diagnos\w+|prescription|medication|medicine|meds|medicamento|medikament\w*|m[ée]dicament\w*|rem[eé]dio|farmac\w+|medicijn\w*|insulin|losart[aá]n|antibiotics|therapy|therapist|mental health|hiv|hepatitis|migraines?|arthritis|dementia|alzheimer\w*|h[uü]ft-?op\w*|knie-?op\w*|\w+-op\b|operiert|physiotherapie|krankengymnastik|parkinson'?s|tinnitus|hearing (?:loss|aids?|impair\w*)|deaf(?:ness)?|sight loss|cataracts?|glaucoma|macular|osteoporosis|incontinen\w+|dialysis|multiple sclerosis|eczema|psoriasis|appendicitis|numb(?:ness)?|dizz(?:y|iness)|vomit\w*|rash|swollen|swelling|back pain|knee (?:pain|injury|surgery)|dolor|schmerzen|douleur|\bdor\b|b[oó]l|pijn|in pain|(?:hurts?|hurting|sore) (?:a lot|badly|so much)|duele|duelen|tut weh|fait mal|d[oó]i|fa male|epipen|violently sick|food poisoning|flash(?:es|ing)(?: of)? lights? in (?:my|his|her)|short-sighted|long-sighted|drows(?:y|iness)|concussion|head injury|(?:hit|banged|bumped) (?:his|her|their|my) head|(?:been|being) sick|throwing up|unconscious|passed out|fainted|(?:pain|swelling|bleeding) (?:is )?getting worse|gone (?:really |very )?(?:pale|blue|grey|gray)|blotchy|lump on (?:his|her|their|my)|dehydrat\w+|urgent care|a&e|emergency room|blood|knocked (?:[a-z]+ ){0,4}out|(?:had a|bad|another) fall|for falls|personal alarm|alarm pendant|temperature of|fever|swallow|root canal|(?:my|his|her) (?:\w+ )?(?:tooth|teeth|gums?) (?:hurts?|hurting|is sore|are sore|bleed))\b/,
);
const HUMAN = builtInPattern(
  /\b(?:\d+\s?(?:yo|y\/o|yrs? old|year[- ]olds?|month[- ]olds?|years old|months old)|j'ai|je|ich|mir|mich|she'?s|he'?s|tengo|tenho|tuve|tive|me operaron|hatte|ho|heb|mam|my (?:[a-z-]+ )?(?:knee|back|ankle|wrist|shoulder|hip|neck|arm|leg|foot|hand|elbow|hamstring|chest|head|stomach|tooth|teeth|eye|eyes|skin|calf|lip|lips|mouth|face|nose|gums?|forehead|cheeks?|jaw|throat|tongue|ear|ears|finger|toe|medication|meds|medicine|prescription|condition|diagnosis|treatment|symptoms|illness|disease|hiv|cancer|diabetes|pregnancy|therapy|therapist|physio|surgery|operation|injury|injuries)|mon fils|ma fille|i|i'm|i've|i'd|me|myself|us|we|one of us|someone|a guest|guests?|friend|my friend|my (?:son|daughter|child|kid|kids|baby|wife|husband|partner|mum|mom|mother|dad|father|grandma|grandpa|grandmother|grandfather|brother|sister|friend|boyfriend|girlfriend|fiancée?|colleague|teenager|toddler|twins?|parents?)|dad|father|mom|mum|mother|son|daughter|child|kid|kids|baby|wife|husband|partner|grandma|grandpa|grandmother|grandfather|brother|sister|patient|mam[aá]|mi (?:madre|padre|hij[oa]|espos[oa]|marido|mujer|suegr[oa]|abuel[oa]|herman[oa])|mother-in-law|father-in-law|he|she|pap[aá]|hij[oa]|mutter|vater|meine (?:frau|tochter|mutter)|mein (?:mann|sohn|vater)|m[eè]re|p[eè]re|ma (?:femme|fille|m[eè]re)|mon (?:mari|fils|p[eè]re)|m[aã]e|pai|filh[oa]|madre|padre|figli[oa]|moglie|marito|mia madre|mio padre|moeder|vader|mijn (?:vrouw|man|zoon|dochter)|matka|ojciec|syn|c[oó]rka|żona|mąż)\b/,
);
const PET = builtInPattern(
  /\b(?:dog|dogs|doggo|pup|puppy|puppies|cat|cats|kitten|kitty|pet|pets|horse|horses|pony|ponies|mare|mares|gelding|geldings|foal|stallion|rabbit|bunny|parrot|bird|hamster|guinea pig|ferret|tortoise|turtle|lizard|snake|fish|reptiles?|bearded dragons?|gecko|vet|veterinary|labrador|lab|retriever|spaniel|terrier|poodle|collie|shepherd|bulldog|beagle|husky|chihuahua|dachshund|pug|greyhound|whippet|rottweiler|doberman|boxer|schnauzer|cockapoo|labradoodle|persian|siamese|maine coon|tabby|perro|perra|gato|gata|hund|katze|chien|chienne|chat|chaton|cachorro|gatto|hond|kat|pies|kot)\b/,
);
const HEALTH_FALSE_FRIENDS = builtInPattern(
  /\b(?:(?:injury|injuries|health|wellbeing|mental health|first aid) (?:prevention|awareness|talks?|workshops?|seminars?|training|courses?)|(?:your|our|the|a|one of your|one of our) (?:[a-z-]+ ){0,2}therapists?|(?:was|is|were|are|been|went|go|gone) off sick|called in sick|(?:batter(?:y|ies)|power ?bank|powercell|charger|phone|laptop|device|casing|pipes?|wood|door|floor(?:boards?)?|paint|ceiling|walls?|tyres?|tires?)\b[^.!?\n]{0,40}\b(?:swollen|swelling|bulging|hot|burning)|pain points?|growing pains|a pain to|pain in the (?:neck|butt)|health (?:check|insurance|plan|care plan|score|monitor)|system health|operation(?:s|al)? (?:team|manager|costs?)|hospitality|meds? (?:spa|school)|wheelchair (?:spaces?|access\w*|seats?|seating|friendly|ramps?|bays?|spots?|places?)|therapy (?:sessions? for (?:the|our) (?:team|staff))|(?:physio(?:therapy)?|dental|medical|health|rehab|therapy|massage|chiropractic|osteopath\w*|dermatology|pharmacy|care) (?:practice|praxis|clinic|business|studio|centre|center|website|site|office|company|salon|shop)s?|(?:hospital|clinic|surgery|pharmacy|care home|nursing home|practice)\b[^.!?\n]{0,15}\b(?:where|that) (?:i|we|she|he|they) (?:work|works|am employed)|(?:work|working|job|shifts?) (?:at|in|for) (?:the |a )?(?:local )?(?:hospital|clinic|care home|nursing home|pharmacy)|(?:i'?m|i am) an? (?:nurse|doctor|porter|carer|paramedic|pharmacist|physio(?:therapist)?|dentist)\b[^.!?\n]{0,20}\b(?:there|at|in))\b/,
);

// A business asking for something secret; the visitor's next message then holds it.
// A business asking for something secret ("please confirm your date of birth"), not one telling the
// visitor to reset or not to share it.
const ASKS_SECRET = builtInPattern(
  /\b(?:what(?:'s| is| are)|please (?:confirm|provide|enter|give|tell|type|share|send|verify)|(?:can|could|may) (?:you|i) (?:confirm|provide|give|tell|have|get|take|verify)|confirm|enter|provide|verify|tell me|i(?:'ll| will)? need)\b[^.?!\n]{0,50}\b(?:date of birth|dob|birthday|maiden name|security (?:question|answer)|memorable (?:word|information)|password|passcode|pin|card number|long number on (?:the|your) card|cvv|social security|ssn|national insurance|passport number|account number|sort code)\b/,
);

/** Which kind of secret a matched phrase is, from its own words. */
export function kindOf(text: string): SensitiveKind {
  if (/pass(?:word|wd|code)|pwd|\bpw\b|contrase|mot de passe|passwort|senha|wachtwoord|has[lł]o/i.test(text))
    return "password";
  if (/\bpin\b|cvv|cvc|csc|security code/i.test(text)) return "pin";
  if (
    /birth|dob|d\.o\.b|born|birthday|maiden|pet'?s name|security (?:question|answer)|memorable|nacimiento|naissance|geburt|nascimento/i.test(
      text,
    )
  )
    return "security_answer";
  if (/card/i.test(text)) return "card_number";
  if (/account|acct|a\/c|iban|routing|sort code|bsb|swift|bic/i.test(text)) return "bank_account";
  return "government_id";
}

function matchesHealth(text: string): boolean {
  return testAny([HEALTH], text);
}

const FIRST_PERSON = builtInPattern(
  /\b(?:i (?:just |recently |also )?(?:had|have|got|broke|hurt|was|injured|tore|sprained)|i(?:'m| am| needed| take| suffer)|i'?ve|me|my (?:own |left |right )?(?:hand|arm|leg|foot|back|head|face|finger|knee|hip|wrist|ankle|eye|skin|son|daughter|wife|husband|child|mum|mom|dad|mother|father))\b/,
);

/**
 * In a message about an animal, "he has diabetes" is the pet's: only the visitor's own health, or
 * a relative's named as such, right after the words that say so ("I'm diabetic", "my hand") counts.
 */
function ownHealthAmidPets(sentence: string): boolean {
  FIRST_PERSON.lastIndex = 0;
  for (const m of subjectFor(FIRST_PERSON, sentence).matchAll(FIRST_PERSON)) {
    const window = sentence.slice(m.index, m.index + m[0].length + 25);
    // "I have to be home for his meds": the health word is the pet's again.
    if (matchesHealth(window) && !/\b(?:his|her|its|their)\b/i.test(window.slice(m[0].length))) return true;
  }
  return false;
}

const FAMILY =
  /\b(?:son|daughter|mum|mom|mother|dad|father|wife|husband|partner|child|kid|baby|grand\w+|brother|sister|aunt|uncle|friend|colleague|patient|client|myself)\b/i;

function visitorBefore(messages: IndexedMessage[], index: number): IndexedMessage[] {
  return messages.slice(0, index).filter((m) => m.role === "visitor");
}

function push(spans: SensitiveSpan[], kind: SensitiveKind, message: IndexedMessage, start: number, end: number) {
  if (spans.some((s) => s.message === message.index && s.start < end && start < s.end)) return;
  spans.push({ kind, message: message.index, start, end });
}

/** Spans of sensitive data in the visitor's messages. */
export function findSensitiveSpans(messages: IndexedMessage[], policy: CompiledPolicy): SensitiveSpan[] {
  const spans: SensitiveSpan[] = [];
  for (const message of byRole(messages, "visitor")) {
    const text = message.body;
    for (const m of text.matchAll(CARD)) {
      const digits = m[0].replace(/\D/g, "");
      const before = text.slice(Math.max(0, m.index! - 90), m.index!);
      const named =
        NAMED_CARD.test(before.slice(-40)) ||
        CARD_NUMBER_NAMED.test(before) ||
        EXPIRY_AFTER.test(text.slice(m.index! + m[0].length));
      // No payment card starts with 0: an unnamed "0048 512 345 678" is a phone number that passes Luhn.
      const cardLike = named || (passesLuhn(digits) && !digits.startsWith("0") && !/\+\s*$/.test(before));
      if (digits.length >= 13 && digits.length <= 19 && cardLike && !/^(\d)\1+$/.test(digits)) {
        push(spans, "card_number", message, m.index!, m.index! + m[0].length);
      }
    }
    if (CREDENTIALS.test(text)) {
      for (const m of text.matchAll(PASSWORD_LIKE)) {
        const token = m[0].replace(/[.!?]+$/, "");
        if (/[a-z]/i.test(token)) push(spans, "password", message, m.index!, m.index! + token.length);
      }
    }
    for (const m of text.matchAll(IBAN)) {
      if (isValidIban(m[0])) push(spans, "iban", message, m.index!, m.index! + m[0].length);
    }
    for (const m of text.matchAll(SSN)) push(spans, "government_id", message, m.index!, m.index! + m[0].length);
    for (const m of text.matchAll(UK_NI)) push(spans, "government_id", message, m.index!, m.index! + m[0].length);
    for (const pattern of policy.flags.sensitive_data) {
      pattern.lastIndex = 0;
      if (!mayMatch(pattern, text)) continue;
      for (const m of subjectFor(pattern, text).matchAll(pattern)) {
        const end = m.index + m[0].length;
        push(spans, kindOf(text.slice(m.index, end)), message, m.index, end);
      }
    }
    // No sentence can name a health detail when the whole message names none.
    const healthSentences = matchesHealth(text) ? sentences(text) : [];
    // "She had colic surgery" two messages after "one of our horses" is still about the horse.
    const aboutPet =
      healthSentences.length > 0 &&
      (testAny([PET], text) ||
        (!FAMILY.test(text) && visitorBefore(messages, message.index).some((m) => testAny([PET], m.body))));
    if (!aboutPet && !testAny([PET], text)) {
      for (const m of text.matchAll(DOSE)) {
        const sentence = sentences(text).find((x) => x.start <= m.index && m.index < x.end);
        if (sentence) push(spans, "health", message, sentence.start, sentence.end);
      }
    }
    for (const sentence of healthSentences) {
      if (testAnyIn([HEALTH_FALSE_FRIENDS], sentence.text, text)) continue;
      if (
        aboutPet
          ? ownHealthAmidPets(sentence.text)
          : testAnyIn([HUMAN], sentence.text, text) && testAnyIn([HEALTH], sentence.text, text)
      ) {
        push(spans, "health", message, sentence.start, sentence.end);
      }
    }
    // The answer to a security question the business asked is a secret, whatever it looks like.
    const previous = messages[message.index - 1];
    if (
      previous &&
      previous.role !== "visitor" &&
      testAny([ASKS_SECRET], previous.body) &&
      /\d|\p{Lu}/u.test(text) &&
      text.trim().length <= 120
    ) {
      const kind = kindOf(previous.body);
      // "Name, date of birth and a phone number?": only the date is the secret, not the whole answer.
      const dates = [...text.matchAll(/\b\d{1,4}[-/. ]\d{1,2}[-/. ]\d{1,4}\b/g)];
      if (kind === "security_answer" && dates.length > 0 && /[,;\n]/.test(text.trim())) {
        for (const d of dates) push(spans, kind, message, d.index!, d.index! + d[0].length);
      } else {
        const start = text.length - text.trimStart().length;
        push(spans, kind, message, start, text.trimEnd().length);
      }
    }
  }
  return spans.sort((a, b) => a.message - b.message || a.start - b.start);
}

/** The text with every sensitive span of that message replaced by a label such as [card number]. */
export function redactText(text: string, spans: SensitiveSpan[]): string {
  let out = "";
  let cursor = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < cursor) continue;
    out += text.slice(cursor, span.start) + `[${span.kind.replace(/_/g, " ")}]`;
    cursor = span.end;
  }
  return out + text.slice(cursor);
}
