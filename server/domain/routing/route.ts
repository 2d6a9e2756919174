import type { Brief, Intent } from "../analysis/types";
import {
  PRIORITIES,
  type Assignment,
  type BusinessHours,
  type Priority,
  type RoutingConfig,
  type RoutingRule,
  type Weekday,
} from "./rules";

// Which rule decides who gets a conversation, and why. Pure: the service resolves a team to a person
// (round robin or fewest open handoffs) and turns the SLA into a due time.

export interface RoutingInput {
  brief: Brief;
  /** The visitor's messages, for keyword conditions. */
  visitorText: string;
  /** ISO country of the visitor's phone number, when known. */
  territory: string | null;
  /** The matched customer's account owner, when there is one. */
  accountOwnerId: string | null;
  now: Date;
}

export interface RoutingDecision {
  rule: { id: string; name: string };
  version: number;
  assign: Assignment;
  /** For `account_owner`: the owner it resolved to. */
  ownerId: string | null;
  priority: Priority;
  slaMinutes: number;
  /** Where the SLA came from, in words: the rule, a response target, or the default target. */
  slaFrom: string;
  /** Each condition that held, in words: "which rule fires and why". */
  because: string[];
  /** Other matching rules with a territory condition that name someone else. */
  territoryConflicts: { ruleId: string; assign: Assignment }[];
}

export interface RuleTrace {
  ruleId: string;
  name: string;
  enabled: boolean;
  /** True for the rule that decided. */
  decided: boolean;
  /** The rule's conditions all held (it may still not decide: an earlier rule did). */
  matched: boolean;
  /** The conditions that held, in words. */
  because: string[];
  /** The first condition that did not hold, in words; null when it matched or is disabled. */
  failed: string | null;
}

export function routeConversation(config: RoutingConfig, version: number, input: RoutingInput): RoutingDecision {
  return decide(config, version, input, evaluateRules(config, input));
}

/**
 * Every rule's verdict on one conversation, in order, and the decision they make: "which rule fires
 * and why", and why each other rule did not. For the settings editor's test box.
 */
export function traceRouting(
  config: RoutingConfig,
  version: number,
  input: RoutingInput,
): { decision: RoutingDecision; rules: RuleTrace[] } {
  const evaluated = evaluateRules(config, input);
  const decision = decide(config, version, input, evaluated);
  return {
    decision,
    rules: evaluated.map(({ rule, result }) => ({
      ruleId: rule.id,
      name: rule.name,
      enabled: rule.enabled,
      decided: rule.id === decision.rule.id,
      matched: result !== null && result.failed === null,
      because: result?.because ?? [],
      failed: result?.failed ?? null,
    })),
  };
}

interface Evaluated {
  rule: RoutingRule;
  /** Null for a disabled rule. */
  result: { because: string[]; failed: string | null } | null;
}

function evaluateRules(config: RoutingConfig, input: RoutingInput): Evaluated[] {
  return config.rules.map((rule) => ({
    rule,
    result: rule.enabled ? explainMatch(rule, config.businessHours, input) : null,
  }));
}

function decide(config: RoutingConfig, version: number, input: RoutingInput, evaluated: Evaluated[]): RoutingDecision {
  const matching = evaluated
    .filter((e) => e.result !== null && e.result.failed === null)
    .map((e) => ({ rule: e.rule, because: e.result!.because }));
  const first = matching[0];
  // The config's last rule matches everything (ZRoutingConfig checks it), so this holds for valid data.
  if (!first) throw new Error("no routing rule matched; the rule set must end with a catch-all rule");
  const { rule, because } = first;
  const territoryConflicts = rule.when.territory
    ? matching
        .slice(1)
        .filter((m) => m.rule.when.territory && !sameAssignment(m.rule.assign, rule.assign))
        .map((m) => ({ ruleId: m.rule.id, assign: m.rule.assign }))
    : [];
  return {
    rule: { id: rule.id, name: rule.name },
    version,
    assign: rule.assign,
    ownerId: rule.assign.to === "account_owner" ? input.accountOwnerId : null,
    priority: highest(rule.priority ?? "normal", priorityFromBrief(input.brief)),
    ...slaOf(config, rule, input.brief.intent.value),
    because,
    territoryConflicts,
  };
}

/**
 * The conditions of `rule` that hold, in words, and the first that does not (null when it matches).
 * Conditions are checked in a fixed order and checking stops at the first that fails.
 */
