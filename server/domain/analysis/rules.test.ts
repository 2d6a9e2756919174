import { describe, expect, it } from "vitest";
import { analyzeWithRules, InvalidConversationError } from "./analyze";
import { DEFAULT_POLICY, PolicyPatternError, compilePolicy, type AnalysisPolicy } from "./policy";
import { maskedQuote } from "./mask";
import { isValidIban, passesLuhn, redactText } from "./sensitive";
import type { Brief, Flag, Message } from "./types";

const v = (text: string): Message => ({ role: "visitor", text });
const b = (text: string): Message => ({ role: "bot", text });
const a = (text: string): Message => ({ role: "agent", text });

const analyze = (messages: Message[], pageUrl?: string) => analyzeWithRules({ messages, pageUrl });
const flags = (brief: Brief) => brief.flags.map((f) => f.flag).sort();
const has = (messages: Message[], flag: Flag) => flags(analyze(messages)).includes(flag);

/** Every evidence span of a brief is the quoted slice of its message. */
function expectGrounded(brief: Brief, messages: Message[]) {
  const all = [
    ...brief.flags.flatMap((f) => f.evidence),
    ...brief.intent.evidence,
    ...[brief.contact.name, brief.contact.email, brief.contact.phone, brief.contact.company].flatMap(
      (f) => f?.evidence ?? [],
    ),
    ...(brief.consent.evidence ? [brief.consent.evidence] : []),
    ...(brief.statedNeed?.evidence ?? []),
    ...(brief.unresolvedQuestion?.evidence ?? []),
  ];
  for (const e of all) {
    const spans = brief.sensitive.filter((s) => s.message === e.message);
    expect(e.quote).toBe(maskedQuote(messages[e.message]!.text, e.start, e.end, spans));
  }
}

describe("pricing_request", () => {
  it.each([
    "how much to unclog a kitchen sink",
    "What would pricing look like for 3,000 invoices a month?",
    "can you send over a quote?",
    "any bulk discount for 25?",
    "do you price match? summit has it for $139",
    "I want a refund",
    "¿Cuánto cuesta una consulta general?",
  ])("flags %j", (text) => expect(has([v(text)], "pricing_request")).toBe(true));

  it.each([
    "our budget is around 20k for the assessment and we'd like to kick off in Q1",
    "we pay you 400 a month for this and it keeps breaking",
    '"Items may be returned within 30 days for a full refund." I read that, but can you make an exception?',
  ])("does not flag a stated amount or quoted policy: %j", (text) =>
    expect(has([v(text)], "pricing_request")).toBe(false),
  );
});

describe("bot_promise: timing and availability", () => {
  it("flags a slot the bot offers or books", () => {
    expect(has([v("can I book a service?"), b("Thursday 8:30am is available. Shall I book it?")], "bot_promise")).toBe(
      true,
    );
    expect(has([v("move it please"), b("I've moved Bella to Wednesday at 9:30am 🐾")], "bot_promise")).toBe(true);
    expect(has([v("price?"), b("Klippning kostar 650 kr.")], "bot_promise")).toBe(true);
  });
  it("does not flag a bot that only asks which day suits", () => {
    expect(has([v("can I book a service?"), b("Which day suits you?")], "bot_promise")).toBe(false);
  });
});

describe("bot_promise", () => {
  it.each([
    "Our AI Readiness Assessment is a fixed $12,500 for organisations your size.",
    "A technician can be at your home within 45 minutes.",
    "We have an opening this Saturday at 10am — shall I hold it?",
    "Your appointment is booked for 3pm tomorrow.",
    "We guarantee first-page rankings within 90 days.",
    "Your account will be unlocked within 5 minutes.",
  ])("flags the bot saying %j", (text) => expect(has([v("hi, can you help?"), b(text)], "bot_promise")).toBe(true));

  it("does not read a bot declining to quote custom work as the visitor asking a price", () => {
    const messages = [
      v("can you guys model it from scratch, print it in resin and do the paint job too?"),
      b("Custom jobs like this are priced individually, so I can't quote here."),
    ];
    expect(has(messages, "pricing_request")).toBe(false);
  });

  it("does not flag a bot that declines to quote or promise", () => {
    const messages = [
      v("how much and can you guarantee results?"),
      b("Pricing depends on scope, and I can't guarantee results — a specialist will follow up."),
    ];
    expect(has(messages, "bot_promise")).toBe(false);
  });

  it("does not flag a bot reporting what it just did", () => {
    expect(has([v("please pass this on"), b("I've passed this to the team.")], "bot_promise")).toBe(false);
  });

  it("does not flag the visitor quoting the bot's promise back, nor a human agent", () => {
    const messages = [
      v("your chat told me yesterday my viewing is confirmed for 3pm thursday, is it still on?"),
      a("I'll check with the branch and call you back within the hour."),
    ];
    expect(has(messages, "bot_promise")).toBe(false);
  });
});

describe("emergency", () => {
  it.each([
    "URGENT someone got into our account and changed the bank details on 3 supplier payments!!!",
    "my dad is having chest pain and his left arm feels numb",
    "PIPE BURST IN THE BASEMENT water is everywhere!!! please send someone",
    "there are 3 payments on my debit card i didnt make!",
    "i smell gas near our furnace, pretty strong. what should i do",
    "I paid £180 by bank transfer for my aftercare plan. Now I think it was a scam!!",
    "URGENT - our academy site (learn.example) is down and 300 learners sit a live exam in 40 minutes",
    "tyre just blew out on the A614, I'm on the verge with 2 kids in the back and lorries flying past",
    "ur guy fitted my charger like 3 weeks ago and now theres a burning smell from it",
    "since this morning I'm seeing flashing lights in my left eye and a dark shadow coming across the top",
    "we paid the deposit to the new bank details in your email and now the bank says the account isnt in your name??",
    "URGENT - one of the main poles has split and the roof is sagging, wind is getting stronger. 90 guests inside",
  ])("flags %j", (text) => expect(has([v(text)], "emergency")).toBe(true));

  it.each([
    "not urgent but our water heater takes forever to heat up (my wife says its URGENT bc she hates cold showers)",
    "can you reply asap? I need the quote for a meeting on friday",
    "I LITERALLY JUST GAVE IT TO YOU. the pole is snapped, i need a replacement now",
    "My claim was declined. The pipe burst behind the kitchen units last year, does that wording even apply?",
  ])("does not flag %j", (text) => expect(has([v(text)], "emergency")).toBe(false));
});

