import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-path";

describe("safeCallbackPath", () => {
  it("accepts same-site paths", () => {
    expect(safeCallbackPath("/queue")).toBe("/queue");
    expect(safeCallbackPath("/cases/abc?tab=brief")).toBe("/cases/abc?tab=brief");
    expect(safeCallbackPath("/queue/../inbox#top")).toBe("/inbox#top");
    // An encoded slash stays part of an on-site path; browsers do not turn it into a host.
    expect(safeCallbackPath("/%2F/evil.example")).toBe("/%2F/evil.example");
  });
  it.each([
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "javascript:alert(1)",
    "queue",
    "/sign-in",
    "/api/trpc/x",
    42,
    null,
  ])("rejects %j", (value) => {
    expect(safeCallbackPath(value)).toBeNull();
  });
});