function explainMatch(
  rule: RoutingRule,
  hours: BusinessHours,
  input: RoutingInput,
): { because: string[]; failed: string | null } {
  const { brief } = input;
  const when = rule.when;
  const because: string[] = [];
  let failed: string | null = null;
  const check = (holds: boolean, reason: string, unlessReason = reason) => {
    if (holds) because.push(reason);
    else failed = unlessReason;
    return holds;
  };
  const done = () => ({ because, failed });
  const list = (values: readonly string[]) => values.join(", ");
  if (
    rule.assign.to === "account_owner" &&
    !check(input.accountOwnerId !== null, "the customer has an account owner", "no account owner is known")
  )
    return done();
  if (
    when.intent &&
    !check(
      when.intent.includes(brief.intent.value),
      `intent is ${brief.intent.value}`,
      `intent is ${brief.intent.value}, not ${list(when.intent)}`,
    )
  )
    return done();
  if (
    when.customerStatus &&
    !check(
      when.customerStatus.includes(brief.customerStatus.value),
      `customer status is ${brief.customerStatus.value}`,
      `customer status is ${brief.customerStatus.value}, not ${list(when.customerStatus)}`,
    )
  )
    return done();
  if (
    when.topic &&
    !check(
      Boolean(brief.topic && when.topic.includes(brief.topic.id)),
      `topic is ${brief.topic?.id}`,
      `topic is ${brief.topic?.id ?? "none"}, not ${list(when.topic)}`,
    )
  )
    return done();
  if (when.pagePath) {
    const path = pagePathOf(brief.source.pageUrl);
    if (
      !check(
        path !== null && globMatches(when.pagePath, path),
        `page ${path} matches ${when.pagePath}`,
        path === null ? "no page is known" : `page ${path} does not match ${when.pagePath}`,
      )
    )
      return done();
  }
  if (when.utmCampaign) {
    const campaign = brief.source.campaign?.campaign ?? null;
    if (
      !check(
        campaign !== null && when.utmCampaign.includes(campaign),
        `campaign is ${campaign}`,
        `campaign is ${campaign ?? "none"}, not ${list(when.utmCampaign)}`,
      )
    )
      return done();
  }
  if (when.territory) {
    const territory = input.territory;
    if (
      !check(
        territory !== null && when.territory.includes(territory),
        `territory is ${territory}`,
        `territory is ${territory ?? "unknown"}, not ${list(when.territory)}`,
      )
    )
      return done();
  }
  if (when.businessHours) {
    const inside = isWithinBusinessHours(hours, input.now);
    const state = `${inside ? "inside" : "outside"} business hours`;
    if (!check(inside === (when.businessHours === "inside"), state)) return done();
  }
  if (when.keywords) {
    const text = input.visitorText.toLowerCase();
    const found = when.keywords.find((k) => text.includes(k.toLowerCase()));
    if (!check(found !== undefined, `the visitor wrote "${found}"`, `the visitor wrote none of ${list(when.keywords)}`))
      return done();
  }
  if (because.length === 0) because.push("it matches every conversation");
  return done();
}

/** The rule's own SLA, else the most specific response target for its team and the intent. */
export function slaOf(
  config: RoutingConfig,
  rule: RoutingRule,
  intent: Intent,
): { slaMinutes: number; slaFrom: string } {
  if (rule.slaMinutes !== undefined) return { slaMinutes: rule.slaMinutes, slaFrom: "the rule" };
  const targets = config.responseTargets;
  // ZRoutingConfig refuses a rule without an SLA when there are no targets.
  if (!targets) throw new Error(`rule ${rule.id} has no SLA and the rule set has no response targets`);
  const team = rule.assign.to === "team" ? rule.assign.team.toLowerCase() : null;
  const sameTeam = (t: { team?: string }) => t.team !== undefined && t.team.toLowerCase() === team;
  const candidates = [
    targets.targets.find((t) => sameTeam(t) && t.intent === intent),
    targets.targets.find((t) => sameTeam(t) && t.intent === undefined),
    targets.targets.find((t) => t.team === undefined && t.intent === intent),
  ];
  const found = candidates.find((t) => t !== undefined);
  if (!found) return { slaMinutes: targets.defaultMinutes, slaFrom: "the default response target" };
  const what = [found.team ? `team ${found.team}` : null, found.intent ? `${found.intent} conversations` : null]
    .filter(Boolean)
    .join(", ");
  return { slaMinutes: found.minutes, slaFrom: `the response target for ${what}` };
}

function sameAssignment(a: Assignment, b: Assignment): boolean {
  if (a.to !== b.to) return false;
  if (a.to === "user" && b.to === "user") return a.email === b.email;
  if (a.to === "team" && b.to === "team") return a.team === b.team;
  return true;
}

function priorityFromBrief(brief: Brief): Priority {
  if (brief.flags.some((f) => f.flag === "emergency")) return "urgent";
  if (brief.urgency.level === "high" || brief.highValue.value) return "high";
  if (brief.urgency.level === "low") return "low";
  return "normal";
}

function highest(a: Priority, b: Priority): Priority {
  return PRIORITIES.indexOf(a) >= PRIORITIES.indexOf(b) ? a : b;
}

export function pagePathOf(pageUrl: string | null): string | null {
  if (!pageUrl) return null;
  try {
    return new URL(pageUrl).pathname;
  } catch {
    return pageUrl.startsWith("/") ? pageUrl.split(/[?#]/)[0]! : null;
  }
}

/** `*` matches any run of characters; everything else is literal. */
export function globMatches(glob: string, path: string): boolean {
  const source = glob
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${source}$`, "i").test(path);
}

const WEEKDAY_OF: Record<string, Weekday> = {
  Mon: "mon",
  Tue: "tue",
  Wed: "wed",
  Thu: "thu",
  Fri: "fri",
  Sat: "sat",
  Sun: "sun",
};

export function isWithinBusinessHours(hours: BusinessHours, at: Date): boolean {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: hours.timeZone,
    weekday: "short",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  if (hours.holidays?.includes(`${part("year")}-${part("month")}-${part("day")}`)) return false;
  const day = WEEKDAY_OF[part("weekday")];
  const open = day ? hours.days[day] : undefined;
  if (!open) return false;
  const time = `${part("hour")}:${part("minute")}`;
  return time >= open[0] && time < open[1];
}
