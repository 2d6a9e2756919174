import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../../db/client";
import { AppError } from "../../errors";
import { recordAudit } from "../audit";
import type { AuthenticatedSource } from "../sources";

// A widget source's public face: the id its script tag carries, its title and colour, the sites
// allowed to embed it, and the FAQ text the bot may answer from when a language model is set up.
// The public id is no secret: it lets a page start a chat and nothing else, within the widget's
// limits, on the allowed sites only.

const ZOrigin = z
  .string()
  .trim()
  .transform((value, ctx) => {
    try {
      const url = new URL(value);
      if (url.protocol === "https:" || url.protocol === "http:") return url.origin;
    } catch {
      // reported below
    }
    ctx.addIssue({ code: "custom", message: "use a site address like https://www.example.com" });
    return z.NEVER;
  });

export const ZWidgetSettings = z.object({
  title: z
    .string()
    .trim()
    .min(1, "title is required")
    .max(60, "title is at most 60 characters")
    .default("Chat with us"),
  launcherLabel: z
    .string()
    .trim()
    .min(1, "launcherLabel is required")
    .max(40, "launcherLabel is at most 40 characters")
    .default("Chat with us"),
  accentColor: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, "accentColor must be a colour like #1d4ed8")
    .default("#1d4ed8"),
  /** Sites allowed to embed the widget (origins); empty allows any site. */
  allowedOrigins: z.array(ZOrigin).max(50, "at most 50 sites").default([]),
  /** What the bot may answer general questions from (with a language model set up). */
  faq: z.string().max(20_000, "the FAQ text is at most 20,000 characters").default(""),
});
export type WidgetSettings = z.infer<typeof ZWidgetSettings>;

export interface WidgetSource extends AuthenticatedSource {
  publicId: string;
  settings: WidgetSettings;
}

export function generatePublicId(): string {
  return `wgt_${randomBytes(12).toString("base64url")}`;
}

/** The widget a page's script tag names, or null when there is none (or it was revoked). */
export async function findWidgetSource(db: Db, publicId: string): Promise<WidgetSource | null> {
  if (!/^wgt_[\w-]{8,64}$/.test(publicId)) return null;
  const row = await db.source.findUnique({
    where: { publicId },
    select: {
      id: true,
      name: true,
      kind: true,
      signingSecret: true,
      rateLimitPerMinute: true,
      publicId: true,
      widgetSettings: true,
      revokedAt: true,
    },
  });
  if (!row || row.kind !== "widget" || row.revokedAt || !row.publicId) return null;
  return { ...row, publicId: row.publicId, settings: readWidgetSettings(row.widgetSettings) };
}

/** Stored settings read leniently: what no longer parses falls back to the default for that field. */
export function readWidgetSettings(stored: unknown): WidgetSettings {
  const parsed = ZWidgetSettings.safeParse(stored ?? {});
  if (parsed.success) return parsed.data;
  const fields = (stored && typeof stored === "object" ? stored : {}) as Record<string, unknown>;
  const settings = ZWidgetSettings.parse({});
  for (const key of Object.keys(settings) as (keyof WidgetSettings)[]) {
    const field = ZWidgetSettings.shape[key].safeParse(fields[key]);
    if (field.success) Object.assign(settings, { [key]: field.data });
  }
  return settings;
}

/** Whether a page on `origin` may use this widget (browsers send Origin; other clients may not). */
export function originAllowed(settings: WidgetSettings, origin: string | null): boolean {
  if (settings.allowedOrigins.length === 0) return true;
  return origin !== null && settings.allowedOrigins.includes(origin);
}

export async function updateWidgetSettings(db: Db, actorId: string, sourceId: string, input: unknown) {
  const settings = ZWidgetSettings.parse(input);
  const source = await db.source.findUnique({
    where: { id: sourceId },
    select: { kind: true, publicId: true, widgetSettings: true, revokedAt: true },
  });
  if (!source || source.revokedAt) throw new AppError("NOT_FOUND", "no such source");
  if (source.kind !== "widget") throw new AppError("BAD_REQUEST", "only widget sources have widget settings");
  const before = readWidgetSettings(source.widgetSettings);
  await db.$transaction(async (tx) => {
    await tx.source.update({
      where: { id: sourceId },
      data: { widgetSettings: settings, publicId: source.publicId ?? generatePublicId() },
    });
    await recordAudit(tx, {
      actorId,
      action: "source.widget_updated",
      targetType: "source",
      targetId: sourceId,
      // The FAQ can be long: the audit keeps its size, not its text.
      before: { ...before, faq: `${before.faq.length} characters` },
      after: { ...settings, faq: `${settings.faq.length} characters` },
    });
  });
  return settings;
}
