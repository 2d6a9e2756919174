import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client";
import { handleNextAction } from "../../server/http/next-action-route";
import { buildOpenApiDocument } from "../../server/http/openapi";
import { createSource, type IssuedSource } from "../../server/services/sources";

// POST /api/v1/next-action: the decision rules for a bot mid-chat, with approved words; nothing stored.

let source: IssuedSource;
beforeAll(async () => {
  source = await createSource(getDb(), null, { name: `bot-${randomUUID().slice(0, 8)}`, kind: "widget" });
});

function ask(body: unknown, key: string | null = source.apiKey) {
  return handleNextAction(
    new Request("http://handoff.test/api/v1/next-action", {
      method: "POST",
      headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify(body),
    }),
  );
}

const visitor = (text: string) => ({ role: "visitor", text });

describe("POST /api/v1/next-action", () => {
  it.each([
    [[visitor("hi")], "clarify", false],
    [[visitor("how much is a new boiler?")], "escalate", true],
    [
      [
        visitor("my invoice charges me twice for March"),
        { role: "bot", text: "How can I help you today?" },
        visitor("I ALREADY TOLD YOU. my invoice charges me twice. this is useless"),
      ],
      "stop_bot",
      true,
    ],
    [[visitor("I need my gutters cleared at 4 Elm Road, my email is jo@example.com")], "ask_consent", false],
  ])("%j -> %s", async (messages, action, handToHuman) => {
    const res = await ask({ messages });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.action).toBe(action);
    expect(body.handToHuman).toBe(handToHuman);
    expect(typeof body.reply).toBe("string");
  });

  it("stores nothing, and refuses a bad key or a bad body like the other endpoints", async () => {
    const before = await getDb().conversation.count();
    await ask({ messages: [visitor("hello")] });
    expect(await getDb().conversation.count()).toBe(before);
    expect((await ask({ messages: [visitor("hi")] }, null)).status).toBe(401);
    const bad = await ask({ messages: [{ role: "visitor" }] });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.issues[0].path).toBe("messages.0.text");
  });
});

describe("the OpenAPI document", () => {
  it("describes both endpoints from the schemas that check them", () => {
    const doc = buildOpenApiDocument("https://handoff.example");
    const ingest = doc.paths["/api/v1/conversations"].post;
    const request = ingest.requestBody.content["application/json"].schema as {
      required: string[];
      properties: Record<string, unknown>;
    };
    expect(request.required).toEqual(expect.arrayContaining(["externalId", "messages"]));
    expect(Object.keys(request.properties)).toEqual(
      expect.arrayContaining(["pageUrl", "referrer", "utm", "visitor", "consentEvents", "locale"]),
    );
    expect(Object.keys(ingest.responses)).toEqual(
      expect.arrayContaining(["200", "201", "400", "401", "413", "415", "422", "429"]),
    );
    expect(doc.paths["/api/v1/next-action"].post.responses["200"]).toBeDefined();
  });

  it("documents every field next-action answers with", async () => {
    const doc = buildOpenApiDocument("https://handoff.example");
    const schema = doc.paths["/api/v1/next-action"].post.responses["200"].content["application/json"].schema as {
      properties: Record<string, unknown>;
    };
    const response = await ask({
      messages: [visitor("We'd like someone to fix a leaking tap in our kitchen. I'm Kim, kim@home.example")],
    });
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ action: "ask_consent", consentWordingVersion: "consent-1" });
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(body).sort());
  });
});