describe("sensitive_data", () => {
  it("finds a card number that passes Luhn, and masks it", () => {
    const messages = [v("charged twice, it was on my visa 4111 1111 1111 1111")];
    const brief = analyze(messages);
    expect(flags(brief)).toContain("sensitive_data");
    const span = brief.sensitive.find((s) => s.kind === "card_number")!;
    expect(redactText(messages[0]!.text, [span])).toBe("charged twice, it was on my visa [card number]");
  });
  it("keeps secrets out of the brief: quotes, stated need and summary carry labels, offsets still point", () => {
    const messages = [
      v("Hi, can you update my payment card to 4111 1111 1111 1111 exp 09/27? my password is Hunter22!"),
      b("I can't take card details here."),
      v("ok. also my NI number is QQ 12 34 56 C, is that needed?"),
    ];
    const brief = analyze(messages);
    const serialised = JSON.stringify({ ...brief, sensitive: [] });
    for (const secret of ["4111 1111 1111 1111", "Hunter22", "QQ 12 34 56 C"]) expect(serialised).not.toContain(secret);
    expect(brief.summary).toContain("[card number]");
    const masked = brief.sensitive.map((s) => messages[s.message]!.text.slice(s.start, s.end));
    expect(masked).toHaveLength(3);
    expect(masked[0]).toBe("4111 1111 1111 1111");
    expect(masked.join(" ")).toContain("QQ 12 34 56 C");
    expectGrounded(brief, messages);
  });
  it("ignores a 16-digit number that fails Luhn, and last-4 digits", () => {
    expect(has([v("my tracking number is 4111 1111 1111 1112")], "sensitive_data")).toBe(false);
    expect(has([v("the card ending 4471")], "sensitive_data")).toBe(false);
  });
  it.each([
    "username is kwashington and password is Summer2024!",
    "my SSN is 987-65-4323 if you need to look it up",
    "IBAN GB82 WEST 1234 5698 7654 32",
    "my son (9) just got his front tooth knocked out, it's bleeding a lot",
    "Mi mamá tiene la presión alta y se le acabó su medicamento",
  ])("flags %j", (text) => expect(has([v(text)], "sensitive_data")).toBe(true));
  it("reads a password typed out in a message about logging in, but not a booking reference", () => {
    const login = "it just says invalid password. I'm typing exactly what was in the email: Hollins#2024aug";
    const brief = analyze([v(login)]);
    expect(brief.sensitive.map((s) => [s.kind, login.slice(s.start, s.end)])).toEqual([
      ["password", "Hollins#2024aug"],
    ]);
    expect(has([v("my login doesn't work for booking LL-2291, can you check?")], "sensitive_data")).toBe(false);
  });
  it("takes a number named as a card for a card number, even one that fails Luhn", () => {
    expect(has([v("its my visa 4929 1045 3378 2216 exp 09/27. please just block everything")], "sensitive_data")).toBe(
      true,
    );
    expect(has([v("my tracking number is 4929 1045 3378 2216")], "sensitive_data")).toBe(false);
  });
  it("reads symptoms happening now as health details and an emergency, not a recovery", () => {
    const filler = "my upper lip has gone really pale and blotchy and the pain is getting worse not better";
    expect(has([v(filler)], "sensitive_data")).toBe(true);
    expect(has([v(filler)], "emergency")).toBe(true);
    expect(has([v("He's just been sick twice and he's really drowsy. He hit his head at nursery.")], "emergency")).toBe(
      true,
    );
    expect(has([v("my dad had a heart attack last week but he's recovering well")], "emergency")).toBe(false);
  });
  it("does not read wheelchair spaces in a group booking as a health detail", () => {
    expect(has([v("we'd need 6 of those to be wheelchair spaces with companion seats")], "sensitive_data")).toBe(false);
  });
  it("reads a health detail in Spanish, and a horse's surgery two messages after the horse as the horse's", () => {
    expect(has([v("Tuve una cirugía de rodilla la semana pasada and my physio says no yoga")], "sensitive_data")).toBe(
      true,
    );
    const horse = [v("Looking to insure one of our horses, a 12yo mare"), v("She had colic surgery two years ago.")];
    expect(has(horse, "sensitive_data")).toBe(false);
  });
  it("does not treat an animal's health as a person's", () => {
    expect(
      has([v("my dog just had knee surgery and I have to be home for his meds until noon")], "sensitive_data"),
    ).toBe(false);
    expect(
      has([v("my labrador has hip dysplasia, diagnosed last year — would that be covered?")], "sensitive_data"),
    ).toBe(false);
  });
  it("treats the answer to a security question as secret", () => {
    expect(
      has(
        [
          v("my account is locked"),
          b("Please tell me your date of birth and mother's maiden name."),
          v("12/03/1991 and Kowalczyk"),
        ],
        "sensitive_data",
      ),
    ).toBe(true);
  });
  it("checks cards and IBANs properly", () => {
    expect(passesLuhn("4111111111111111")).toBe(true);
    expect(passesLuhn("4111111111111112")).toBe(false);
    expect(isValidIban("GB82 WEST 1234 5698 7654 32")).toBe(true);
    expect(isValidIban("GB82 WEST 1234 5698 7654 33")).toBe(false);
  });
});

