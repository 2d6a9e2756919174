import { generateText } from "ai";
import { createHash } from "node:crypto";
import { z } from "zod";
import { createAnalysisModel, type ModelSettings } from "../../ai/provider";
import type { Db } from "../../db/client";
import { getEnv } from "../../env";
import { AppError } from "../../errors";
import { postOutbound } from "../../net/outbound-http";
import { maskText } from "../../domain/redaction/mask";
import { recordAudit } from "../audit";
import { getMailer } from "../outbound/mailer";
import { readSetting, writeSetting } from "./app-settings";
import { decryptSecret, encryptSecret } from "./secrets";

// Email (SMTP), alerts and the language model, set by an admin in the console. What is saved here
// wins over the environment (SMTP_URL, ALERT_WEBHOOK_URL, ANALYSIS_MODEL_*), which stays the way to
// configure an install without the console. Secrets are write-only: the browser learns whether one
// is set, never its value; an empty field keeps it, and "clear" removes it.

export const MODEL_PROVIDERS = ["none", "openai-compatible", "openai", "anthropic", "ollama"] as const;

/** A secret field in a form: absent keeps the stored one, null clears it, a string replaces it. */
const ZSecretInput = (field: string) =>
  z.string().trim().min(1, `${field} cannot be empty`).max(4_000, `${field} is too long`).nullable().optional();

const ZStoredEmail = z.object({
  host: z.string(),
  port: z.number(),
  secure: z.boolean(),
  username: z.string().nullable(),
  password: z.string().nullable(),
  from: z.string(),
});
const ZStoredAlerts = z.object({ webhookUrl: z.string().nullable() });
const ZStoredModel = z.object({
  provider: z.enum(MODEL_PROVIDERS),
  model: z.string().nullable(),
  baseUrl: z.string().nullable(),
  apiKey: z.string().nullable(),
  timeoutMs: z.number(),
});

export const ZEmailInput = z.object({
  host: z
    .string()
    .trim()
    .min(1, "host is required")
    .max(253)
    .regex(/^[A-Za-z0-9.-]+$/, "host must be a host name such as smtp.example.com"),
  port: z
    .number({ message: "port must be a number" })
    .int()
    .min(1, "port must be 1–65535")
    .max(65_535, "port must be 1–65535"),
  /** TLS from the start (port 465); otherwise STARTTLS when the server offers it. */
  secure: z.boolean(),
  username: z.string().trim().max(320).optional(),
  password: ZSecretInput("password"),
  from: z.string().trim().min(3, "from must be an address such as Handoff Desk <handoffs@example.com>").max(320),
});

export const ZAlertsInput = z.object({
  webhookUrl: z
    .url({ message: "webhookUrl must be the incoming webhook's URL" })
    .max(2_000)
    .refine((url) => url.startsWith("https://") || url.startsWith("http://"), "webhookUrl must be an http(s) URL")
    .nullable()
    .optional(),
});

export const ZModelInput = z.object({
  provider: z.enum(MODEL_PROVIDERS, { message: `provider must be one of ${MODEL_PROVIDERS.join(", ")}` }),
  model: z.string().trim().max(200).optional(),
  baseUrl: z.url({ message: "baseUrl must be the provider's API base URL" }).max(2_000).optional(),
  apiKey: ZSecretInput("apiKey"),
  timeoutMs: z
    .number()
    .int()
    .min(1_000, "timeoutMs must be at least 1,000")
    .max(300_000, "timeoutMs must be at most 300,000"),
});

const KEYS = { email: "integrations.email", alerts: "integrations.alerts", model: "integrations.model" } as const;

const sealed = (value: string | null | undefined, stored: string | null): string | null =>
  value === undefined ? stored : value === null ? null : encryptSecret(value);

const hostOf = (url: string | null) => {
  if (!url) return null;
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
};

