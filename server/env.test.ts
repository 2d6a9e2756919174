import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DOCUMENTED_VARIABLES, EnvError, parseAppEnv, parseDatabaseEnv } from "./env";

const SECRET = "x".repeat(40);

function problemsOf(raw: Record<string, string | undefined>): string[] {
  try {
    parseAppEnv(raw);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  return [];
}

describe("parseAppEnv", () => {
  it("applies defaults for a minimal environment", () => {
    const env = parseAppEnv({ AUTH_SECRET: SECRET });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.DEMO_MODE).toBe(false);
    expect(env.AUTH_SESSION_MAX_AGE_HOURS).toBe(12);
  });

  it("names a missing secret", () => {
    expect(problemsOf({})).toEqual([expect.stringMatching(/^AUTH_SECRET is required/)]);
  });

  it("names every problem at once, field and cross-field alike", () => {
    expect(problemsOf({ NODE_ENV: "production" })).toEqual([
      expect.stringMatching(/^AUTH_SECRET is required/),
      expect.stringMatching(/^APP_URL is required in production/),
    ]);
  });

  it("names a short secret and a malformed database URL together", () => {
    const problems = problemsOf({ AUTH_SECRET: "short", DATABASE_URL: "mysql://db/x" });
    expect(problems).toHaveLength(2);
    expect(problems.join("\n")).toMatch(/AUTH_SECRET must be at least 32 characters/);
    expect(problems.join("\n")).toMatch(/DATABASE_URL must be a postgresql:\/\/ connection URL/);
  });

  it("requires the public URL in production, and defaults it elsewhere", () => {
    expect(problemsOf({ AUTH_SECRET: SECRET, NODE_ENV: "production" })).toEqual([
      expect.stringMatching(/^APP_URL is required in production/),
    ]);
    expect(
      parseAppEnv({ AUTH_SECRET: SECRET, NODE_ENV: "production", APP_URL: "https://hd.example.com" }).APP_URL,
    ).toBe("https://hd.example.com");
  });

  it("reads the number of trusted proxies, 0 by default", () => {
    expect(parseAppEnv({ AUTH_SECRET: SECRET }).TRUSTED_PROXY_HOPS).toBe(0);
    expect(parseAppEnv({ AUTH_SECRET: SECRET, TRUSTED_PROXY_HOPS: "2" }).TRUSTED_PROXY_HOPS).toBe(2);
    expect(problemsOf({ AUTH_SECRET: SECRET, TRUSTED_PROXY_HOPS: "-1" })).toEqual([
      expect.stringMatching(/^TRUSTED_PROXY_HOPS /),
    ]);
  });

  it("treats an empty DATABASE_URL as unset", () => {
    expect(parseAppEnv({ AUTH_SECRET: SECRET, DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it("names the missing halves of a partial single sign-on setup", () => {
    const problems = problemsOf({ AUTH_SECRET: SECRET, AUTH_OIDC_ISSUER: "https://id.example.com" });
    expect(problems).toEqual([
      expect.stringMatching(/^AUTH_OIDC_CLIENT_ID is required when AUTH_OIDC_ISSUER is set/),
      expect.stringMatching(/^AUTH_OIDC_CLIENT_SECRET is required when AUTH_OIDC_ISSUER is set/),
    ]);
  });

  it("refuses demo mode on a server database", () => {
    expect(problemsOf({ AUTH_SECRET: SECRET, DEMO_MODE: "true", DATABASE_URL: "postgresql://h/db" })).toEqual([
      expect.stringMatching(/^DEMO_MODE runs on the embedded database only/),
    ]);
  });

  it("rejects a flag that is neither true nor false", () => {
    expect(problemsOf({ AUTH_SECRET: SECRET, DEMO_MODE: "maybe" })).toEqual([expect.stringMatching(/^DEMO_MODE /)]);
  });

  it("never echoes a secret's value in its message", () => {
    const problems = problemsOf({ AUTH_SECRET: "hunter2-short" });
    expect(problems.join("\n")).not.toContain("hunter2");
  });
});

describe("parseDatabaseEnv", () => {
  it("needs nothing but accepts a server URL", () => {
    expect(parseDatabaseEnv({})).toEqual({ DATABASE_PREPARED_STATEMENTS: true });
    expect(parseDatabaseEnv({ DATABASE_PREPARED_STATEMENTS: "false" }).DATABASE_PREPARED_STATEMENTS).toBe(false);
    expect(parseDatabaseEnv({ DATABASE_URL: "postgresql://u:p@h:5432/db" }).DATABASE_URL).toBe(
      "postgresql://u:p@h:5432/db",
    );
  });
});

describe(".env.example", () => {
  it("documents every variable the app reads", () => {
    const text = fs.readFileSync(path.join(import.meta.dirname, "..", ".env.example"), "utf8");
    const documented = new Set([...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    for (const name of DOCUMENTED_VARIABLES) expect(documented, name).toContain(name);
  });
});
