import { z } from "zod";

// A chat widget's settings (a widget source's): its title and colour, the sites allowed to embed
// it, and the FAQ text the bot may answer from. Pure, so the settings form checks with the server's schema.

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
