import { z } from "zod";

// The only module that touches process.env. Everything else asks for `getEnv()` (the app) or
// `getDatabaseEnv()` (tooling that only needs to find the database). It writes one variable:
// AUTH_URL, which Auth.js reads itself, from APP_URL.

const booleanFlag = z.stringbool({ truthy: ["1", "true", "yes", "on"], falsy: ["0", "false", "no", "off", ""] });

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => /^postgres(ql)?:\/\/[^\s]+$/.test(value) && URL.canParse(value), {
    message: "must be a postgresql:// connection URL, e.g. postgresql://user:password@host:5432/handoff",
  });

const databaseSchema = z.object({
  /** A PostgreSQL server. When unset, the embedded PGlite database is used. */
  DATABASE_URL: z.preprocess((v) => (v === "" ? undefined : v), postgresUrl.optional()),
  /** Folder of the embedded database (ignored when DATABASE_URL is set). */
  PGLITE_DATA_DIR: z.string().trim().min(1).optional(),
  /** Named prepared statements on the ingest path; false behind a pooler in transaction mode. */
  DATABASE_PREPARED_STATEMENTS: booleanFlag.default(true),
});

const appSchema = databaseSchema
  .extend({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    AUTH_SECRET: z
      .string({ message: "is required: a random string of at least 32 characters (openssl rand -base64 48)" })
      .min(32, "must be at least 32 characters (openssl rand -base64 48)"),
    /** Required in production; defaults to http://localhost:3000 elsewhere. */
    APP_URL: z.url({ message: "must be the console's public URL, e.g. https://handoff.example.com" }).optional(),
    /** How many reverse proxies in front of the console append to X-Forwarded-For. */
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    AUTH_SESSION_MAX_AGE_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(12),
    /**
     * Sign-in attempts one address may make across accounts in 15 minutes (password spraying).
     * Raise it when many people sign in from behind one address (an office NAT).
     */
    SIGN_IN_LIMIT_PER_ADDRESS: z.coerce.number().int().min(5).max(100_000).default(50),
    /**
     * The chat widget: a first message sooner than this after the chat opened is a script's, and is
     * ignored (people take longer to read the greeting and type).
     */
    WIDGET_MIN_FIRST_MESSAGE_MS: z.coerce.number().int().min(0).max(60_000).default(1_500),
    /** The chat widget: a chat quiet this long counts as left, and goes through ingest as it is. */
    WIDGET_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
    /** The chat widget: new chats one address may start in an hour, per widget. */
    WIDGET_SESSIONS_PER_ADDRESS_HOUR: z.coerce.number().int().min(1).max(100_000).default(20),
    AUTH_OIDC_ISSUER: z.url({ message: "must be the issuer URL of your identity provider" }).optional(),
    AUTH_OIDC_CLIENT_ID: z.string().min(1).optional(),
    AUTH_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    AUTH_OIDC_NAME: z.string().min(1).default("single sign-on"),
    DEMO_MODE: booleanFlag.default(false),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
    /** Optional language model for conversation analysis; the rules analyzer is used without one. */
    ANALYSIS_MODEL_PROVIDER: z.enum(["none", "openai-compatible", "openai", "anthropic", "ollama"]).default("none"),
    ANALYSIS_MODEL: z.string().trim().min(1).optional(),
    ANALYSIS_MODEL_BASE_URL: z.url({ message: "must be the provider's API base URL" }).optional(),
    ANALYSIS_MODEL_API_KEY: z.string().min(1).optional(),
    ANALYSIS_MODEL_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(300_000).default(20_000),
    /** Run the job workers (webhooks, email, alerts, SLA clock) in this process. */
    JOBS_WORKER: booleanFlag.default(true),
    /** How often an idle worker looks for new jobs. */
    JOBS_POLL_INTERVAL_SECONDS: z.coerce.number().min(0.5).max(60).default(2),
    /** How often stalled jobs (a worker that died mid-job) are found and retried. */
    JOBS_SUPERVISE_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
    /** Owner emails: an SMTP URL such as smtp://user:password@smtp.example.com:587 (smtps:// for TLS). */
    SMTP_URL: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z
        .string()
        .refine((v) => /^smtps?:\/\/[^\s]+$/.test(v) && URL.canParse(v), {
          message: "must be an smtp:// or smtps:// URL, e.g. smtp://user:password@smtp.example.com:587",
        })
        .optional(),
    ),
    EMAIL_FROM: z.string().trim().min(3).default("Handoff Desk <handoffs@localhost>"),
    /** A Slack-compatible incoming webhook for emergencies and SLA breaches. */
    ALERT_WEBHOOK_URL: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z.url({ message: "must be the incoming webhook URL, e.g. https://hooks.slack.com/services/…" }).optional(),
    ),
    /** Let outbound webhooks and alerts reach private and loopback addresses (development only). */
    OUTBOUND_ALLOW_PRIVATE_NETWORKS: booleanFlag.default(false),
    /** Seconds to wait before each retry of a failed webhook delivery. */
    WEBHOOK_RETRY_SCHEDULE: z
      .string()
      .default("5,300,1800,7200,18000,36000")
      .transform((v, ctx) => {
        const steps = v.split(",").map((part) => Number(part.trim()));
        if (steps.length === 0 || steps.length > 20 || steps.some((n) => !Number.isFinite(n) || n < 0 || n > 604_800)) {
          ctx.addIssue({
            code: "custom",
            message: "must be up to 20 comma-separated delays in seconds, e.g. 5,300,1800",
          });
          return z.NEVER;
        }
        return steps;
      }),
  })
  .superRefine(
    (env, ctx) => {
      const oidc = ["AUTH_OIDC_ISSUER", "AUTH_OIDC_CLIENT_ID", "AUTH_OIDC_CLIENT_SECRET"] as const;
      const set = oidc.filter((key) => env[key] !== undefined && env[key] !== "");
      if (set.length > 0 && set.length < oidc.length) {
        for (const key of oidc.filter((k) => env[k] === undefined)) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: `is required when ${set.join(" and ")} ${set.length > 1 ? "are" : "is"} set (single sign-on needs all three)`,
          });
        }
      }
      if (env.NODE_ENV === "production" && !env.APP_URL) {
        ctx.addIssue({
          code: "custom",
          path: ["APP_URL"],
          message: "is required in production: the console's public URL, e.g. https://handoff.example.com",
        });
      }
      if (env.ANALYSIS_MODEL_PROVIDER && env.ANALYSIS_MODEL_PROVIDER !== "none") {
        const needs: [boolean, string, string][] = [
          [!env.ANALYSIS_MODEL, "ANALYSIS_MODEL", "the model id"],
          [
            env.ANALYSIS_MODEL_PROVIDER === "openai-compatible" && !env.ANALYSIS_MODEL_BASE_URL,
            "ANALYSIS_MODEL_BASE_URL",
            "the API base URL",
          ],
          [
            ["openai", "anthropic"].includes(env.ANALYSIS_MODEL_PROVIDER) && !env.ANALYSIS_MODEL_API_KEY,
            "ANALYSIS_MODEL_API_KEY",
            "an API key",
          ],
        ];
        for (const [missing, key, what] of needs) {
          if (missing)
            ctx.addIssue({
              code: "custom",
              path: [key],
              message: `is required for ANALYSIS_MODEL_PROVIDER=${env.ANALYSIS_MODEL_PROVIDER} (${what})`,
            });
        }
      }
      if (env.DEMO_MODE === true && env.DATABASE_URL) {
        ctx.addIssue({
          code: "custom",
          path: ["DEMO_MODE"],
          message: "runs on the embedded database only; unset DATABASE_URL or DEMO_MODE",
        });
      }
      // Run even when a field above failed, so one start-up names every problem at once. Values of
      // failed fields are still raw here, hence the strict comparisons.
    },
    { when: () => true },
  )
  .transform((env) => ({ ...env, APP_URL: env.APP_URL ?? "http://localhost:3000" }));

