import { describe, expect, it } from "vitest";
import { analyzeWithRules } from "./analyze";
import { DEFAULT_POLICY } from "./policy";
import {
  applyPolicySettings,
  EMPTY_POLICY_SETTINGS,
  pagePattern,
  phrasePattern,
  ZPolicySettings,
} from "./policy-settings";

describe("the escalation policy's settings", () => {
  it("turns plain phrases into whole-word patterns and page paths into address patterns", () => {
    expect(new RegExp(phrasePattern("zebra  stripes"), "iu").test("in Zebra stripes please")).toBe(true);
    expect(new RegExp(phrasePattern("zebra stripes"), "iu").test("zebrastripes")).toBe(false);
    expect(new RegExp(phrasePattern("c++"), "iu").test("we use c++ here")).toBe(true);
    const page = new RegExp(pagePattern("/vip/*"), "iu");
    for (const url of ["/vip/a", "https://acme.example/vip/offer", "https://acme.example/vip/offer?utm=x#top"])
      expect(page.test(url), url).toBe(true);
    for (const url of ["https://acme.example/pricing", "https://acme.example/x/vip/a", "https://vip.example/"])
      expect(page.test(url), url).toBe(false);
  });

  it("adds, switches off and keeps the built-in rest; a new topic asks the approved fallback question", () => {
    const builtIn = DEFAULT_POLICY.flags.pricing_request[0]!;
    const settings = ZPolicySettings.parse({
      flags: { pricing_request: { add: ["tariff sheet"], remove: [builtIn] } },
      topics: [{ id: "solar", label: "Solar", phrases: { add: ["solar panel"] } }],
    });
    const policy = applyPolicySettings(DEFAULT_POLICY, settings, { byTopic: {}, fallback: "What do you need?" });
    expect(policy.flags.pricing_request).not.toContain(builtIn);
    expect(policy.flags.pricing_request.length).toBe(DEFAULT_POLICY.flags.pricing_request.length);
    expect(policy.topics.find((t) => t.id === "solar")?.clarifyingQuestion).toBe("What do you need?");
    expect(policy.defaultClarifyingQuestion).toBe("What do you need?");
    // The built-in policy is untouched.
    expect(DEFAULT_POLICY.flags.pricing_request[0]).toBe(builtIn);
    const brief = analyzeWithRules({ messages: [{ role: "visitor", text: "Please send your tariff sheet" }] }, policy);
    expect(brief.flags.map((f) => f.flag)).toContain("pricing_request");
    expect(applyPolicySettings(DEFAULT_POLICY, EMPTY_POLICY_SETTINGS).flags).toEqual(DEFAULT_POLICY.flags);
  });
});
