import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { reloadEnv } from "../../env";
import { decryptSecret, encryptSecret } from "./secrets";

describe("settings secrets", () => {
  beforeEach(() => {
    vi.stubEnv("AUTH_SECRET", "a-test-secret-of-at-least-thirty-two-characters");
    reloadEnv();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("round-trips, never stores the plain text, and differs each time", () => {
    const sealed = encryptSecret("smtp-password-123");
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain("smtp-password-123");
    expect(encryptSecret("smtp-password-123")).not.toBe(sealed);
    expect(decryptSecret(sealed)).toBe("smtp-password-123");
  });

  it("reads nothing from a tampered value or under another AUTH_SECRET", () => {
    const sealed = encryptSecret("api-key");
    const parts = sealed.split(":");
    const body = Buffer.from(parts[3]!, "base64");
    body[0] = body[0]! ^ 1;
    expect(decryptSecret([...parts.slice(0, 3), body.toString("base64")].join(":"))).toBeNull();
    expect(decryptSecret("garbage")).toBeNull();
    vi.stubEnv("AUTH_SECRET", "another-secret-that-is-at-least-32-characters-long");
    reloadEnv();
    expect(decryptSecret(sealed)).toBeNull();
  });
});