export type AppEnv = z.infer<typeof appSchema>;
export type DatabaseEnv = z.infer<typeof databaseSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

type RawEnv = Record<string, string | undefined>;

function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const name = issue.path.join(".") || "environment";
    const missing = issue.code === "invalid_type" && issue.input === undefined;
    const message = missing && issue.message.startsWith("Invalid input") ? "is required" : issue.message;
    return `${name} ${message}`;
  });
}

/** Parses an environment object; throws EnvError listing every bad variable by name. */
export function parseAppEnv(raw: RawEnv): AppEnv {
  const result = appSchema.safeParse(raw);
  if (!result.success) throw new EnvError(describeIssues(result.error));
  return result.data;
}

export function parseDatabaseEnv(raw: RawEnv): DatabaseEnv {
  const result = databaseSchema.safeParse(raw);
  if (!result.success) throw new EnvError(describeIssues(result.error));
  return result.data;
}

let cachedApp: AppEnv | undefined;

/** The app's environment, parsed once per process. */
export function getEnv(): AppEnv {
  if (!cachedApp) {
    cachedApp = parseAppEnv(process.env);
    // Auth.js builds its callback URLs from AUTH_URL, else from forwarded host headers, which a
    // proxy may not set to the public address. One setting rules both.
    process.env.AUTH_URL = cachedApp.APP_URL;
  }
  return cachedApp;
}

/** Parses process.env again: for tests (and tools) that set variables after the first read. */
export function reloadEnv(): AppEnv {
  cachedApp = undefined;
  return getEnv();
}

export function getDatabaseEnv(): DatabaseEnv {
  return parseDatabaseEnv(process.env);
}

/** Names the variables `.env.example` must document; checked by a unit test. */
export const DOCUMENTED_VARIABLES = Object.keys(appSchema.in.shape);

/** The console's public URL, for command-line tools that print links; needs no other variable. */
export function getAppUrlForTools(): string {
  const parsed = z.url().optional().safeParse(process.env.APP_URL);
  return (parsed.success && parsed.data?.replace(/\/$/, "")) || "http://localhost:3000";
}
