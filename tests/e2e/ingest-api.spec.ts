import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { DEMO_SOURCE } from "../../server/auth/demo-accounts";

// The ingest API over real HTTP against the built app, as a chat platform (or the README's curl) uses it.

const auth = { authorization: `Bearer ${DEMO_SOURCE.apiKey}` };
const chat = (externalId: string) => ({
  externalId,
  pageUrl: "https://acme-roofing.example/services/flat-roofs?utm_campaign=spring",
  messages: [
    { role: "visitor", text: "Our garage's flat roof needs replacing. Could someone come and look at it?" },
    { role: "bot", text: "Can our surveyor email you to arrange a visit?" },
    { role: "visitor", text: "Yes please, dana@ruiz.example. Dana Ruiz" },
  ],
});

test("a conversation posted with the demo key becomes a handoff, and posting it again changes nothing", async ({
  request,
}) => {
  const body = chat(`e2e-${randomUUID()}`);
  const first = await request.post("/api/v1/conversations", { headers: auth, data: body });
  expect(first.status()).toBe(201);
  const created = await first.json();
  expect(created).toMatchObject({ outcome: "handoff", routedTo: { rule: { id: "sales" } } });
  expect(created.routedTo.ownerId).toEqual(expect.any(String));

  const again = await request.post("/api/v1/conversations", { headers: auth, data: body });
  expect(again.status()).toBe(200);
  expect(await again.json()).toMatchObject({ conversationId: created.conversationId, unchanged: true });
});

test("the API refuses a missing key with a JSON error, answers next-action, and serves its OpenAPI document", async ({
  request,
}) => {
  const refused = await request.post("/api/v1/conversations", { data: chat("no-key") });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBe("unauthorized");

  const next = await request.post("/api/v1/next-action", {
    headers: auth,
    data: { messages: [{ role: "visitor", text: "how much is a new roof?" }] },
  });
  expect(next.status()).toBe(200);
  expect(await next.json()).toMatchObject({ action: "escalate", handToHuman: true });

  const doc = await request.get("/api/v1/openapi.json");
  expect(doc.status()).toBe(200);
  expect(Object.keys((await doc.json()).paths)).toEqual([
    "/api/v1/conversations",
    "/api/v1/webhooks/chatwoot/{sourceId}",
    "/api/v1/webhooks/intercom/{sourceId}",
    "/api/v1/next-action",
  ]);
});
