import type { Db } from "../../db/client";

// Approved wording for the first reply to a visitor. Each says who will look after them and asks
// what they need, and promises nothing about price, timing, scope or results (a test holds every
// seeded template to the promise check). The visitor's request is quoted back in their own words,
// inside quotation marks, so what they wrote ("by Friday", "£500") never reads as our promise.

export interface SeedTemplate {
  name: string;
  body: string;
}

export const DEFAULT_REPLY_TEMPLATES: readonly SeedTemplate[] = [
  {
    name: "Introduce myself and ask for details",
    body: [
      "Hi {{name}},",
      "",
      "Thank you for getting in touch with us about this:",
      "",
      "“{{need}}”",
      "",
      "I'm {{owner}}, and I'll be looking after your enquiry from here. So that I understand exactly what you have in mind, could you tell me a little more about it? Anything you can share about what you need and what matters most to you will help.",
      "",
      "Just reply to this email and it will come straight to me.",
      "",
      "Best regards,",
      "{{owner}}",
    ].join("\n"),
  },
  {
    name: "Question received, looking into it",
    body: [
      "Hi {{name}},",
      "",
      "Thank you for your message. I've read your conversation with our assistant, and I'm looking into what you asked about:",
      "",
      "“{{need}}”",
      "",
      "I'll reply by email as soon as I have a proper answer for you. If anything changes in the meantime, or there's something you'd like to add, just reply to this email.",
      "",
      "Kind regards,",
      "{{owner}}",
    ].join("\n"),
  },
  {
    name: "Offer a call",
    body: [
      "Hi {{name}},",
      "",
      "Thanks for reaching out about this:",
      "",
      "“{{need}}”",
      "",
      "I'm {{owner}}, and I'd be glad to talk it through with you.",
      "",
      "Would a short call suit you? If so, reply to this email with a few times that are convenient and the best number to reach you on, and I'll get back to you to agree one.",
      "",
      "Best wishes,",
      "{{owner}}",
    ].join("\n"),
  },
];

/**
 * Adds the default templates that are missing, by name. Safe to run on every start: a template an
 * admin edited or switched off keeps its wording and its state. Returns how many were added.
 */
export async function seedReplyTemplates(db: Db): Promise<number> {
  let added = 0;
  for (const template of DEFAULT_REPLY_TEMPLATES) {
    const existing = await db.replyTemplate.findUnique({ where: { name: template.name }, select: { id: true } });
    if (existing) continue;
    // Two starts at once: the unique name keeps one; the loser's insert is skipped.
    const created = await db.replyTemplate.createMany({ data: [template], skipDuplicates: true });
    added += created.count;
  }
  return added;
}

export async function listActiveTemplates(db: Db) {
  return db.replyTemplate.findMany({
    where: { active: true },
    orderBy: { name: "asc" },
    select: { id: true, name: true, body: true },
  });
}
