import { z } from "zod";
import { INTENTS } from "../analysis/types";
import { parseLocalDate } from "../metrics/zoned-time";

// Routing rules are data: an ordered list an admin edits (settings, issue 7) and publishes as a new
// version. Every rule says when it applies and whom it assigns; the first enabled rule that matches
// decides. Validated here, on the way into the database and again on the way out.

export const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type Priority = (typeof PRIORITIES)[number];

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const ZMinutes = z
  .number({ message: "enter a number of minutes" })
  .int("use whole minutes")
  .positive("must be at least 1 minute")
  .max(60 * 24 * 30, "at most 30 days");

const ZTime = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, "use HH:MM, 24-hour");

export const ZBusinessHours = z
  .object({
    timeZone: z.string().refine(isTimeZone, "must be an IANA time zone such as Europe/London"),
    /** Open hours per weekday; a day left out is closed. */
    days: z.partialRecord(z.enum(WEEKDAYS), z.tuple([ZTime, ZTime])),
    /** Local dates the business is closed whatever the weekday ("2026-12-25"). */
    holidays: z
      .array(
        z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/, "use YYYY-MM-DD")
          .refine((day) => parseLocalDate(day) !== null, "not a real date"),
      )
      .max(366, "at most 366 holidays")
      .optional(),
  })
  .refine((hours) => Object.values(hours.days).every(([open, close]) => open < close), {
    message: "each day must open before it closes",
    path: ["days"],
  });
export type BusinessHours = z.infer<typeof ZBusinessHours>;

export const ZAssignment = z.discriminatedUnion("to", [
  /** The matched customer's account owner; a rule with this target is skipped when there is none. */
  z.object({ to: z.literal("account_owner") }),
  z.object({ to: z.literal("user"), email: z.email().transform((e) => e.toLowerCase()) }),
  z.object({
    to: z.literal("team"),
    team: z.string().min(1).max(100),
    strategy: z.enum(["round_robin", "least_open"]).default("least_open"),
  }),
]);
export type Assignment = z.infer<typeof ZAssignment>;

export const ZRuleConditions = z
  .object({
    intent: z.array(z.enum(INTENTS)).min(1),
    customerStatus: z.array(z.enum(["existing", "new_or_unknown"])).min(1),
    topic: z.array(z.string().min(1)).min(1),
    /** Glob on the page's path ("/pricing*", "/services/*"); `*` matches any characters. */
    pagePath: z.string().min(1).max(500),
    utmCampaign: z.array(z.string().min(1)).min(1),
    /** ISO 3166 country codes, from the visitor's phone number. */
    territory: z.array(z.string().regex(/^[A-Z]{2}$/, "use two-letter country codes, e.g. GB")).min(1),
    businessHours: z.enum(["inside", "outside"]),
    /** Any of these words or phrases in the visitor's messages (case-insensitive). */
    keywords: z.array(z.string().min(1).max(100)).min(1),
  })
  .partial();
export type RuleConditions = z.infer<typeof ZRuleConditions>;

export const ZRoutingRule = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, "use lower-case letters, digits, - and _"),
  name: z.string().min(1).max(200),
  enabled: z.boolean().default(true),
  when: ZRuleConditions.default({}),
  assign: ZAssignment,
  priority: z.enum(PRIORITIES).optional(),
  /** Minutes the owner has to respond; when absent, the response targets decide. */
  slaMinutes: ZMinutes.optional(),
});
export type RoutingRule = z.infer<typeof ZRoutingRule>;

/**
 * Response targets per team and intent: how long an owner has to respond when the rule that routed
 * the conversation sets no SLA of its own. The most specific target wins: team and intent, then team,
 * then intent, then the default.
 */
export const ZResponseTargets = z
  .object({
    defaultMinutes: ZMinutes,
    targets: z
      .array(
        z
          .object({
            team: z.string().trim().min(1).max(100).optional(),
            intent: z.enum(INTENTS).optional(),
            minutes: ZMinutes,
          })
          .refine((target) => target.team !== undefined || target.intent !== undefined, {
            message: "name a team, an intent or both",
          }),
      )
      .max(200, "at most 200 response targets"),
  })
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.targets.forEach((target, i) => {
      const key = `${target.team?.toLowerCase() ?? "*"}|${target.intent ?? "*"}`;
      if (seen.has(key))
        ctx.addIssue({
          code: "custom",
          message: "another target covers the same team and intent",
          path: ["targets", i],
        });
      seen.add(key);
    });
  });
export type ResponseTargets = z.infer<typeof ZResponseTargets>;

export const ZRoutingConfig = z
  .object({
    businessHours: ZBusinessHours,
    rules: z.array(ZRoutingRule).min(1, "at least one rule is needed"),
    responseTargets: ZResponseTargets.optional(),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.rules.forEach((rule, i) => {
      if (seen.has(rule.id))
        ctx.addIssue({ code: "custom", message: `duplicate rule id ${rule.id}`, path: ["rules", i, "id"] });
      seen.add(rule.id);
      if (rule.slaMinutes === undefined && !config.responseTargets)
        ctx.addIssue({
          code: "custom",
          message: "set an SLA, or add response targets for rules without one",
          path: ["rules", i, "slaMinutes"],
        });
    });
    const last = config.rules.at(-1);
    if (last && (!last.enabled || Object.keys(last.when).length > 0)) {
      ctx.addIssue({
        code: "custom",
        message: "the last rule must be enabled and match everything, so every conversation has an owner",
        path: ["rules", config.rules.length - 1],
      });
    }
  });
export type RoutingConfig = z.infer<typeof ZRoutingConfig>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The rules a new install starts with: sales, support and existing customers go different ways.
 * Existing customers go to their account owner, or else Customer Success (support questions go
 * to Support whoever asks), new sales inquiries to Sales, and anything else to Intake.
 */
export const DEFAULT_ROUTING: RoutingConfig = ZRoutingConfig.parse({
  businessHours: {
    timeZone: "Europe/London",
    days: {
      mon: ["09:00", "17:30"],
      tue: ["09:00", "17:30"],
      wed: ["09:00", "17:30"],
      thu: ["09:00", "17:30"],
      fri: ["09:00", "17:00"],
    },
  },
  rules: [
    {
      id: "account-owner",
      name: "Existing customers go to their account owner",
      when: { customerStatus: ["existing"] },
      assign: { to: "account_owner" },
      slaMinutes: 120,
    },
    {
      id: "support",
      name: "Support requests go to Support",
      when: { intent: ["support"] },
      assign: { to: "team", team: "Support", strategy: "least_open" },
      slaMinutes: 240,
    },
    {
      id: "existing-customers",
      name: "Other existing-customer requests go to Customer Success",
      when: { customerStatus: ["existing"] },
      assign: { to: "team", team: "Customer Success", strategy: "least_open" },
      slaMinutes: 240,
    },
    {
      id: "sales",
      name: "New sales inquiries go to Sales",
      when: { intent: ["sales"] },
      assign: { to: "team", team: "Sales", strategy: "round_robin" },
      slaMinutes: 60,
    },
    {
      id: "everything-else",
      name: "Everything else goes to Intake",
      assign: { to: "team", team: "Intake", strategy: "least_open" },
      slaMinutes: 480,
    },
  ],
});
