import { describe, expect, it } from "vitest";
import { analyzeWithRules } from "../analysis/analyze";
import type { Brief, Message } from "../analysis/types";
import { routeConversation } from "../routing/route";
import { DEFAULT_ROUTING } from "../routing/rules";
import { matchLead, nameSimilarity, normaliseCompany, type KnownLead } from "./match-lead";
import { triageConversation } from "./triage";

const v = (text: string): Message => ({ role: "visitor", text });
const b = (text: string): Message => ({ role: "bot", text });

const lead = (over: Partial<KnownLead>): KnownLead => ({
  id: "lead-1",
  kind: "lead",
  name: null,
  email: null,
  phoneE164: null,
  company: null,
  ownerId: null,
  ...over,
});

describe("matching a visitor to known leads", () => {
  it("links on an exact email or phone, preferring a customer holding both", () => {
    const known = [
      lead({ id: "a", email: "dana@ruiz.example" }),
      lead({ id: "b", kind: "customer", email: "dana@ruiz.example", phoneE164: "+14155550134" }),
    ];
    const result = matchLead(
      { name: null, email: "Dana@Ruiz.example", phoneE164: "+14155550134", company: null },
      known,
    );
    expect(result.linked).toMatchObject({ lead: { id: "b" }, reasons: ["same email", "same phone"] });
    expect(result.possibleDuplicates).toEqual([{ lead: known[0], score: 1, reasons: ["same email"] }]);
  });

  it("shows look-alike names at the same company as possible duplicates, never as a link", () => {
    const known = [
      lead({ id: "t", name: "Thomas Baker", company: "Baker & Sons Ltd" }),
      lead({ id: "x", name: "Thomas Baker", company: "Northwind" }),
      lead({ id: "y", name: "Anna Baker", company: "Baker and Sons" }),
    ];
    const result = matchLead(
      { name: "Tom Baker", email: "tom@new.example", phoneE164: null, company: "Baker & Sons" },
      known,
    );
    expect(result.linked).toBeNull();
    expect(result.possibleDuplicates.map((d) => d.lead.id)).toEqual(["t"]);
  });

  it("normalises names and companies before comparing", () => {
    expect(nameSimilarity("Dr. José Núñez", "jose nunez")).toBe(1);
    expect(nameSimilarity("Tom Baker", "Thomas Baker")).toBe(0.9);
    expect(nameSimilarity("Tom Baker", "Tim Barker")).toBeLessThan(0.85);
    expect(normaliseCompany("Baker & Sons Ltd.")).toBe(normaliseCompany("baker and sons"));
  });
});

describe("triage: a handoff only when nothing needs a human first", () => {
  const analyze = (messages: Message[]): Brief => analyzeWithRules({ messages });
  const triage = (brief: Brief, over: Partial<Parameters<typeof triageConversation>[0]> = {}) =>
    triageConversation({
      brief,
      match: { linked: null, possibleDuplicates: [] },
      routing: routeConversation(DEFAULT_ROUTING, 1, {
        brief,
        visitorText: "",
        territory: null,
        accountOwnerId: null,
        now: new Date(),
      }),
      ownerFound: true,
      ...over,
    });
  const ready = analyze([
    v("We need the flat roof on our garage replaced. Could someone come and look at it?"),
    b("Can our surveyor email you?"),
    v("Yes please, dana@ruiz.example"),
  ]);

  it("hands off a clear request with contact and consent", () => {
    expect(triage(ready)).toEqual({ kind: "handoff" });
  });

  it("lists every reason a conversation needs review", () => {
    const risky = analyze([v("how much for a new roof, and can you guarantee it won't leak?")]);
    expect(triage(risky)).toEqual({
      kind: "case",
      reasons: ["guarantee_request", "pricing_request", "missing_contact", "unclear_consent"],
    });
    const refused = analyze([v("quote for a new roof please, jo@x.example, but don't email me, just answer here")]);
    expect(triage(refused)).toEqual({ kind: "case", reasons: ["pricing_request", "consent_refused"] });
  });

  it("asks a human about duplicates, nobody to assign, and a 'customer' the records don't know", () => {
    const duplicate = { linked: null, possibleDuplicates: [{ lead: lead({}), score: 0.9, reasons: [] }] };
    expect(triage(ready, { match: duplicate })).toEqual({ kind: "case", reasons: ["duplicate"] });
    expect(triage(ready, { ownerFound: false })).toEqual({ kind: "case", reasons: ["no_owner"] });
    const existing = analyze([
      v("I'm an existing customer, my account renews next month; can we add a second site?"),
      b("Can our account team email you?"),
      v("yes, dana@ruiz.example"),
    ]);
    const linkedToLead = { linked: { lead: lead({ kind: "lead" }), reasons: ["same email"] }, possibleDuplicates: [] };
    expect(triage(existing, { match: linkedToLead })).toMatchObject({ reasons: ["existing_customer_conflict"] });
  });
});
