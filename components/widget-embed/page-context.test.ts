import { describe, expect, it } from "vitest";
import { sessionStartBody, utmFromUrl } from "./page-context";

describe("utmFromUrl", () => {
  it("reads the five utm parameters, decoded and trimmed", () => {
    expect(
      utmFromUrl(
        "https://shop.example/pricing?utm_source=google&utm_medium=cpc&utm_campaign=spring%20sale&utm_term=+crm+&utm_content=ad-2&x=1",
      ),
    ).toEqual({ source: "google", medium: "cpc", campaign: "spring sale", term: "crm", content: "ad-2" });
  });

  it("keeps only the parameters that have a value", () => {
    expect(utmFromUrl("https://shop.example/?utm_source=newsletter&utm_medium=")).toEqual({ source: "newsletter" });
  });

  it("is undefined without campaign parameters or for an unreadable address", () => {
    expect(utmFromUrl("https://shop.example/?ref=abc")).toBeUndefined();
    expect(utmFromUrl("not a url")).toBeUndefined();
  });
});

describe("sessionStartBody", () => {
  it("describes the page, leaving out what the browser does not know", () => {
    const body = sessionStartBody({ href: "https://shop.example/a?utm_source=x", referrer: "", language: "" }, "");
    expect(body).toEqual({
      pageUrl: "https://shop.example/a?utm_source=x",
      referrer: undefined,
      locale: undefined,
      utm: { source: "x" },
      website: "",
    });
    expect(JSON.parse(JSON.stringify(body))).toEqual({
      pageUrl: "https://shop.example/a?utm_source=x",
      utm: { source: "x" },
      website: "",
    });
  });

  it("passes the referrer, the language and the honeypot's value on", () => {
    const body = sessionStartBody(
      { href: "https://shop.example/", referrer: "https://search.example/", language: "de-DE" },
      "http://spam.example",
    );
    expect(body).toMatchObject({
      referrer: "https://search.example/",
      locale: "de-DE",
      website: "http://spam.example",
    });
    expect(body.utm).toBeUndefined();
  });
});