describe("frustration, repetition, complaint", () => {
  it("reads anger, not mild disappointment", () => {
    expect(has([v("this is ridiculous and frankly unprofessional")], "frustration")).toBe(true);
    expect(has([v("hm ok, bit disappointing, but fine")], "frustration")).toBe(false);
  });
  it("reads insults at the business and being upset as frustration, not an upset stomach", () => {
    expect(has([v("you lot are all crooks. parasites the lot of you")], "frustration")).toBe(true);
    expect(has([v("I'm really upset nobody mentioned the cut on his ear at collection")], "frustration")).toBe(true);
    expect(has([v("our dog has had an upset stomach since this morning")], "frustration")).toBe(false);
  });
  it("does not read panic in capitals as frustration", () => {
    expect(has([v("PIPE BURST IN THE BASEMENT water is everywhere!!!")], "frustration")).toBe(false);
  });
  it("sees the same question again, and the bot asking the same thing again", () => {
    expect(has([v("how much is it to spay a kitten"), v("ok but how much does it cost")], "repetition")).toBe(true);
    const menu = "Please choose: AI Strategy | Data & Analytics | Cloud Migration | Other";
    expect(
      has([b(menu), v("do you do snowflake implementations?"), b(menu), v("Data & Analytics")], "repetition"),
    ).toBe(true);
  });
  it("sees a question asked again in other words, and an answer given again after the bot re-asked", () => {
    const inverter = "The inverter says error 18xB. Is this something I can reset myself?";
    expect(
      has([v(inverter), b("New installation or existing?"), v("existing. can I reset it myself?")], "repetition"),
    ).toBe(true);
    const postcode = "I can book a plumber for you. What's your postcode?";
    expect(
      has(
        [
          v("the leak is back"),
          b(`Sorry! ${postcode}`),
          v("I don't need a booking"),
          b(postcode),
          v("job ref DW-44821"),
        ],
        "repetition",
      ),
    ).toBe(true);
    expect(
      has(
        [b("Please choose an option 1–4."), v("something else"), b("Please choose an option 1–4."), v("4")],
        "repetition",
      ),
    ).toBe(true);
    expect(
      has(
        [v("I want a full refund."), b("Did you know about our loyalty card?"), v("Again: I want my $80 back.")],
        "repetition",
      ),
    ).toBe(true);
    expect(
      has(
        [
          b("What's the email on your account?"),
          v("kb22@inbox.example"),
          b("Can you confirm the email on your account?"),
          v("kb22@inbox.example"),
        ],
        "repetition",
      ),
    ).toBe(true);
    // Accepting the bot's offer is not asking again; "same address as before" is not repeating oneself.
    expect(
      has(
        [
          v("whats the price"),
          b("I can't quote here, but the team can email you one."),
          v("ok pls send quote by mail"),
        ],
        "repetition",
      ),
    ).toBe(false);
    expect(
      has([v("Can you email me the details?"), b("Sure."), v("Jide Okafor btw, same address as before")], "repetition"),
    ).toBe(false);
    expect(
      has(
        [v("It's been 9 weeks. When will it be paid?"), b("Track it in your account."), v("WHEN will it be paid?")],
        "repetition",
      ),
    ).toBe(true);
    expect(has([b("Could you give me your reference?"), v("I TOLD YOU I DONT HAVE IT")], "repetition")).toBe(true);
    const loop = "Please open a support ticket from your client area and our team will respond.";
    expect(
      has(
        [
          v("we've been hacked!!!"),
          b(`Sorry. ${loop}`),
          v("I need someone NOW"),
          b(`I understand. ${loop}`),
          v("I NEED A HUMAN"),
        ],
        "repetition",
      ),
    ).toBe(true);
    const english = b("Sorry, I can only chat in English. How can I help?");
    expect(
      has([v("necesito cambiar la dirección"), english, v("sorry. i need change the delivery address")], "repetition"),
    ).toBe(true);
    expect(
      has(
        [v("ukradli mi telefon"), b("I can only reply in English. Shall I connect you to an agent?"), v("yes please")],
        "repetition",
      ),
    ).toBe(false);
    // Two different questions from the bot, each answered once, are not the visitor repeating themselves.
    expect(has([b("What's your postcode?"), v("LS6 2AB"), b("What's your name?"), v("Ana")], "repetition")).toBe(false);
  });
  it("separates a complaint from a neutral problem report and from a third party", () => {
    expect(has([v("you charged me twice for order #FH-21877, not great")], "complaint")).toBe(true);
    expect(has([v("my AC stopped cooling and makes a strange noise")], "complaint")).toBe(false);
    expect(has([v("The carer hasn't turned up for Dad's 8am visit and it's now 10:30.")], "complaint")).toBe(true);
    expect(has([v("It's now been 4 days and still no refund. a bit annoying")], "complaint")).toBe(true);
    const sofa = "Olá, encomendei um sofá (encomenda NH-77120) e chegou com uma perna partida. Fiquei desiludida.";
    expect(has([v(sofa)], "complaint")).toBe(true);
    expect(has([v("I was dismissed with no warning after I raised a complaint about my manager")], "complaint")).toBe(
      false,
    );
  });
});

describe("legal_advice, guarantee_request, custom_scope", () => {
  it.each([
    ["Do I have a case for unfair dismissal?", "legal_advice"],
    ["in my contract is written normal wear and tear is ok, can he do this??", "legal_advice"],
    ["If this isn't sorted I will be reporting the firm to the SRA.", "legal_advice"],
    ["can you guarantee page 1 on google?", "guarantee_request"],
    ["if i order today will it DEFINITELY arrive by friday?", "guarantee_request"],
    ["can you build a custom integration with our ERP?", "custom_scope"],
    ["it's 34 days, can you make an exception please?", "custom_scope"],
  ] as const)("%j -> %s", (text, flag) => expect(has([v(text)], flag)).toBe(true));

  it.each([
    "I don't want your standard fully-managed package, just tenant-find and rent collection.",
    "could we put up our own signage in the office?",
    "We would need monthly invoicing on 30-day terms rather than card payment in advance.",
    "I'd want something a bit unusual - a woodland burial and a jazz band at the gate.",
    "can you guys model it from scratch, print it in resin and paint it?",
    "we want a first dance but not normal one. Can you make the choreography special for us?",
    "a little cake shaped like our dog for the dessert table?",
    "we'd like a tailored package: logo balls and a longest-drive contest",
    "could the pro do a small group on a weds after school? not seeing that on the list",
  ])("reads non-standard terms as custom_scope: %j", (text) => expect(has([v(text)], "custom_scope")).toBe(true));

  it("reads custom_scope from the bot's answer to a request it could not handle as standard", () => {
    const request = v("Also can your team wipe the brass items by hand, without any chemicals.");
    expect(
      has([request, b("Weekend-only care isn't one of our standard packages, but the team can look.")], "custom_scope"),
    ).toBe(true);
    expect(has([request, b("Our community manager can discuss custom arrangements.")], "custom_scope")).toBe(true);
    // The same words from the bot, unprompted, are an advert, not the visitor's request.
    expect(has([b("We can discuss custom arrangements."), v("thanks, bye")], "custom_scope")).toBe(false);
    expect(has([v("Our budget is £8k."), b("Our team will prepare a tailored quote.")], "custom_scope")).toBe(false);
  });

  it("reads 'will I get my money back or not?' as a refund asked for, not a guarantee", () => {
    const brief = analyze([v("will i get my money back or not?")]);
    expect(flags(brief)).toContain("pricing_request");
    expect(flags(brief)).not.toContain("guarantee_request");
    expect(has([v("can you guarantee I'll get a refund if it rains?")], "guarantee_request")).toBe(true);
  });

  it("does not read 'I need a lawyer' alone as a request for legal advice", () => {
    expect(has([v("hello i need a lawyer")], "legal_advice")).toBe(false);
  });
});

