import { describe, expect, it } from "vitest";
import { maskEmail, maskPersonalData, maskText } from "./mask";

describe("maskEmail", () => {
  it("keeps the first letters and the top-level domain only", () => {
    expect(maskEmail("dana.ruiz@ruiz.example")).toBe("d***@r***.example");
  });
  it("masks every address in a sentence", () => {
    expect(maskEmail("from a@b.co to zed@corp.io")).toBe("from a***@b***.co to z***@c***.io");
  });
});

describe("maskText", () => {
  it("masks phone numbers however they are written", () => {
    expect(maskText("call +1 (415) 555-0134 today")).toBe("call ***34 today");
    expect(maskText("tel 020 7946 0958")).toBe("tel ***58");
  });
  it("leaves identifiers, timestamps and short numbers alone", () => {
    expect(maskText("applied 20261124051908_init")).toBe("applied 20261124051908_init");
    expect(maskText("at 2026-11-24T05:25:20.164Z")).toBe("at 2026-11-24T05:25:20.164Z");
    expect(maskText("order 12345 for 3 seats")).toBe("order 12345 for 3 seats");
  });
});

describe("maskPersonalData", () => {
  it("replaces personal fields and masks contact details inside other strings", () => {
    const masked = maskPersonalData({
      email: "dana@ruiz.example",
      password: "hunter22",
      nested: { note: "reach me at dana@ruiz.example", count: 3, phone: null },
      list: ["+44 20 7946 0958"],
    });
    expect(masked).toEqual({
      email: "[masked]",
      password: "[masked]",
      nested: { note: "reach me at d***@r***.example", count: 3, phone: null },
      list: ["***58"],
    });
  });
  it("recognises personal and secret keys however they are cased, separated or compounded", () => {
    expect(
      maskPersonalData({
        Password_Hash: "x",
        "auth-token": "y",
        AUTHORIZATION: "Bearer z",
        accessToken: "t",
        client_secret: "s",
        apiKey: "k",
        contactEmail: "e",
        filename: "report.csv",
        pathname: "/queue",
      }),
    ).toEqual({
      Password_Hash: "[masked]",
      "auth-token": "[masked]",
      AUTHORIZATION: "[masked]",
      accessToken: "[masked]",
      client_secret: "[masked]",
      apiKey: "[masked]",
      contactEmail: "[masked]",
      filename: "report.csv",
      pathname: "/queue",
    });
  });
  it("stops at a safe depth instead of recursing forever", () => {
    const deep: Record<string, unknown> = {};
    let cursor = deep;
    for (let i = 0; i < 20; i++) {
      cursor.next = {};
      cursor = cursor.next as Record<string, unknown>;
    }
    expect(JSON.stringify(maskPersonalData(deep))).toContain("[nested]");
  });
});
