import { z } from "zod";
import type { Db } from "../../db/client";
import { isUniqueViolation } from "../../db/errors";
import { checkReplyForPromises, RISK_NAMES } from "../../domain/replies/promise-check";
import { AppError } from "../../errors";
import { recordAudit } from "../audit";

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

// ------------------------------------------------------------------------- managed in settings

export const ZTemplateInput = z.object({
  id: z.uuid("id must be a template id").optional(),
  name: z.string().trim().min(1, "name is required").max(120, "name is at most 120 characters"),
  body: z
    .string()
    .trim()
    .min(20, "body: write at least a sentence")
    .max(5_000, "body is at most 5,000 characters")
    .refine(
      (body) => !/\{\{(?!name\}\}|need\}\}|owner\}\})[^}]*\}\}/.test(body),
      "body: the only placeholders are {{name}}, {{need}} and {{owner}}",
    ),
  active: z.boolean().default(true),
});

export async function listAllTemplates(db: Db) {
  return db.replyTemplate.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }],
    select: { id: true, name: true, body: true, active: true, updatedAt: true, _count: { select: { replies: true } } },
  });
}

/**
 * Creates or edits a first-reply template. A template that could make a promise is refused, naming
 * the words: replies drafted from it reach visitors. Audited with the wording before and after.
 */
export async function saveTemplate(db: Db, actorId: string, input: z.infer<typeof ZTemplateInput>) {
  // Placeholders filled with neutral words, so the check reads the template's own wording.
  const sample = input.body
    .replaceAll("{{name}}", "Sam")
    .replaceAll("{{owner}}", "Alex")
    .replaceAll("{{need}}", "your request");
  const risks = checkReplyForPromises(sample);
  if (risks.length > 0)
    throw new AppError(
      "BAD_REQUEST",
      `body: "${risks[0]!.quote}" reads as a promise (${RISK_NAMES[risks[0]!.kind]}); templates may not promise pricing, timing, scope, results or fit`,
      { field: "body" },
    );
  try {
    return await db.$transaction(async (tx) => {
      const before = input.id
        ? await tx.replyTemplate.findUnique({
            where: { id: input.id },
            select: { name: true, body: true, active: true },
          })
        : null;
      if (input.id && !before) throw new AppError("NOT_FOUND", "id: no such template", { field: "id" });
      const data = { name: input.name, body: input.body, active: input.active };
      const saved = input.id
        ? await tx.replyTemplate.update({ where: { id: input.id }, data, select: { id: true } })
        : await tx.replyTemplate.create({ data, select: { id: true } });
      await recordAudit(tx, {
        actorId,
        action: input.id ? "reply_template.updated" : "reply_template.created",
        targetType: "reply_template",
        targetId: saved.id,
        before,
        after: data,
      });
      return saved;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", `name: a template called ${input.name} already exists`, { field: "name" });
    throw error;
  }
}