describe("contact", () => {
  it("reads an obfuscated email, lower-cased", () => {
    expect(analyze([b("What's the best email?"), v("Brian.ONeill at Example dot com")]).contact.email?.value).toBe(
      "brian.oneill@example.com",
    );
  });
  it("takes the corrected detail", () => {
    const brief = analyze([v("call me on 07700 900 077"), v("sorry typo, 07700 900 771")]);
    expect(brief.contact.phone?.value).toBe("07700 900 771");
    expect(brief.contact.phone?.e164).toBe("+447700900771");
  });
  it("ignores someone else's address mentioned in passing, keeps an assistant's offered as the contact", () => {
    expect(
      analyze([v("my email is priya@kestrel.example, pls cc our CFO james@kestrel.example")]).contact.email?.value,
    ).toBe("priya@kestrel.example");
    expect(
      analyze([v("please change our billing contact to our new office manager, maria@pk.example")]).contact.email,
    ).toBeNull();
    expect(
      analyze([v("Please send everything to my assistant, sofie@nordvik.example. She handles my travel.")]).contact
        .email?.value,
    ).toBe("sofie@nordvik.example");
  });
  it("finds a name in an answer, an introduction and a sign-off", () => {
    expect(analyze([b("What's your name?"), v("jamal wright 773 555 0119")]).contact.name?.value).toBe("jamal wright");
    expect(analyze([v("Hi, I'm Daniel Kim, COO at Brightwater Senior Living")]).contact.name?.value).toBe("Daniel Kim");
    expect(
      analyze([v("Could you send the security pack?\n\nKind regards,\nIngrid Halvorsen")]).contact.name?.value,
    ).toBe("Ingrid Halvorsen");
  });
  it("reads past words that only look like an address", () => {
    const email = (text: string) => analyze([v(text)]).contact.email?.value ?? null;
    expect(email("please get in touch at chloe.tan(at)mailbox.example")).toBe("chloe.tan@mailbox.example");
    expect(email("reach me at dana at ruiz dot example")).toBe("dana@ruiz.example");
    expect(email("email john at example dot com at your earliest convenience")).toBe("john@example.com");
    expect(email("BIG SALE, ORDER NOW AT REVIEWKINGS.EXAMPLE")).toBeNull();
  });
  it("ignores addresses in a forwarded email thread and senders the visitor only mentions", () => {
    const thread =
      "Please refund me.\nKatrin Vogel\nkatrin@vogel.example\n\n-----Original Message-----\nFrom: bookings@hotel.example";
    expect(analyze([v(thread)]).contact.email?.value).toBe("katrin@vogel.example");
    expect(
      analyze([v("Yesterday I got an email from billing@lookalike.example, is it you?")]).contact.email,
    ).toBeNull();
  });
  it("does not take order numbers, dates or card numbers for phones", () => {
    expect(analyze([v("order #FH-21877 placed 2024-05-14, card 4111 1111 1111 1111")]).contact.phone).toBeNull();
  });
});

describe("consent in more words and languages", () => {
  const consent = (messages: Message[]) => analyze(messages).consent.status;
  it("takes a channel the visitor accepts, or asks for, as consent", () => {
    expect(
      consent([v("quote for a survey please"), b("Sure."), v("gareth@pugh.example - email's fine for the survey")]),
    ).toBe("given");
    expect(consent([v("need a van asap how much"), b("£65/hour."), v("ok txt me on 07700900555 to sort it")])).toBe(
      "given",
    );
    expect(consent([v("Bonjour"), b("Bonjour !"), v("Vous pouvez aussi m'appeler au +33 4 78 55 01 23")])).toBe(
      "given",
    );
  });
  it("reads a refusal in another language", () => {
    expect(consent([v("mám dotaz"), b("Smíme vás kontaktovat e-mailem s nabídkou?"), v("Ne, děkuji.")])).toBe(
      "refused",
    );
  });
});

describe("consent", () => {
  const question = b("Can our team email you about this? (yes/no)");
  it.each([
    [[question, v("yes")], "given"],
    [[question, v("no. just answer here")], "refused"],
    [[question, v("maybe, still just looking")], "unclear"],
    [[v("feel free to call me on 0151 496 0000")], "given"],
    [[v("07700 900 962. text me, don't call")], "given"],
    [[v("my email is karen@example.net in case you need it for the registration")], "unclear"],
    [[v("how do I export invoices?"), b("Go to Invoices > Export.")], "not_asked"],
  ] as const)("%#: %s", (messages, status) => {
    const brief = analyze([...messages]);
    expect(brief.consent.status).toBe(status);
    expectGrounded(brief, [...messages]);
  });
  it("does not read a bot's 'feel free to call us' as asking for consent", () => {
    expect(
      analyze([v("what are your opening hours?"), b("9 to 5. Feel free to call us any time.")]).consent.status,
    ).toBe("not_asked");
  });
});

