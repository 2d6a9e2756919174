import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../db/client";
import { sqlQuery } from "../db/sql";
import type { SourceKind } from "../db/generated/prisma/client";
import { AppError } from "../errors";
import { recordAudit } from "./audit";
import { equalBytes } from "../constant-time";
import { generatePublicId } from "./widget/widget-settings";

// Sources are the chat platforms and sites that send conversations. Each has an API key, shown once
// and kept only as a hash, and a Standard Webhooks signing secret. Rotating a key keeps the old one
// working for a grace period so a sender can switch without dropping conversations.

const KEY_PREFIX_LENGTH = 11; // "hd_" + 8 characters

export const ZCreateSource = z.object({
  name: z.string().trim().min(1, "name is required").max(100, "name must be at most 100 characters"),
  kind: z.enum(["api", "chatwoot", "intercom", "widget"], {
    message: "kind must be api, chatwoot, intercom or widget",
  }),
  rateLimitPerMinute: z.number().int().min(1).max(100_000).optional(),
  /** Chatwoot's webhook secret or Intercom's client secret, to check the platform's signatures. */
  platformSecret: z.string().trim().min(8, "platformSecret must be at least 8 characters").max(500).optional(),
});

const PLATFORM_KINDS: readonly SourceKind[] = ["chatwoot", "intercom"];
export const WIDGET_RATE_LIMIT_PER_MINUTE = 6_000;

export interface IssuedSource {
  id: string;
  name: string;
  kind: SourceKind;
  /** Shown once; only its hash is stored. */
  apiKey: string;
  signingSecret: string;
  /** For Chatwoot and Intercom sources: the secret token for the webhook URL, shown once. */
  webhookUrlToken?: string;
}

/** Where a Chatwoot or Intercom source's webhooks go (the URL to paste into the platform), without its token. */
export function platformWebhookUrl(appUrl: string, source: { kind: string; id: string }): string {
  return new URL(`/api/v1/webhooks/${source.kind}/${source.id}`, appUrl).toString();
}

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const id = randomBytes(6).toString("base64url").slice(0, 8);
  const key = `hd_${id}_${randomBytes(32).toString("base64url")}`;
  return { key, prefix: key.slice(0, KEY_PREFIX_LENGTH), hash: hashApiKey(key) };
}

export function generateSigningSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export async function createSource(db: Db, actorId: string | null, input: unknown): Promise<IssuedSource> {
  const data = ZCreateSource.parse(input);
  const existing = await db.source.findUnique({ where: { name: data.name }, select: { id: true } });
  if (existing) throw new AppError("CONFLICT", `a source named "${data.name}" already exists`);
  const key = generateApiKey();
  const signingSecret = generateSigningSecret();
  const webhookUrlToken = PLATFORM_KINDS.includes(data.kind) ? randomBytes(24).toString("base64url") : undefined;
  const source = await db.$transaction(async (tx) => {
    const row = await tx.source.create({
      data: {
        name: data.name,
        kind: data.kind,
        keyPrefix: key.prefix,
        keyHash: key.hash,
        signingSecret,
        // A widget's requests come from every visitor of a site, each limited on their own as well.
        rateLimitPerMinute:
          data.rateLimitPerMinute ?? (data.kind === "widget" ? WIDGET_RATE_LIMIT_PER_MINUTE : undefined),
        platformSecret: data.platformSecret,
        urlTokenHash: webhookUrlToken ? hashApiKey(webhookUrlToken) : undefined,
        // The chat widget's script tag carries this id instead of a key (issue 8).
        publicId: data.kind === "widget" ? generatePublicId() : undefined,
      },
      select: { id: true, name: true, kind: true },
    });
    await recordAudit(tx, {
      actorId,
      action: "source.created",
      targetType: "source",
      targetId: row.id,
      after: { name: row.name, kind: row.kind, keyPrefix: key.prefix },
    });
    return row;
  });
  return { ...source, apiKey: key.key, signingSecret, webhookUrlToken };
}

/** Sets (or, with null, clears) the platform's webhook secret for a Chatwoot or Intercom source. */
export async function setPlatformSecret(db: Db, actorId: string | null, sourceName: string, secret: string | null) {
  const source = await findSourceByName(db, sourceName);
  if (!PLATFORM_KINDS.includes(source.kind)) {
    throw new AppError(
      "BAD_REQUEST",
      `source "${sourceName}" is a ${source.kind} source; only chatwoot and intercom sources have a platform secret`,
    );
  }
  const value = secret === null ? null : ZCreateSource.shape.platformSecret.unwrap().parse(secret);
  await db.$transaction(async (tx) => {
    await tx.source.update({ where: { id: source.id }, data: { platformSecret: value } });
    await recordAudit(tx, {
      actorId,
      action: value ? "source.platform_secret_set" : "source.platform_secret_cleared",
      targetType: "source",
      targetId: source.id,
    });
  });
}

export interface PlatformSource {
  id: string;
  kind: SourceKind;
  platformSecret: string | null;
  rateLimitPerMinute: number;
  signingSecret: string;
  name: string;
}

/**
 * The Chatwoot or Intercom source a webhook URL names, when the delivery proves it came from that
 * platform: by the platform's signature when the source has the platform's secret, else by the
 * secret token in the URL. Null for anything else (unknown, revoked, wrong kind, wrong token).
 */
