import { DEMO_SOURCE } from "../auth/demo-accounts";
import type { Db } from "../db/client";
import type { IngestConversation } from "./ingest/payload";
import { ingestConversation } from "./ingest/ingest-conversation";

// Demo mode only: a handful of chats that show each path a conversation can take (handed to sales,
// handed to support, and the exception queue's reasons), ingested through the same pipeline as a
// real post, so the queue, a case and an inbox have something true to show. Each is posted once;
// what reviewers do with them afterwards is kept across restarts.

type Line = [role: "visitor" | "bot" | "agent", text: string];

interface DemoChat {
  id: string;
  minutesAgo: number;
  pageUrl: string;
  utm?: IngestConversation["utm"];
  visitor?: IngestConversation["visitor"];
  lines: Line[];
}

const CONSENT_Q = "Is it OK for someone from our team to contact you about this by email or phone?";

export const DEMO_CHATS: readonly DemoChat[] = [
  {
    id: "demo-roof-quote",
    minutesAgo: 12,
    pageUrl: "https://www.example-roofing.test/services/flat-roofs?utm_source=google&utm_campaign=spring-roofs",
    lines: [
      ["visitor", "Hi, we need a new flat roof on our garage, about 20 square metres. It leaks when it rains hard."],
      ["bot", "Thanks! Could you tell me your name and the best email to reach you?"],
      ["visitor", "Dana Ruiz, dana.ruiz@example.org"],
      ["bot", CONSENT_Q],
      ["visitor", "Yes, email is fine."],
      ["visitor", "Could someone come round and take a look at it?"],
    ],
  },
  {
    id: "demo-office-cleaning",
    minutesAgo: 18,
    pageUrl: "https://www.example-roofing.test/services/commercial?utm_source=newsletter&utm_campaign=december",
    lines: [
      ["visitor", "Hello, we manage a 400 square metre office and want our roof and gutters inspected before winter."],
      ["bot", "We can help with that. What's your name, company and email?"],
      ["visitor", "Tom Berg from Northwind Offices, tom.berg@northwind.example"],
      ["bot", CONSENT_Q],
      ["visitor", "Yes, please email me."],
      ["visitor", "Do you also clear the gutters during an inspection?"],
    ],
  },
  {
    id: "demo-invoice-vat",
    minutesAgo: 35,
    pageUrl: "https://www.example-roofing.test/account/billing",
    lines: [
      ["visitor", "My last invoice shows the wrong VAT number. Can you fix it and send a corrected one?"],
      ["bot", "Sorry about that. What is your name and email, so our support team can look it up?"],
      ["visitor", "Sam Patel, sam.patel@example.net. The right VAT number is GB123456789."],
      ["bot", CONSENT_Q],
      ["visitor", "Yes please, email me."],
    ],
  },
  {
    id: "demo-rewire-price",
    minutesAgo: 50,
    pageUrl: "https://www.example-roofing.test/pricing",
    utm: { source: "facebook", medium: "cpc", campaign: "winter-offers" },
    lines: [
      ["visitor", "How much would a full rewire of a three bedroom house cost? I need an exact price today."],
      ["bot", "I can't quote a price here, but a specialist can. What's your name and email?"],
      ["visitor", "Jo Okafor, jo.okafor@example.com"],
      ["bot", CONSENT_Q],
      ["visitor", "ok"],
    ],
  },
  {
    id: "demo-burst-pipe",
    minutesAgo: 4,
    pageUrl: "https://www.example-roofing.test/emergency",
    lines: [
      ["visitor", "Water is pouring through my ceiling right now, a pipe has burst in the loft!"],
      ["bot", "That sounds urgent. What's your phone number so someone can call you straight away?"],
      ["visitor", "07700 900123, I'm Priya Shah. Please call me now."],
    ],
  },
  {
    id: "demo-frustrated",
    minutesAgo: 20,
    pageUrl: "https://www.example-roofing.test/contact",
    lines: [
      ["visitor", "My gutter repair from last week is still leaking."],
      ["bot", "I can help with that. Could you describe the problem?"],
      ["visitor", "I just told you. The gutter you repaired is still leaking."],
      ["bot", "Could you describe the problem?"],
      ["visitor", "THIS IS USELESS. I want a real person. Lee Wong, lee.wong@example.org"],
    ],
  },
  {
    id: "demo-no-consent",
    minutesAgo: 75,
    pageUrl: "https://www.example-roofing.test/services/skylights",
    visitor: { name: "Ana Costa", email: "ana.costa@example.com" },
    lines: [
      ["visitor", "We'd like two skylights fitted in our loft conversion next month."],
      ["bot", CONSENT_Q],
      ["visitor", "Hmm, maybe. Let me think about it first."],
    ],
  },
  {
    id: "demo-vague",
    minutesAgo: 8,
    pageUrl: "https://www.example-roofing.test/",
    lines: [
      ["visitor", "hello, help with something"],
      ["bot", "Happy to help! What are you looking for today?"],
      ["visitor", "not sure really, just browsing"],
    ],
  },
  {
    id: "demo-seo-spam",
    minutesAgo: 95,
    pageUrl: "https://www.example-roofing.test/contact",
    lines: [
      [
        "visitor",
        "We offer guaranteed first page Google rankings and cheap backlinks for your website. Reply for a free SEO audit!",
      ],
    ],
  },
];

/** Ingests the demo chats through the demo source (demo mode only; the caller checks). */
export async function seedDemoConversations(db: Db, now = new Date()): Promise<number> {
  const source = await db.source.findUnique({
    where: { name: DEMO_SOURCE.name },
    select: { id: true, name: true, kind: true, signingSecret: true, rateLimitPerMinute: true },
  });
  if (!source) throw new Error("seed the demo source before the demo conversations");
  const existing = new Set(
    (
      await db.conversation.findMany({
        where: { sourceId: source.id, externalId: { in: DEMO_CHATS.map((c) => c.id) } },
        select: { externalId: true },
      })
    ).map((c) => c.externalId),
  );
  let created = 0;
  // Once each: the times are relative to the first start, and a later start must not re-post them.
  for (const chat of DEMO_CHATS.filter((c) => !existing.has(c.id))) {
    const start = now.getTime() - chat.minutesAgo * 60_000;
    const outcome = await ingestConversation(db, source, {
      externalId: chat.id,
      pageUrl: chat.pageUrl,
      ...(chat.utm ? { utm: chat.utm } : {}),
      ...(chat.visitor ? { visitor: chat.visitor } : {}),
      messages: chat.lines.map(([role, text], i) => ({ role, text, at: new Date(start + i * 40_000).toISOString() })),
      locale: "en-GB",
    });
    if (outcome.created) created += 1;
  }
  return created;
}