/** What the integrations page shows: settings without their secrets, and where each comes from. */
export async function getIntegrations(db: Db) {
  const env = getEnv();
  const [email, alerts, model] = await Promise.all([
    readSetting(db, KEYS.email, ZStoredEmail.nullable(), null),
    readSetting(db, KEYS.alerts, ZStoredAlerts.nullable(), null),
    readSetting(db, KEYS.model, ZStoredModel.nullable(), null),
  ]);
  const envSmtp = env.SMTP_URL ? new URL(env.SMTP_URL) : null;
  const alertUrl = alerts.value?.webhookUrl ? decryptSecret(alerts.value.webhookUrl) : null;
  return {
    email: email.value
      ? {
          source: "settings" as const,
          host: email.value.host,
          port: email.value.port,
          secure: email.value.secure,
          username: email.value.username,
          from: email.value.from,
          hasPassword: email.value.password !== null,
          passwordUnreadable: email.value.password !== null && decryptSecret(email.value.password) === null,
        }
      : {
          source: envSmtp ? ("environment" as const) : ("none" as const),
          host: envSmtp?.hostname ?? "",
          port: envSmtp ? Number(envSmtp.port || (envSmtp.protocol === "smtps:" ? 465 : 587)) : 587,
          secure: envSmtp?.protocol === "smtps:",
          username: envSmtp?.username ? decodeURIComponent(envSmtp.username) : null,
          from: env.EMAIL_FROM,
          hasPassword: Boolean(envSmtp?.password),
          passwordUnreadable: false,
        },
    alerts: alerts.value?.webhookUrl
      ? {
          source: "settings" as const,
          hasWebhookUrl: true,
          webhookHost: hostOf(alertUrl),
          unreadable: alertUrl === null,
        }
      : {
          source: env.ALERT_WEBHOOK_URL ? ("environment" as const) : ("none" as const),
          hasWebhookUrl: Boolean(env.ALERT_WEBHOOK_URL),
          webhookHost: hostOf(env.ALERT_WEBHOOK_URL ?? null),
          unreadable: false,
        },
    model: model.value
      ? {
          source: "settings" as const,
          provider: model.value.provider,
          model: model.value.model,
          baseUrl: model.value.baseUrl,
          hasApiKey: model.value.apiKey !== null,
          timeoutMs: model.value.timeoutMs,
        }
      : {
          source: env.ANALYSIS_MODEL_PROVIDER === "none" ? ("none" as const) : ("environment" as const),
          provider: env.ANALYSIS_MODEL_PROVIDER,
          model: env.ANALYSIS_MODEL ?? null,
          baseUrl: env.ANALYSIS_MODEL_BASE_URL ?? null,
          hasApiKey: Boolean(env.ANALYSIS_MODEL_API_KEY),
          timeoutMs: env.ANALYSIS_MODEL_TIMEOUT_MS,
        },
  };
}

async function audited(db: Db, actorId: string, key: string, before: unknown, after: unknown) {
  await db.$transaction(async (tx) => {
    await writeSetting(tx, actorId, key, after);
    await recordAudit(tx, {
      actorId,
      action: "integration.updated",
      targetType: "settings",
      targetId: key,
      before: before as never,
      after: redactForAudit(after) as never,
    });
  });
}

/** What the audit log keeps of a setting: secrets as "set" or null, never their sealed value. */
function redactForAudit(value: unknown): unknown {
  if (!value || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value))
    out[key] = ["password", "apiKey", "webhookUrl"].includes(key) ? (inner ? "set" : null) : inner;
  return out;
}

export async function setEmailSettings(db: Db, actorId: string, input: z.infer<typeof ZEmailInput>) {
  const stored = (await readSetting(db, KEYS.email, ZStoredEmail.nullable(), null)).value;
  // A stored password goes only to the server it was given for: pointing the settings at another
  // server (or user) without typing it again clears it, so nobody can send it to a host they choose.
  const sameServer =
    stored !== null &&
    stored.host === input.host &&
    stored.port === input.port &&
    stored.username === (input.username || null);
  const next = {
    host: input.host,
    port: input.port,
    secure: input.secure,
    username: input.username || null,
    password: sealed(input.password, sameServer ? stored.password : null),
    from: input.from,
  };
  await audited(db, actorId, KEYS.email, stored ? redactForAudit(stored) : null, next);
  return getIntegrations(db);
}

export async function setAlertSettings(db: Db, actorId: string, input: z.infer<typeof ZAlertsInput>) {
  const stored = (await readSetting(db, KEYS.alerts, ZStoredAlerts.nullable(), null)).value;
  const next = { webhookUrl: sealed(input.webhookUrl, stored?.webhookUrl ?? null) };
  await audited(db, actorId, KEYS.alerts, stored ? redactForAudit(stored) : null, next);
  return getIntegrations(db);
}