export async function findPlatformSource(
  db: Db,
  sourceId: string,
  kind: SourceKind,
  urlToken: string | null,
): Promise<{ source: PlatformSource; verifiedBy: "signature" | "url_token" } | null> {
  if (!z.uuid().safeParse(sourceId).success) return null;
  const source = await db.source.findUnique({
    where: { id: sourceId },
    select: {
      id: true,
      name: true,
      kind: true,
      platformSecret: true,
      urlTokenHash: true,
      rateLimitPerMinute: true,
      signingSecret: true,
      revokedAt: true,
    },
  });
  if (!source || source.revokedAt || source.kind !== kind) return null;
  const { urlTokenHash, revokedAt: _revoked, ...platform } = source;
  if (source.platformSecret) return { source: platform, verifiedBy: "signature" };
  if (urlToken && urlTokenHash && equalHashes(Buffer.from(hashApiKey(urlToken), "hex"), urlTokenHash)) {
    return { source: platform, verifiedBy: "url_token" };
  }
  return null;
}

/** A new key; the old one keeps working for `graceMinutes` (0 ends it at once). */
export async function rotateSourceKey(
  db: Db,
  actorId: string | null,
  sourceName: string,
  graceMinutes = 60,
): Promise<IssuedSource> {
  const source = await findSourceByName(db, sourceName);
  if (source.revokedAt) throw new AppError("CONFLICT", `source "${sourceName}" is revoked`);
  const key = generateApiKey();
  await db.$transaction(async (tx) => {
    await tx.source.update({
      where: { id: source.id },
      data: {
        keyPrefix: key.prefix,
        keyHash: key.hash,
        previousKeyPrefix: graceMinutes > 0 ? source.keyPrefix : null,
        previousKeyHash: graceMinutes > 0 ? source.keyHash : null,
        previousKeyExpiresAt: graceMinutes > 0 ? new Date(Date.now() + graceMinutes * 60_000) : null,
      },
    });
    await recordAudit(tx, {
      actorId,
      action: "source.key_rotated",
      targetType: "source",
      targetId: source.id,
      before: { keyPrefix: source.keyPrefix },
      after: { keyPrefix: key.prefix, oldKeyValidForMinutes: graceMinutes },
    });
  });
  return { id: source.id, name: source.name, kind: source.kind, apiKey: key.key, signingSecret: source.signingSecret };
}

export async function revokeSource(db: Db, actorId: string | null, sourceName: string): Promise<void> {
  const source = await findSourceByName(db, sourceName);
  if (source.revokedAt) return;
  await db.$transaction(async (tx) => {
    await tx.source.update({ where: { id: source.id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, { actorId, action: "source.revoked", targetType: "source", targetId: source.id });
  });
}

export async function listSources(db: Db) {
  return db.source.findMany({
    select: { id: true, name: true, kind: true, keyPrefix: true, revokedAt: true, lastUsedAt: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  });
}

async function findSourceByName(db: Db, name: string) {
  const source = await db.source.findUnique({
    where: { name },
    select: {
      id: true,
      name: true,
      kind: true,
      keyPrefix: true,
      keyHash: true,
      signingSecret: true,
      revokedAt: true,
    },
  });
  if (!source) throw new AppError("NOT_FOUND", `no source named "${name}"`);
  return source;
}

export interface AuthenticatedSource {
  id: string;
  name: string;
  kind: SourceKind;
  signingSecret: string;
  rateLimitPerMinute: number;
}

/**
 * The source an API key belongs to, or null for a missing, unknown, revoked or expired key. The hash
 * comparison is constant-time; which of those it was is not told to the caller.
 */
export async function authenticateSourceKey(db: Db, key: string | null): Promise<AuthenticatedSource | null> {
  if (!key || key.length < KEY_PREFIX_LENGTH + 10 || !key.startsWith("hd_")) return null;
  const prefix = key.slice(0, KEY_PREFIX_LENGTH);
  // Every API request passes here: one statement through the driver, not Prisma.
  const [source] = await sqlQuery<{
    id: string;
    name: string;
    kind: SourceKind;
    keyPrefix: string;
    keyHash: string;
    previousKeyPrefix: string | null;
    previousKeyHash: string | null;
    previousKeyExpiresAt: Date | null;
    signingSecret: string;
    rateLimitPerMinute: number;
    revokedAt: Date | null;
    lastUsedAt: Date | null;
  }>(
    `SELECT id, name, kind::text AS kind, key_prefix AS "keyPrefix", key_hash AS "keyHash",
            previous_key_prefix AS "previousKeyPrefix", previous_key_hash AS "previousKeyHash",
            previous_key_expires_at AS "previousKeyExpiresAt", signing_secret AS "signingSecret",
            rate_limit_per_minute AS "rateLimitPerMinute", revoked_at AS "revokedAt", last_used_at AS "lastUsedAt"
       FROM sources WHERE key_prefix = $1::text OR previous_key_prefix = $1::text LIMIT 1`,
    [prefix],
  );
  if (!source || source.revokedAt) return null;
  const presented = Buffer.from(hashApiKey(key), "hex");
  const current = source.keyPrefix === prefix && equalHashes(presented, source.keyHash);
  const previous =
    !current &&
    source.previousKeyPrefix === prefix &&
    source.previousKeyHash !== null &&
    source.previousKeyExpiresAt !== null &&
    new Date(source.previousKeyExpiresAt) > new Date() &&
    equalHashes(presented, source.previousKeyHash);
  if (!current && !previous) return null;
  // One write a minute at most, not one per request.
  if (!source.lastUsedAt || Date.now() - new Date(source.lastUsedAt).getTime() > 60_000) {
    await db.source.update({ where: { id: source.id }, data: { lastUsedAt: new Date() } }).catch(() => {});
  }
  return {
    id: source.id,
    name: source.name,
    kind: source.kind,
    signingSecret: source.signingSecret,
    rateLimitPerMinute: source.rateLimitPerMinute,
  };
}

function equalHashes(presented: Buffer, storedHex: string): boolean {
  const stored = Buffer.from(storedHex, "hex");
  return equalBytes(stored, presented);
}
