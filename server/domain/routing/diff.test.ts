import { describe, expect, it } from "vitest";
import { parsePastedTranscript } from "../analysis/pasted-transcript";
import { diffRoutingConfigs } from "./diff";
import { DEFAULT_ROUTING, type RoutingConfig } from "./rules";

const clone = (): RoutingConfig => structuredClone(DEFAULT_ROUTING);

describe("the routing diff", () => {
  it("finds nothing between equal rule sets", () => {
    expect(diffRoutingConfigs(DEFAULT_ROUTING, clone())).toEqual([]);
  });

  it("names each edited field of a rule", () => {
    const next = clone();
    const sales = next.rules.find((r) => r.id === "sales")!;
    sales.slaMinutes = 30;
    sales.enabled = false;
    sales.when = { intent: ["sales"], pagePath: "/pricing*" };
    sales.assign = { to: "user", email: "kim@example.com" };
    expect(diffRoutingConfigs(DEFAULT_ROUTING, next)).toEqual([
      {
        kind: "changed",
        ruleId: "sales",
        text:
          'Rule "New sales inquiries go to Sales": disabled; page any → /pricing*; assigns to user kim@example.com ' +
          "instead of team Sales (round robin); SLA 60 min → 30 min",
      },
    ]);
  });

  it("reports added, removed and moved rules, and business hours", () => {
    const next = clone();
    const [first, second, ...rest] = next.rules;
    next.rules = [second!, first!, ...rest.filter((r) => r.id !== "existing-customers")];
    next.rules.unshift({
      id: "vip",
      name: "VIP",
      enabled: true,
      when: { utmCampaign: ["vip"] },
      assign: { to: "team", team: "VIP", strategy: "round_robin" },
      slaMinutes: 15,
    });
    next.businessHours = {
      ...next.businessHours,
      days: { ...next.businessHours.days, fri: undefined },
      holidays: ["2026-12-25"],
    };
    const changes = diffRoutingConfigs(DEFAULT_ROUTING, next);
    expect(changes.map((c) => `${c.kind} ${c.ruleId ?? ""}`.trim())).toEqual([
      "removed existing-customers",
      "added vip",
      "moved account-owner",
      "hours",
    ]);
    expect(changes[1]!.text).toBe(
      'Added rule "VIP" (vip) at position 1: campaign: vip → team VIP (round robin), SLA 15 min',
    );
    expect(changes[2]!.text).toBe(
      'Moved rule "Existing customers go to their account owner" to position 3, after "Support requests go to Support"',
    );
    expect(changes.at(-1)!.text).toBe("Business hours: fri 09:00–17:00 → closed; holidays added: 2026-12-25");
  });
});

describe("a pasted transcript", () => {
  it("reads speakers, joins continued lines, and treats unlabelled text as the visitor", () => {
    expect(
      parsePastedTranscript("Visitor: Hi\nthere\nBot: Hello!\r\nagent:  How can I help?\n\nCustomer: a roof"),
    ).toEqual([
      { role: "visitor", text: "Hi\nthere" },
      { role: "bot", text: "Hello!" },
      { role: "agent", text: "How can I help?" },
      { role: "visitor", text: "a roof" },
    ]);
    expect(parsePastedTranscript("  I need a plumber  ")).toEqual([{ role: "visitor", text: "I need a plumber" }]);
    expect(parsePastedTranscript("Bot:\n\n")).toEqual([]);
  });
});

describe("the diff of response targets", () => {
  it("names the default and each target added, changed or removed", () => {
    const before = { ...clone(), responseTargets: { defaultMinutes: 240, targets: [{ team: "Sales", minutes: 30 }] } };
    const after = {
      ...clone(),
      responseTargets: {
        defaultMinutes: 120,
        targets: [
          { team: "Sales", minutes: 20 },
          { intent: "support" as const, minutes: 90 },
        ],
      },
    };
    after.rules = after.rules.map((r) => (r.id === "sales" ? { ...r, slaMinutes: undefined } : r));
    expect(diffRoutingConfigs(before, after).map((c) => c.text)).toEqual([
      'Rule "New sales inquiries go to Sales": SLA 60 min → from the response targets',
      "Response targets: default 240 min → 120 min; team Sales + any intent 30 → 20 min; added any team + support: 90 min",
    ]);
  });
});
