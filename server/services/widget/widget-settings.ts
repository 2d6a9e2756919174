import { randomBytes } from "node:crypto";
import type { Db } from "../../db/client";
import { AppError } from "../../errors";
import { recordAudit } from "../audit";
import type { AuthenticatedSource } from "../sources";
import {
  originAllowed,
  readWidgetSettings,
  ZWidgetSettings,
  type WidgetSettings,
} from "../../domain/bot/widget-settings";
import { getEnv } from "../../env";

export { ZWidgetSettings, type WidgetSettings } from "../../domain/bot/widget-settings";

// A widget source's public face: the id its script tag carries, its title and colour, the sites
// allowed to embed it, and the FAQ text the bot may answer from when a language model is set up.
// The public id is no secret: it lets a page start a chat and nothing else, within the widget's
// limits, on the allowed sites only.

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

/**
 * Whether a page on `origin` may use the widget: the allowed sites, and always the console's own
 * pages (the sample site). A request without an Origin is not a cross-site browser request
 * (browsers send one on every cross-site fetch), so the list, a browser control, does not apply.
 */
export function mayEmbed(source: WidgetSource, origin: string | null): boolean {
  if (origin === null || origin === new URL(getEnv().APP_URL).origin) return true;
  return originAllowed(source.settings, origin);
}

/** The script tag a site adds to show the widget. */
export function embedSnippet(appUrl: string, publicId: string): string {
  return `<script src="${new URL("/widget.js", appUrl).toString()}" data-source="${publicId}" async></script>`;
}

/** Widget sources for the settings page, with their script tag and settings. */
export async function listWidgets(db: Db, appUrl: string) {
  const rows = await db.source.findMany({
    where: { kind: "widget", revokedAt: null },
    select: { id: true, name: true, publicId: true, widgetSettings: true },
    orderBy: { createdAt: "asc" },
  });
  const widgets = [];
  for (const row of rows) {
    // A widget source made before widgets had public ids gets one on first view.
    const publicId =
      row.publicId ??
      (await db.source.update({ where: { id: row.id }, data: { publicId: generatePublicId() } })).publicId!;
    widgets.push({
      id: row.id,
      name: row.name,
      publicId,
      settings: readWidgetSettings(row.widgetSettings),
      snippet: embedSnippet(appUrl, publicId),
      previewPath: `/sample-site?widget=${encodeURIComponent(publicId)}`,
    });
  }
  return widgets;
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