export async function setModelSettings(db: Db, actorId: string, input: z.infer<typeof ZModelInput>) {
  const stored = (await readSetting(db, KEYS.model, ZStoredModel.nullable(), null)).value;
  // Likewise the API key stays with the provider and server it was given for.
  const sameProvider =
    stored !== null && stored.provider === input.provider && stored.baseUrl === (input.baseUrl || null);
  const apiKey = sealed(input.apiKey, sameProvider ? stored.apiKey : null);
  const missing =
    input.provider === "none"
      ? null
      : !input.model
        ? ["model", "model is required for this provider"]
        : input.provider === "openai-compatible" && !input.baseUrl
          ? ["baseUrl", "baseUrl is required for an OpenAI-compatible server"]
          : ["openai", "anthropic"].includes(input.provider) && !apiKey
            ? ["apiKey", "apiKey is required for this provider"]
            : null;
  if (missing) throw new AppError("BAD_REQUEST", missing[1]!, { field: missing[0] });
  const next = {
    provider: input.provider,
    model: input.model || null,
    baseUrl: input.baseUrl || null,
    apiKey,
    timeoutMs: input.timeoutMs,
  };
  await audited(db, actorId, KEYS.model, stored ? redactForAudit(stored) : null, next);
  modelCache = null;
  return getIntegrations(db);
}

/** Goes back to the environment's configuration for one integration. */
export async function resetIntegration(db: Db, actorId: string, which: keyof typeof KEYS) {
  await db.$transaction(async (tx) => {
    const deleted = await tx.appSetting.deleteMany({ where: { key: KEYS[which] } });
    if (deleted.count > 0)
      await recordAudit(tx, { actorId, action: "integration.reset", targetType: "settings", targetId: KEYS[which] });
  });
  if (which === "model") modelCache = null;
  return getIntegrations(db);
}

// ----------------------------------------------------------------------------------- in force

export type EmailTransport =
  | { url: string; from: string; key: string }
  | {
      options: { host: string; port: number; secure: boolean; auth?: { user: string; pass: string } };
      from: string;
      key: string;
    };

/** The SMTP server and sender in force, or null when email is not set up. */
export async function resolveEmail(db: Db): Promise<EmailTransport | null> {
  const stored = (await readSetting(db, KEYS.email, ZStoredEmail.nullable(), null)).value;
  if (stored) {
    const password = stored.password ? decryptSecret(stored.password) : null;
    const auth = stored.username ? { user: stored.username, pass: password ?? "" } : undefined;
    const options = { host: stored.host, port: stored.port, secure: stored.secure, auth };
    const key = createHash("sha256").update(JSON.stringify(options)).digest("hex");
    return { options, from: stored.from, key };
  }
  const env = getEnv();
  if (!env.SMTP_URL) return null;
  return { url: env.SMTP_URL, from: env.EMAIL_FROM, key: createHash("sha256").update(env.SMTP_URL).digest("hex") };
}

/** The alert webhook in force, or null. */
export async function resolveAlertUrl(db: Db): Promise<string | null> {
  const stored = (await readSetting(db, KEYS.alerts, ZStoredAlerts.nullable(), null)).value;
  if (stored?.webhookUrl) return decryptSecret(stored.webhookUrl);
  return getEnv().ALERT_WEBHOOK_URL ?? null;
}

export interface ResolvedModel {
  settings: ModelSettings;
  timeoutMs: number;
  /** Changes whenever the settings do: a cache key for the analyzer built from them. */
  key: string;
}

let modelCache: { at: number; env: object; value: ResolvedModel | null } | null = null;
const MODEL_CACHE_MS = 5_000;

/**
 * The language model in force, or null for none. Read at most every 5 seconds per process (every
 * conversation asks), so a change in settings reaches ingest and the workers within seconds.
 */
