// A generated corpus of varied conversations for the analysis benchmark: deterministic per seed.
import type { Conversation, Message } from "../../server/domain/analysis";

/** A small deterministic PRNG (mulberry32), so every run measures the same corpus. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OPENERS = [
  "hi, how much is a deep clean for a 3 bed house?",
  "Hello, we're a 45-person agency looking for managed IT support, can you send a quote?",
  "my order 44817 hasn't arrived and it's been 2 weeks. this is ridiculous",
  "Can you guarantee delivery before Friday? It's for a wedding.",
  "someone got into my account and changed the bank details!!! please help NOW",
  "Guten Tag, ich möchte einen Termin für nächste Woche buchen. Was kostet das?",
  "hola, ¿cuánto cuesta la instalación de paneles solares? somos 4 en casa",
  "Bonjour, je voudrais un devis pour refaire la toiture, environ 80 m².",
  "I'm a student looking for a summer internship, are you hiring?",
  "Dear Sir/Madam, we offer SEO services and guaranteed first page on Google. Reply for a free audit.",
  "hi",
  "the engineer came out yesterday and the boiler pressure dropped again, how do I top it up?",
  "<p>Name: <b>Sam Lee</b></p><p>Message: do you do weekend appointments?</p>",
  "**Requirements:**\n- SSO via Okta\n- EU data residency\n- custom approval workflows\nCan you meet these?",
  "I had a hip replacement last month and can't drive, can someone collect the parcel from my house?",
  "your bot told me it was £45 and I was charged £80. I want the difference refunded",
  'is the 55" TV still £899 in the sale?? 🙏',
  "We'd like to book out the whole venue for 120 guests and bring our own caterer, is that possible?",
];
const VISITOR_FOLLOW_UPS = [
  "ok thanks",
  "yes please",
  "no thanks, just answer here",
  "sure, email me at jo.bloggs@example.com",
  "call me on 07700 900 123 after 5pm",
  "my number is +44 20 7946 0958",
  "I already told you that. what is the price?",
  "can someone call me back today?",
  "it's Priya Natarajan, priya at example dot com",
  "sorry, typo: priya.n@example.com",
  "do you have anything on Saturday morning?",
  "that's too expensive, any discounts?",
  "will it definitely be fixed by Monday?",
  "my card is 4111 1111 1111 1111, can you take the payment now?",
  "lol ok 😂",
  "WHY IS NOBODY ANSWERING",
  "Thanks, that's really helpful!",
  "Sí, por favor, llámenme mañana",
  "Ja, gerne per E-Mail",
  "and is parking included?",
];
const BOT_LINES = [
  "Thanks for getting in touch! How can I help today?",
  "I can help with that. Could I take your name and email?",
  "Can our team email you about this? (yes/no)",
  "Our standard clean starts at £120 and we have a slot on Saturday at 10am.",
  "I'm not able to quote prices here — our team will prepare one for you.",
  "Sorry to hear that! Can you tell me your order number?",
  "I've passed this to our team, who will be in touch within 24 hours.",
  "We can't guarantee delivery dates, but the team will confirm by email.",
  "Please don't share card details in chat.",
  "Would you like us to call you to arrange a visit?",
  "Please choose an option: 1) Sales 2) Support 3) Billing",
  "Is there anything else I can help with?",
];
const PAGES = [
  "https://example.com/pricing?utm_source=google&utm_campaign=spring",
  "https://example.co.uk/services/cleaning",
  "https://example.de/kontakt",
  "https://example.com/account/billing",
  null,
];

function pick<T>(rnd: () => number, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)]!;
}

const NAMES = ["Priya", "Tom Baker", "Ana Lima", "Jonas", "Aoife Brennan", "Kwame", "Li Wei", "Sofia Marquez", "Dev"];
const CLAUSES = [
  "we're in Leeds",
  "it's for my mum's flat",
  "the last one broke after a week",
  "my budget is about £{n}",
  "we have {n} staff",
  "order {n}",
  "I'm free after {n}pm",
  "thanks in advance",
  "no rush really",
  "my colleague said you were good",
  "saw you on Instagram",
  "booking ref AB{n}",
];

/** Real conversations never repeat word for word: vary names, numbers and asides in every message. */
function vary(rnd: () => number, text: string): string {
  let out = text
    .replace(/\d{3,}/g, () => String(100 + Math.floor(rnd() * 99_900)))
    .replace(/Priya Natarajan|Sam Lee|Jo Bloggs/g, () => pick(rnd, NAMES));
  if (rnd() < 0.6) out += `, ${pick(rnd, CLAUSES).replace("{n}", String(2 + Math.floor(rnd() * 9_000)))}`;
  if (rnd() < 0.3) out = `${pick(rnd, ["hi", "ok", "so", "right", "hello again", "um"])} ${out}`;
  return out;
}

/** Conversations of 2 to 30 messages (median about 13), occasionally with a very long message. */
export function generateCorpus(count: number, seed: number): Conversation[] {
  const rnd = random(seed);
  const out: Conversation[] = [];
  for (let i = 0; i < count; i++) {
    const length = 2 + Math.floor(rnd() * 12) + Math.floor(rnd() * 12) + (rnd() < 0.1 ? 6 : 0);
    const messages: Message[] = [];
    for (let m = 0; m < length; m++) {
      if (m === 0) messages.push({ role: "visitor", text: vary(rnd, pick(rnd, OPENERS)) });
      else if (m % 2 === 1)
        messages.push({ role: rnd() < 0.1 ? "agent" : "bot", text: vary(rnd, pick(rnd, BOT_LINES)) });
      else {
        let text = vary(rnd, pick(rnd, VISITOR_FOLLOW_UPS));
        if (rnd() < 0.01) text = `${pick(rnd, OPENERS)} `.repeat(200); // a pasted document
        messages.push({ role: "visitor", text });
      }
    }
    out.push({ messages, pageUrl: pick(rnd, PAGES) });
  }
  return out;
}
