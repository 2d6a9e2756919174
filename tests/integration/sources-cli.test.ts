import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";
import { handleChatwootWebhook } from "../../server/http/platform-webhook-route";
import { chatwootMessageCreated } from "../fixtures/platform-payloads";

// `npm run sources` as an operator runs it: a real process on the run's database, and the webhook
// URL it prints working (and then not, once revoked). A second process cannot open the embedded
// database this run holds, so this runs on the PostgreSQL server only.

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

async function sources(...args: string[]) {
  try {
    const { stdout, stderr } = await run(TSX, ["scripts/sources.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, DEBUG: "", APP_URL: "https://handoff.example" },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function deliver(url: string) {
  const { pathname, search } = new URL(url);
  const sourceId = pathname.split("/").at(-1)!;
  const body = JSON.stringify(
    chatwootMessageCreated({ conversationId: 5, messageId: 1, content: "do you fix gutters?" }),
  );
  return handleChatwootWebhook(
    new Request(`http://handoff.test${pathname}${search}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    }),
    sourceId,
  );
}

describe.skipIf(inject("databaseKind") !== "postgres")("npm run sources", () => {
  it("creates a Chatwoot source whose printed webhook URL works, lists it, and revokes it", async () => {
    const name = `cli-${randomUUID().slice(0, 8)}`;
    const created = await sources("create", "--name", name, "--kind", "chatwoot");
    expect(created.code).toBe(0);
    const url = /(https:\/\/handoff\.example\/api\/v1\/webhooks\/chatwoot\/\S+\?token=\S+)/.exec(created.stdout)?.[1];
    expect(url).toBeDefined();
    expect((await deliver(url!)).status).toBe(201);

    const listed = await sources("list");
    expect(listed.stdout).toMatch(new RegExp(`^${name}\\tchatwoot\\t`, "m"));

    expect((await sources("revoke", "--name", name)).code).toBe(0);
    expect((await deliver(url!)).status).toBe(401);
  });

  it("names the wrong option and exits non-zero", async () => {
    const result = await sources("create", "--name", "", "--kind", "telegram");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("--name: name is required; --kind: kind must be api, chatwoot, intercom or widget");
  });
});
