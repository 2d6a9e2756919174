import { describe, expect, it } from "vitest";
import { analyzeWithRules } from "../analysis/analyze";
import type { Brief, Message } from "../analysis/types";
import { globMatches, isWithinBusinessHours, routeConversation, type RoutingInput } from "./route";
import { DEFAULT_ROUTING, ZRoutingConfig, type RoutingConfig } from "./rules";

const v = (text: string): Message => ({ role: "visitor", text });
const brief = (messages: Message[], pageUrl?: string): Brief => analyzeWithRules({ messages, pageUrl });
const input = (b: Brief, extra: Partial<RoutingInput> = {}): RoutingInput => ({
  brief: b,
  visitorText: "",
  territory: null,
  accountOwnerId: null,
  now: new Date("2026-12-07T10:00:00Z"), // a Monday, 10:00 in London
  ...extra,
});

const sales = brief([v("Could you quote for a new kitchen? Email me at jo@example.com")]);
const support = brief([v("My order arrived broken, the lid is cracked. Can you help?")]);

describe("default routing", () => {
  it("sends sales, support and existing customers different ways, and says why", () => {
    expect(routeConversation(DEFAULT_ROUTING, 1, input(sales))).toMatchObject({
      rule: { id: "sales" },
      assign: { to: "team", team: "Sales", strategy: "round_robin" },
      slaMinutes: 60,
      because: ["intent is sales"],
    });
    expect(routeConversation(DEFAULT_ROUTING, 1, input(support)).rule.id).toBe("support");
    const owned = routeConversation(DEFAULT_ROUTING, 3, input(support, { accountOwnerId: "owner-1" }));
    expect(owned).toMatchObject({ rule: { id: "account-owner" }, ownerId: "owner-1", version: 3 });
  });

  it("skips the account-owner rule when the customer has none", () => {
    const existing = brief([v("I've been a customer for years; can I add a second site to my plan?")]);
    expect(existing.customerStatus.value).toBe("existing");
    expect(routeConversation(DEFAULT_ROUTING, 1, input(existing)).rule.id).not.toBe("account-owner");
  });

  it("raises priority for emergencies", () => {
    const emergency = brief([v("There's a gas smell in the kitchen right now, please send someone")]);
    expect(routeConversation(DEFAULT_ROUTING, 1, input(emergency)).priority).toBe("urgent");
  });
});