describe("noise", () => {
  it("treats keyboard mashing with laughter as spam, but not a short yes in German", () => {
    expect(analyze([b("Hi!"), v("asdfkjh lkjlkj"), b("Sorry?"), v("🐀🐀🐀 lmaooo")]).intent.value).toBe("spam");
    expect(analyze([b("Dürfen wir Sie kontaktieren?"), v("Ja, gerne")]).intent.value).not.toBe("spam");
  });
});

describe("intent and customer status", () => {
  it.each([
    [[v("hi, can you help us find AI opportunities in our 40-person company?")], "sales", "new_or_unknown"],
    [[v("how do i export all invoices to csv")], "support", "new_or_unknown"],
    [[v("we're on the Growth plan and need to add 8 more users, what will that cost?")], "sales", "existing"],
    [[v("my tent arrived with a snapped pole, order FH-20455")], "support", "existing"],
    [
      [v("We provide high quality guest posts, DA 50+ backlinks, very cheap. https://links.example/list")],
      "spam",
      "new_or_unknown",
    ],
    [[v("asdfghjkl;;;"), v("jjjjjjjjjjjj kkkk")], "spam", "new_or_unknown"],
    [[v("hey, are you hiring data engineers atm? 5 yrs exp with spark")], "other", "new_or_unknown"],
    // No phrase rule matches a journalist; the model's words do, and its evidence is their sentence.
    [
      [v("I'm a freelance writer working on a piece about family-run hotels; I'd love to interview the owners.")],
      "other",
      "new_or_unknown",
    ],
  ] as const)("%#: %s / %s", (messages, intent, status) => {
    const brief = analyze([...messages]);
    expect(brief.intent.value).toBe(intent);
    expect(brief.customerStatus.value).toBe(status);
    expectGrounded(brief, [...messages]);
  });

  it("does not call a genuine question spam on the model's word alone", () => {
    // An SEO topic with no link, junk or insult: a buyer asking an SEO agency.
    expect(analyze([v("can you guarantee page 1 on google?")]).intent.value).toBe("sales");
    expect(analyze([b("Please choose an option 1–4."), v("4")]).intent.value).not.toBe("spam");
  });

  it("treats a visitor writing from the customer area as a customer, buying or asking for help", () => {
    const brief = analyzeWithRules({
      pageUrl: "https://oakline.example/my-account/projects",
      messages: [{ role: "visitor", text: "We'd like a quote for a utility room to match." }],
    });
    expect(brief.intent.value).toBe("sales");
    expect(brief.customerStatus.value).toBe("existing");
  });
});

describe("next action, strongest rule first", () => {
  it.each([
    [[v("CHEAP BACKLINKS, boost your google ranking fast https://seo.example")], "discard"],
    [[v("do you do snowflake?"), v("DO YOU DO SNOWFLAKE. this bot is useless")], "stop_bot"],
    [[v("how much is a new roof?")], "escalate"],
    [[v("need a new boiler installed, 3 bed house. jo@example.com, yes please email me")], "handoff"],
    [[v("hi")], "clarify"],
    [[v("I'd like to book a boiler service for next week")], "collect_contact"],
    [[v("I'd like to book a boiler service for next week, my email is jo@example.com")], "ask_consent"],
  ] as const)("%#: %s", (messages, action) => {
    expect(analyze([...messages]).nextAction.action).toBe(action);
  });

  it("asks the one clarifying question from approved language", () => {
    const decision = analyze([v("hello")]).nextAction;
    expect(decision.question).toBe(DEFAULT_POLICY.defaultClarifyingQuestion);
  });
  it("never hands off when consent was refused", () => {
    const brief = analyze([
      v("need a new boiler installed, 3 bed house. jo@example.com. no calls or emails please, just answer here"),
    ]);
    expect(brief.consent.status).toBe("refused");
    expect(brief.nextAction.action).not.toBe("handoff");
  });
});

