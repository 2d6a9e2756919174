import { describe, expect, it } from "vitest";
import { faqAnswerRisks } from "./faq-gate";

// The gate between a model's FAQ answer and the visitor: facts about the business pass; anything
// that could read as a price, a time, availability or a result is refused, however it is worded.

describe("faqAnswerRisks", () => {
  it.each([
    ["A roof inspection costs ninety-nine pounds.", "money"],
    ["Repairs start from a hundred pounds.", "number"],
    ["The survey costs nothing.", "money"],
    ["EPDM roofs last about 20 years.", "number"],
    ["Our roofers can visit tomorrow.", "time"],
    ["Most repairs are finished in one day.", "time"],
    ["We can usually get someone out the same week.", "availability"],
    ["Our office is open Monday to Friday.", "availability"],
    ["A new membrane will fix the leak for good.", "results"],
    ["An inspection is £99.", "pricing"],
  ])("refuses %j (%s)", (text, risk) => {
    expect(faqAnswerRisks(text)).toContain(risk);
  });

  it.each([
    "Yes, we repair flat roofs, including felt, rubber and fibreglass.",
    "We work across West Yorkshire: Leeds, Bradford, Wakefield, Huddersfield and Halifax.",
    "Every job starts with a survey by one of our roofers.",
    "We are members of the National Federation of Roofing Contractors.",
  ])("lets %j through", (text) => {
    expect(faqAnswerRisks(text)).toEqual([]);
  });
});