describe("conditions", () => {
  const config = (rules: unknown[]): RoutingConfig =>
    ZRoutingConfig.parse({ businessHours: DEFAULT_ROUTING.businessHours, rules });
  const fallback = { id: "rest", name: "Rest", assign: { to: "team", team: "Intake" }, slaMinutes: 60 };

  it("matches page paths, campaigns, keywords, territory and business hours", () => {
    const rules = config([
      {
        id: "pricing-page",
        name: "P",
        when: { pagePath: "/pricing*" },
        assign: { to: "team", team: "A" },
        slaMinutes: 5,
      },
      { id: "spring", name: "C", when: { utmCampaign: ["spring"] }, assign: { to: "team", team: "B" }, slaMinutes: 5 },
      { id: "solar", name: "K", when: { keywords: ["Solar"] }, assign: { to: "team", team: "C" }, slaMinutes: 5 },
      { id: "de", name: "T", when: { territory: ["DE"] }, assign: { to: "team", team: "D" }, slaMinutes: 5 },
      { id: "night", name: "H", when: { businessHours: "outside" }, assign: { to: "team", team: "E" }, slaMinutes: 5 },
      fallback,
    ]);
    const id = (b: Brief, extra?: Partial<RoutingInput>) => routeConversation(rules, 1, input(b, extra)).rule.id;
    expect(id(brief([v("hello")], "https://x.example/pricing/teams?a=1"))).toBe("pricing-page");
    expect(id(brief([v("hello")], "https://x.example/?utm_campaign=spring"))).toBe("spring");
    expect(id(sales, { visitorText: "thinking about solar panels" })).toBe("solar");
    expect(id(sales, { territory: "DE" })).toBe("de");
    expect(id(sales, { now: new Date("2026-12-06T10:00:00Z") })).toBe("night"); // a Sunday
    expect(id(sales)).toBe("rest");
  });

  it("names a territory conflict when two territory rules would pick different owners", () => {
    const rules = config([
      {
        id: "uk-north",
        name: "N",
        when: { territory: ["GB"] },
        assign: { to: "user", email: "a@x.example" },
        slaMinutes: 5,
      },
      {
        id: "uk-all",
        name: "A",
        when: { territory: ["GB", "IE"] },
        assign: { to: "user", email: "b@x.example" },
        slaMinutes: 5,
      },
      fallback,
    ]);
    const decision = routeConversation(rules, 1, input(sales, { territory: "GB" }));
    expect(decision.rule.id).toBe("uk-north");
    expect(decision.territoryConflicts).toEqual([{ ruleId: "uk-all", assign: { to: "user", email: "b@x.example" } }]);
    expect(routeConversation(rules, 1, input(sales, { territory: "IE" })).territoryConflicts).toEqual([]);
  });

  it("refuses rule sets that could leave a conversation unrouted, naming the field", () => {
    const result = ZRoutingConfig.safeParse({
      businessHours: { timeZone: "Mars/Olympus", days: { mon: ["18:00", "09:00"] } },
      rules: [
        { id: "Bad Id", name: "x", when: { territory: ["gb"] }, assign: { to: "team", team: "A" }, slaMinutes: 0 },
      ],
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(
      expect.arrayContaining([
        "businessHours.timeZone",
        "businessHours.days",
        "rules.0.id",
        "rules.0.when.territory.0",
        "rules.0.slaMinutes",
        "rules.0",
      ]),
    );
  });
});

describe("helpers", () => {
  it("globs page paths", () => {
    expect(globMatches("/services/*", "/services/roofs")).toBe(true);
    expect(globMatches("/services/*", "/pricing")).toBe(false);
    expect(globMatches("/a.b", "/axb")).toBe(false);
  });

  it("reads business hours in the configured time zone, across daylight saving", () => {
    const hours = { timeZone: "America/New_York", days: { mon: ["09:00", "17:00"] as [string, string] } };
    expect(isWithinBusinessHours(hours, new Date("2026-12-07T14:30:00Z"))).toBe(true); // 09:30 EST
    expect(isWithinBusinessHours(hours, new Date("2026-12-07T13:30:00Z"))).toBe(false); // 08:30 EST
    expect(isWithinBusinessHours(hours, new Date("2026-07-06T13:30:00Z"))).toBe(true); // 09:30 EDT
    expect(isWithinBusinessHours(hours, new Date("2026-12-08T14:30:00Z"))).toBe(false); // Tuesday: closed
    // A holiday is closed all day, whatever its weekday's hours.
    const holiday = { ...hours, holidays: ["2026-12-07"] };
    expect(isWithinBusinessHours(holiday, new Date("2026-12-07T14:30:00Z"))).toBe(false);
    expect(isWithinBusinessHours(holiday, new Date("2026-07-06T13:30:00Z"))).toBe(true);
  });

  it("refuses a holiday that is not a real date, naming it", () => {
    const result = ZRoutingConfig.safeParse({
      businessHours: { ...DEFAULT_ROUTING.businessHours, holidays: ["2026-12-25", "2026-02-30"] },
      rules: DEFAULT_ROUTING.rules,
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ["businessHours", "holidays", 1],
      message: "not a real date",
    });
  });
});

describe("response targets", () => {
  const withTargets = (targets: unknown[]) =>
    ZRoutingConfig.parse({
      businessHours: DEFAULT_ROUTING.businessHours,
      responseTargets: { defaultMinutes: 300, targets },
      rules: [
        { id: "sales", name: "Sales", when: { intent: ["sales"] }, assign: { to: "team", team: "Sales" } },
        { id: "owner", name: "Owner", when: { intent: ["support"] }, assign: { to: "account_owner" } },
        { id: "rest", name: "Rest", assign: { to: "team", team: "Intake" }, slaMinutes: 480 },
      ],
    });

  it("takes the most specific target: team and intent, team, intent, then the default", () => {
    const all = withTargets([
      { intent: "sales", minutes: 45 },
      { team: "sales", minutes: 30 },
      { team: "Sales", intent: "sales", minutes: 15 },
    ]);
    expect(routeConversation(all, 1, input(sales))).toMatchObject({
      slaMinutes: 15,
      slaFrom: "the response target for team Sales, sales conversations",
    });
    const teamOnly = withTargets([
      { intent: "sales", minutes: 45 },
      { team: "Sales", minutes: 30 },
    ]);
    expect(routeConversation(teamOnly, 1, input(sales)).slaMinutes).toBe(30);
    const intentOnly = withTargets([{ intent: "sales", minutes: 45 }]);
    expect(routeConversation(intentOnly, 1, input(sales))).toMatchObject({
      slaMinutes: 45,
      slaFrom: "the response target for sales conversations",
    });
    // An account owner has no team: only intent targets and the default apply.
    const owned = routeConversation(
      withTargets([{ team: "Sales", minutes: 30 }]),
      1,
      input(support, { accountOwnerId: "o" }),
    );
    expect(owned).toMatchObject({ rule: { id: "owner" }, slaMinutes: 300, slaFrom: "the default response target" });
    // A rule's own SLA wins over every target.
    const job = brief([v("Do you have any vacancies? I'd like to send you my CV.")]);
    expect(job.intent.value).toBe("other");
    expect(routeConversation(all, 1, input(job))).toMatchObject({ rule: { id: "rest" }, slaMinutes: 480 });
  });

  it("refuses a rule without an SLA when there are no targets, and two targets for the same pair", () => {
    const noTargets = ZRoutingConfig.safeParse({
      businessHours: DEFAULT_ROUTING.businessHours,
      rules: [{ id: "rest", name: "Rest", assign: { to: "team", team: "Intake" } }],
    });
    expect(noTargets.error?.issues[0]).toMatchObject({
      path: ["rules", 0, "slaMinutes"],
      message: "set an SLA, or add response targets for rules without one",
    });
    const twice = ZRoutingConfig.safeParse({
      businessHours: DEFAULT_ROUTING.businessHours,
      responseTargets: {
        defaultMinutes: 60,
        targets: [
          { team: "Sales", minutes: 5 },
          { team: "sales", minutes: 9 },
        ],
      },
      rules: DEFAULT_ROUTING.rules,
    });
    expect(twice.error?.issues[0]).toMatchObject({
      path: ["responseTargets", "targets", 1],
      message: "another target covers the same team and intent",
    });
  });
});