// Phrases the first look at holdout N showed missing, checked with the phrase rules alone (no flag model).
describe("phrases generalised from holdout N", () => {
  const rulesOnly: AnalysisPolicy = { ...DEFAULT_POLICY, flagModel: {} };
  const ruled = (messages: Message[], flag: Flag) =>
    analyzeWithRules({ messages }, rulesOnly).flags.some((f) => f.flag === flag);

  it.each<[Flag, Message[]]>([
    ["pricing_request", [v("Probably a morning visit and an evening one. What does that sort of thing come to?")]],
    ["pricing_request", [v("Would Arthur's carer be able to walk the dog too? Would that be extra?")]],
    ["custom_scope", [v("We don't want a general course. Could the course be built around that?")]],
    ["custom_scope", [v("Can the carer walk our dog?"), b("Dog walks aren't one of our standard care tasks.")]],
    ["emergency", [v("NIETHER ITS AN EMERGENCY. I NEED SOMEONE TO LOOK AT IT TODAY")]],
    ["emergency", [v("my back tooth cracked last night and now my jaw is swollen")]],
    ["emergency", [v("Two payments from yesterday night. I not made this orders.")]],
    ["emergency", [v("Two laptops and a tablet are gone from the ground floor.")]],
    ["guarantee_request", [v("But it must be finished before the 30., you can make this sure?")]],
    ["complaint", [v("We ordered peonies and they were swapped for roses without anyone telling me.")]],
    ["repetition", [v("Media enquiries please"), b("Do you have a prescription?"), v("I'll try again: press office?")]],
    ["repetition", [v("I asked to speak to someone half an hour ago and nobody called.")]],
    ["repetition", [v("nobody came"), b("Would you like a care assessment?"), v("ARE YOU EVEN READING THIS")]],
    [
      "repetition",
      [
        v("engine just died and wont restart, wind is pushing us toward the rocks off the point"),
        b("Refuelling is available at the fuel dock."),
        v("no not fuel. the engine wont start and we are drifting toward the rocks near the point"),
      ],
    ],
    ["legal_advice", [v("Has the state board of pharmacy or the FDA ever opened an inquiry into Medora?")]],
    ["bot_promise", [b("Our next available appointment with Dr. Okafor is Tuesday, May 21 at 9:40 AM.")]],
    ["sensitive_data", [v("This is my card number, maybe you can look if it is you: 4929 7310 0582 6613")]],
    ["sensitive_data", [v("the card: 4929 7310 0582 6613 exp 09/27")]],
    ["sensitive_data", [v("sertraline 100mg 28. cost?")]],
  ])("%s: %j", (flag, messages) => {
    expect(ruled(messages, flag)).toBe(true);
  });

  it.each<[Flag, Message[]]>([
    [
      "repetition",
      [
        v("<div>Please refresh and try again.</div> Same thing."),
        b("Try a private window?"),
        v("Still no. I'll try again tomorrow."),
      ],
    ],
    ["complaint", [v("hmm ok, bit of a shame. thought this would be quicker")]],
    ["sensitive_data", [v("the last 3 km is a climb up to the hospital where I work, I'm a porter there")]],
    ["sensitive_data", [v("I have a small website for my physiotherapy praxis and 3 email adresses.")]],
    ["sensitive_data", [v("Our spaniel had his 50mg tablets this morning")]],
    ["guarantee_request", [v("can you make sure the driver has the gate code?")]],
    ["emergency", [v("it's not an emergency, but the tap drips")]],
    ["repetition", [v("I'll try again tomorrow.")]],
  ])("not %s: %j", (flag, messages) => {
    expect(ruled(messages, flag)).toBe(false);
  });

  it.each<[string, Message[]]>([
    ["given", [v("pawel.nowak at poczta dot example — you can write me there")]],
    ["given", [b("Shall I pass your details on?"), v("Better the team contacts me please, lucia@correo.example")]],
    ["given", [v("My assistant is julia@northgate.example. Have someone get in touch with her this week.")]],
    // Details given when asked, without a yes, stay unclear (dev.jsonl's convention).
    [
      "unclear",
      [v("Could you build us an integration?"), b("What's the best number to reach you?"), v("07700 900123")],
    ],
  ])("consent %s: %j", (status, messages) => {
    expect(analyzeWithRules({ messages }, rulesOnly).consent.status).toBe(status);
  });

  it.each<[string, string]>([
    ["existing", "Had my Ridgeline serviced with you last Tuesday. Since then the rear brake squeaks."],
    ["existing", "My husband has his morning visits with you on Tuesdays. Could one be moved?"],
    ["new_or_unknown", "No, I'm not a patient, I'm a journalist looking for your press office."],
  ])("customer status %s: %s", (status, text) => {
    expect(analyzeWithRules({ messages: [v(text)] }, rulesOnly).customerStatus.value).toBe(status);
  });
});

// Holdout O's misses after it was learned from: restating after the bot misread, and frustration that
// is about the visitor or a plan B rather than the business.
describe("phrases generalised from holdout O", () => {
  const rulesOnly: AnalysisPolicy = { ...DEFAULT_POLICY, flagModel: {} };
  const ruled = (messages: Message[], flag: Flag) =>
    analyzeWithRules({ messages }, rulesOnly).flags.some((f) => f.flag === flag);
  const misread = b("Our plans cover offices from 2 to 50 users. Would you like a free IT health check?");

  it.each<[Flag, Message[]]>([
    ["repetition", [v("do you hire?"), misread, v("No, I not need services. I ask about work, job for me.")]],
    ["repetition", [v("do you hire?"), misread, v("No health check. Again: I look for JOB in your company.")]],
    ["repetition", [v("work for therapist?"), misread, v("I am looking for a job, un empleo, not a treatment.")]],
    ["frustration", [v("I gave it twice"), b("What's your reference?"), v("I ALREADY GAVE IT. THIS IS RIDICULOUS")]],
  ])("%s: %j", (flag, messages) => {
    expect(ruled(messages, flag)).toBe(true);
  });

  it.each<[Flag, Message[]]>([
    ["repetition", [v("money is gone"), misread, v("no i dont need an article. i need a human NOW")]],
    ["repetition", [v("the worktop cracked"), misread, v("No. I dont want the same fitters back. I want a refund")]],
    ["repetition", [v("Again, thanks for your help today!")]],
    ["frustration", [v("Please don't use my email though, I'm hopeless with my inbox.")]],
    ["frustration", [v("worst case it goes in my neighbours garage for a week, not ideal but fine")]],
    [
      "frustration",
      [
        v("dont have the ref"),
        b("Please enter your booking reference."),
        v("dont have it, its jamie"),
        b("Please enter your booking reference."),
        v("TORRA902154J99KL"),
      ],
    ],
  ])("not %s: %j", (flag, messages) => {
    expect(ruled(messages, flag)).toBe(false);
  });
});