export async function resolveModel(db: Db): Promise<ResolvedModel | null> {
  // (A reloaded environment, as tests and a config reload make, is read again at once.)
  if (modelCache && modelCache.env === getEnv() && Date.now() - modelCache.at < MODEL_CACHE_MS) return modelCache.value;
  const stored = (await readSetting(db, KEYS.model, ZStoredModel.nullable(), null)).value;
  const env = getEnv();
  const settings: ModelSettings = stored
    ? {
        ANALYSIS_MODEL_PROVIDER: stored.provider,
        ANALYSIS_MODEL: stored.model ?? undefined,
        ANALYSIS_MODEL_BASE_URL: stored.baseUrl ?? undefined,
        ANALYSIS_MODEL_API_KEY: stored.apiKey ? (decryptSecret(stored.apiKey) ?? undefined) : undefined,
      }
    : env;
  const timeoutMs = stored?.timeoutMs ?? env.ANALYSIS_MODEL_TIMEOUT_MS;
  const value =
    settings.ANALYSIS_MODEL_PROVIDER === "none" || !settings.ANALYSIS_MODEL
      ? null
      : {
          settings: {
            ANALYSIS_MODEL_PROVIDER: settings.ANALYSIS_MODEL_PROVIDER,
            ANALYSIS_MODEL: settings.ANALYSIS_MODEL,
            ANALYSIS_MODEL_BASE_URL: settings.ANALYSIS_MODEL_BASE_URL,
            ANALYSIS_MODEL_API_KEY: settings.ANALYSIS_MODEL_API_KEY,
          },
          timeoutMs,
          key: createHash("sha256")
            .update(
              JSON.stringify([
                settings.ANALYSIS_MODEL_PROVIDER,
                settings.ANALYSIS_MODEL,
                settings.ANALYSIS_MODEL_BASE_URL,
                settings.ANALYSIS_MODEL_API_KEY,
                timeoutMs,
              ]),
            )
            .digest("hex"),
        };
  modelCache = { at: Date.now(), env, value };
  return value;
}

// ------------------------------------------------------------------------------------ tests

/** A readable reason, without anything secret the error might echo back. */
function reason(error: unknown, secrets: (string | null | undefined)[]): string {
  let text = error instanceof Error ? error.message : String(error);
  for (const secret of secrets) if (secret && secret.length >= 4) text = text.split(secret).join("[secret]");
  return maskText(text).slice(0, 300);
}

export async function testEmail(db: Db, actor: { id: string; email: string }) {
  const mailer = await getMailer(db);
  if (!mailer) return { ok: false as const, message: "Email is not set up." };
  const started = Date.now();
  try {
    const { messageId } = await mailer.send({
      to: actor.email,
      subject: "Test email from Handoff Desk",
      text: "This is a test email from Handoff Desk's settings. If you can read it, email works.",
    });
    await recordAudit(db, {
      actorId: actor.id,
      action: "integration.tested",
      targetType: "settings",
      targetId: KEYS.email,
      after: { ok: true },
    });
    return {
      ok: true as const,
      message: `Sent to ${actor.email} in ${Date.now() - started} ms.`,
      reference: messageId,
    };
  } catch (error) {
    return { ok: false as const, message: `The SMTP server refused it: ${reason(error, [])}` };
  }
}

export async function testAlert(db: Db, actorId: string) {
  const url = await resolveAlertUrl(db);
  if (!url) return { ok: false as const, message: "No alert webhook is set up." };
  try {
    const response = await postOutbound(
      url,
      JSON.stringify({ text: "Test alert from Handoff Desk's settings: alerts reach this channel." }),
      {},
      { timeoutMs: 10_000, allowPrivate: getEnv().OUTBOUND_ALLOW_PRIVATE_NETWORKS },
    );
    const ok = response.status >= 200 && response.status < 300;
    await recordAudit(db, {
      actorId,
      action: "integration.tested",
      targetType: "settings",
      targetId: KEYS.alerts,
      after: { ok, status: response.status },
    });
    return ok
      ? { ok: true as const, message: `The webhook answered HTTP ${response.status}.` }
      : { ok: false as const, message: `The webhook answered HTTP ${response.status}.` };
  } catch (error) {
    return { ok: false as const, message: `Could not reach the webhook: ${reason(error, [url])}` };
  }
}

export async function testModel(db: Db, actorId: string) {
  modelCache = null;
  const resolved = await resolveModel(db);
  if (!resolved) return { ok: false as const, message: "No language model is set up: the rules analyzer is used." };
  const model = createAnalysisModel(resolved.settings);
  if (!model) return { ok: false as const, message: "The model settings are incomplete." };
  const started = Date.now();
  try {
    const result = await generateText({
      model,
      prompt: "Reply with the single word OK.",
      maxOutputTokens: 16,
      abortSignal: AbortSignal.timeout(resolved.timeoutMs),
    });
    await recordAudit(db, {
      actorId,
      action: "integration.tested",
      targetType: "settings",
      targetId: KEYS.model,
      after: { ok: true },
    });
    return {
      ok: true as const,
      message: `${resolved.settings.ANALYSIS_MODEL} answered in ${Date.now() - started} ms: "${result.text.trim().slice(0, 40)}"`,
    };
  } catch (error) {
    return {
      ok: false as const,
      message: `The model did not answer: ${reason(error, [resolved.settings.ANALYSIS_MODEL_API_KEY])}`,
    };
  }
}
