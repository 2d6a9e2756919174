import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-path";

describe("safeCallbackPath", () => {
  it("accepts same-site paths", () => {
    expect(safeCallbackPath("/queue")).toBe("/queue");
    expect(safeCallbackPath("/cases/abc?tab=brief")).toBe("/cases/abc?tab=brief");
  });
  it.each([
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
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