// Phrases the first look at holdout P showed missing, checked with the phrase rules alone (no flag model),
// each beside the near miss it must not catch.
describe("phrases generalised from holdout P", () => {
  const rulesOnly: AnalysisPolicy = { ...DEFAULT_POLICY, flagModel: {} };
  const analyzeRules = (messages: Message[]) => analyzeWithRules({ messages }, rulesOnly);
  const ruled = (messages: Message[], flag: Flag) => analyzeRules(messages).flags.some((f) => f.flag === flag);

  it.each<[Flag, Message[]]>([
    ["pricing_request", [v("Trying to understand if IVF is realistic for us and what a cycle costs with you")]],
    ["pricing_request", [v("whats the interest on a car loan? looking at 12k over 4 years")]],
    ["pricing_request", [v("your chat said the full front would be £1,100. Can you confirm that's still the case?")]],
    ["custom_scope", [v("logo on both doors and chrome delete too. can u do a package for all of that")]],
    ["custom_scope", [v("I've just been made redundant. can I pause the repayments for 3 months?")]],
    ["guarantee_request", [v("can someone come TODAY. i need to know for sure someone is coming")]],
    ["emergency", [v("walk in cold room has stopped cooling. its at 9C and climbing, full weekend order inside")]],
    ["emergency", [v("big crack since yesterday, today the ceiling looks like going down a little")]],
    ["bot_promise", [b("We have an emergency inspection slot available tomorrow at 8:30am.")]],
    ["bot_promise", [b("Dr. Adeyemi has a consultation available on Friday at 4:30pm.")]],
    ["bot_promise", [b("Thank you, Priya, you're booked in with Dr. Adeyemi on Friday at 4:30pm.")]],
    ["bot_promise", [b("Yes, we'll have him home in Leeds by Thursday, in time for Friday's service.")]],
    ["sensitive_data", [v("I'm 39 and my AMH came back at 0.6 last month, my GP said that's low.")]],
  ])("%s: %j", (flag, messages) => {
    expect(ruled(messages, flag)).toBe(true);
  });

  it.each<[Flag, Message[]]>([
    ["pricing_request", [v("We've budgeted £1,100 for the front end and need it by Friday.")]],
    ["custom_scope", [v("can I pause my membership from the app?")]],
    ["guarantee_request", [v("for sure, Friday works for us")]],
    ["emergency", [v("I'm writing a feature on how firms recover from ransomware, could I interview someone?")]],
    ["emergency", [v("our fridge stopped working in 2021 and you replaced it")]],
    ["emergency", [v("prices are going down today, any deals?")]],
    ["bot_promise", [b("I can't say when a slot will be available; the office will confirm.")]],
    ["bot_promise", [v("your chat said you're booked in for Friday at 4pm, is that right?")]],
  ])("not %s: %j", (flag, messages) => {
    expect(ruled(messages, flag)).toBe(false);
  });

  it("does not mask a phone number with a 00 prefix as a card, and keeps it as the phone", () => {
    const brief = analyzeRules([v("Paweł Zieliński. telefon 0048 512 345 678, is polish number")]);
    expect(brief.sensitive.map((s) => s.kind)).not.toContain("card_number");
    expect(brief.contact.phone?.e164).toBe("+48512345678");
  });

  it.each<[string, Message[]]>([
    ["given", [b("Is it alright for our adviser to email the quote to Fiona's address?"), v("Yes dear that's fine")]],
    ["given", [v("+34 612 48 93 07. mejor llamadme por la tarde")]],
    ["given", [v("maybe is old email. if not work can someone call me, +48 601 234 567")]],
    ["refused", [v("no please dont call me, im at work. just put it in writing here")]],
    [
      "refused",
      [
        b("Would you like one of our team to email you a formal quote?"),
        v("I'd rather not end up on a mailing list. I'll come back through this chat if we go ahead"),
      ],
    ],
    ["given", [v("don't call, I'm on site all day. Put it in writing please: tom@hartley.example")]],
  ])("consent %s: %j", (status, messages) => {
    expect(analyzeRules(messages).consent.status).toBe(status);
  });

  it.each<[string, string]>([
    ["existing", "we've been hit by ransomware. we back up with you, I need to restore NOW"],
    ["existing", "I bank with you and my card was declined twice today"],
    ["new_or_unknown", "never been with you before, what plans do you have?"],
  ])("customer status %s: %s", (status, text) => {
    expect(analyzeRules([v(text)]).customerStatus.value).toBe(status);
  });

  it("reads a job seeker as other, and 'hes called Leo' as nobody's name", () => {
    expect(
      analyzeRules([v("I am qualified swim teacher. Do you search instructors? I can work weekends and evenings.")])
        .intent.value,
    ).toBe("other");
    expect(analyzeRules([v("07700 900412, hes called Leo")]).contact.name).toBeNull();
  });
});

// Holdout Q's first look: existing customers only implied, consent in more languages, other people's
// addresses, and past or hypothetical words that are not emergencies, frustration or complaints.
describe("phrases generalised from holdout Q", () => {
  const rulesOnly: AnalysisPolicy = { ...DEFAULT_POLICY, flagModel: {} };
  const analyzeRules = (messages: Message[]) => analyzeWithRules({ messages }, rulesOnly);
  const ruled = (messages: Message[], flag: Flag) => analyzeRules(messages).flags.some((f) => f.flag === flag);

  it.each<[string, string]>([
    ["existing", "the skip you dropped on tuesday was meant to go yesterday"],
    ["existing", "hi there, we're booked with you for 21 june at aldgrove barn"],
    ["existing", "paid the deposit for the march cohort 9 days ago, can i get it back?"],
    ["existing", "two weeks with no shore power and I pay over €4,000 a year for that berth"],
    ["existing", "just wanted to say THANK YOU for our wedding flowers on saturday"],
    ["existing", "need to move my 4.30 with jordan tmrw"],
    ["existing", "My mother, Ilse Dvořák, lives in Rowan wing (room 9)."],
    ["new_or_unknown", "If we paid a deposit now could you guarantee us a Wednesday?"],
    ["new_or_unknown", "thank you for the quick answer, how much is a skip?"],
  ])("customer status %s: %s", (status, text) => {
    expect(analyzeRules([v(text)]).customerStatus.value).toBe(status);
  });

  it.each<[string, Message[]]>([
    ["given", [b("Shall our booking team call you to confirm a time slot?"), v("igen, hívjanak fel légyszi 😎")]],
    ["given", [b("Can our team contact you about your flowers?"), v("Da, samo preko emaila molim 🙏")]],
    ["given", [b("Would you like them to get in touch?"), v("boleh, lewat email aja ya. dimas@surelku.example")]],
    ["given", [b("Is it OK for our team to contact you?"), v("Text yes. Please don't ring during the day.")]],
    ["given", [v("I'm the main contact. best is (512) 555-0187, text or call, either is fine")]],
    ["given", [v("Marike, +27 82 555 0199. Feel free to whatsapp or email, whichever suits the team.")]],
    ["refused", [b("Could I take your details?"), v("oh I'd rather not leave my number on a website, I'll pop in")]],
    [
      "refused",
      [b("If you like, I can take your email and someone from the team can send you some info."), v("nah ur alright")],
    ],
    ["not_asked", [v("Feel free to pass all of this on to the yard manager. How much is lift-out?")]],
  ])("consent %s: %j", (status, messages) => {
    expect(analyzeRules(messages).consent.status).toBe(status);
  });

  it("does not take a sister's, a fiancé's, a flatmate's or a supplier's address as the visitor's", () => {
    const email = (text: string) => analyzeRules([v(text)]).contact.email?.value ?? null;
    expect(email("my sister kate usually deals with the post (kate.ashby@postbox.example)")).toBeNull();
    expect(email("my fiancé tom (tom.reyes@corvidmail.example) is sorting the venue")).toBeNull();
    expect(email("my flatmate Lukas already emailed reception from lukas.brandt@uni-mail.example")).toBeNull();
    expect(email("emre@ozturk.example. my old supplier's rep was dan.h@pennine.example")).toBe("emre@ozturk.example");
  });

  it("reads a spaced NHS number as a government ID, never as a phone", () => {
    const brief = analyzeRules([v("Leonard Ashby, room 22. his NHS number is 943 476 5919 if that helps")]);
    expect(brief.contact.phone).toBeNull();
    expect(brief.sensitive.map((s) => s.kind)).toContain("government_id");
  });

  it.each<[Flag, Message[]]>([
    ["bot_promise", [b("We do have a new-patient slot with Dr Okonkwo this Thursday at 10:15.")]],
    ["bot_promise", [b("I can book you in for this Thursday at 10am UK time.")]],
    ["pricing_request", [v("I see two payments of £34.99 on 3rd March. Can you give one back please?")]],
    ["complaint", [v("your chat said it was included. bit of a letdown given what I was told")]],
    [
      "complaint",
      [v("My mother lives in Rowan wing. Nobody told the family until Tuesday. I find this not acceptable.")],
    ],
  ])("%s: %j", (flag, messages) => {
    expect(ruled(messages, flag)).toBe(true);
  });

  it.each<[Flag, Message[]]>([
    ["emergency", [v("my father had a minor stroke in October and his shoulder has been stiff since")]],
    ["emergency", [v("i had a reaction to cashews a few weeks back, throat swelled up and i ended up in A&E")]],
    ["sensitive_data", [v("would one of your sports massage therapists do a talk on injury prevention?")]],
    ["sensitive_data", [v("I got a text saying the therapist was off sick. Why have I been charged?")]],
    ["frustration", [v("he's settled so well since the diagnosis, moving him again would be awful")]],
    ["frustration", [v("my lower back has been awful since i moved house, shooting pain when i sit")]],
    ["complaint", [v("moving him again would be awful, is there a room on the ground floor?")]],
    ["repetition", [v("currently done in-house on spreadsheets (yes i know 🙈)")]],
    [
      "custom_scope",
      [v("whats your price per payslip?"), b("I can't quote in chat; the team prepares a tailored proposal.")],
    ],
  ])("not %s: %j", (flag, messages) => {
    expect(ruled(messages, flag)).toBe(false);
  });
});

describe("the policy is data", () => {
  it("a phrase an admin adds changes the analysis, without code", () => {
    const policy: AnalysisPolicy = structuredClone(DEFAULT_POLICY);
    const text = [v("is the sparkle package included?")];
    expect(flags(analyzeWithRules({ messages: text }, policy))).not.toContain("custom_scope");
    // A compiled policy is frozen: editing it in place must fail loudly, not be ignored.
    expect(() => policy.flags.custom_scope.push("x")).toThrow(TypeError);
    const edited: AnalysisPolicy = structuredClone(policy);
    edited.flags.custom_scope.push(String.raw`\bsparkle package\b`);
    expect(flags(analyzeWithRules({ messages: text }, edited))).toContain("custom_scope");
  });
  it("names a broken pattern", () => {
    const policy: AnalysisPolicy = structuredClone(DEFAULT_POLICY);
    policy.flags.emergency.push("(unclosed");
    expect(() => compilePolicy(policy)).toThrow(PolicyPatternError);
    expect(() => compilePolicy(policy)).toThrow(/flags\.emergency\[\d+\]/);
  });
});

describe("bad input", () => {
  it("names the wrong field", () => {
    expect(() => analyzeWithRules({ messages: [{ role: "customer", text: "hi" }] })).toThrow(InvalidConversationError);
    expect(() => analyzeWithRules({ messages: [{ role: "customer", text: "hi" }] })).toThrow(/messages\.0\.role/);
    expect(() => analyzeWithRules({ messages: "hello" })).toThrow(/messages/);
  });
  it.each([
    ["an empty conversation", []],
    ["only the bot", [b("Hi! How can I help?"), b("Are you still there?")]],
    ["emoji only", [v("👋👋😂🔥")]],
    ["HTML and markdown", [v("<div><b>Hi</b></div> **need** a [quote](http://x.example) for <i>3 rooms</i>")]],
    ["mixed languages", [v("Hola, I need ein Angebot pour 3 chambres, merci — ¿cuánto cuesta?")]],
  ] as const)("gives a valid brief for %s", (_label, messages) => {
    const brief = analyze([...messages]);
    expect(brief.nextAction.action).toBeTruthy();
    expectGrounded(brief, [...messages]);
  });
  it("handles 500 messages and a 100 KB message", () => {
    const many = Array.from({ length: 500 }, (_, i) =>
      i % 2 ? b(`Reply ${i}`) : v(`message ${i} about my order ${i}`),
    );
    expect(analyze(many).intent.value).toBe("support");
    const huge = v(`${"lorem ipsum dolor sit amet ".repeat(4_000)} how much is it?`);
    expect(huge.text.length).toBeGreaterThan(100_000);
    expectGrounded(analyze([huge]), [huge]);
  });
});

describe("summary", () => {
  it("ends each sentence once: a question keeps its question mark, a statement gets a full stop", () => {
    const brief = analyze([
      v("How much would a full rewire of a three bedroom house cost?"),
      b("Could you tell me your email?"),
      v("jo@okafor.example"),
    ]);
    expect(brief.summary).toContain("cost? ");
    expect(brief.summary).not.toMatch(/[?!.]\./);
    const statement = analyze([v("We need a new flat roof on our garage"), b("Email?"), v("dana@ruiz.example")]);
    expect(statement.summary).toMatch(/Need: [^.?!]*garage\. /);
  });
});
