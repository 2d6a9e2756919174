import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client";
import { reloadEnv } from "../../server/env";
import { verifyStandardWebhook } from "../../server/http/standard-webhooks";
import { registerHandlers } from "../../server/jobs/handlers";
import { startJobs } from "../../server/jobs/runtime";
import { resolveModel } from "../../server/services/settings/integrations";
import { authenticateSourceKey } from "../../server/services/sources";
import {
  discardWaitingJobs,
  eventually,
  startMailSink,
  startReceiver,
  type MailSink,
  type Receiver,
} from "../support/receivers";
import { callerFor, createTestUser } from "../support/users";

// Sources and integrations in settings, on the run's real database with the job workers running:
// API keys made, rotated and revoked; a webhook endpoint's test event, delivery log, secret rotation
// and redelivery through the real delivery path to a local receiver; email, alert and model settings
// saved with write-only secrets and tested against a local SMTP server, a local hook and a local
// OpenAI-compatible server (the edges of the outside world).

type Caller = Awaited<ReturnType<typeof callerFor>>;
const tag = randomUUID().slice(0, 8);
let admin: Caller;
let adminEmail: string;
let mail: MailSink;
let hook: Receiver;
let llm: http.Server;
let llmUrl: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
  mail = await startMailSink();
  hook = await startReceiver();
  llm = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          id: "chatcmpl-test",
          object: "chat.completion",
          created: Math.floor(Date.now() / 1000),
          model: "test-model",
          choices: [{ index: 0, message: { role: "assistant", content: "OK" }, finish_reason: "stop" }],
          usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => llm.listen(0, "127.0.0.1", resolve));
  llmUrl = `http://127.0.0.1:${(llm.address() as AddressInfo).port}/v1`;
  Object.assign(process.env, {
    OUTBOUND_ALLOW_PRIVATE_NETWORKS: "true",
    JOBS_POLL_INTERVAL_SECONDS: "0.5",
    WEBHOOK_RETRY_SCHEDULE: "0.2,0.2",
  });
  delete process.env.SMTP_URL;
  delete process.env.ALERT_WEBHOOK_URL;
  reloadEnv();
  await discardWaitingJobs(getDb());
  await startJobs(registerHandlers);
  const user = await createTestUser("admin");
  adminEmail = user.email;
  admin = await callerFor(user);
});

afterAll(async () => {
  const db = getDb();
  await db.appSetting.deleteMany({ where: { key: { startsWith: "integrations." } } });
  await db.webhookEndpoint.updateMany({ where: { url: hook.url }, data: { enabled: false } });
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  Object.assign(process.env, savedEnv);
  reloadEnv();
  await hook.close();
  await mail.close();
  await new Promise<void>((resolve) => llm.close(() => resolve()));
});

describe("sources", () => {
  it("makes a key shown once, rotates it with a grace period, and revokes it", async () => {
    const db = getDb();
    const name = `site-${tag}`;
    const issued = await admin.integrations.createSource({ name, kind: "chatwoot" });
    expect(issued.apiKey).toMatch(/^hd_/);
    expect(issued.webhookUrl).toMatch(new RegExp(`/api/v1/webhooks/chatwoot/${issued.id}\\?token=`));
    expect(await authenticateSourceKey(db, issued.apiKey)).toMatchObject({ name });
    const listed = (await admin.integrations.sources()).find((s) => s.name === name)!;
    expect(JSON.stringify(listed)).not.toContain(issued.apiKey);
    expect(listed.lastUsedAt).not.toBeNull();

    const rotated = await admin.integrations.rotateSourceKey({ name, graceMinutes: 60 });
    expect(await authenticateSourceKey(db, rotated.apiKey)).toMatchObject({ name });
    expect(await authenticateSourceKey(db, issued.apiKey)).toMatchObject({ name });
    await admin.integrations.revokeSource({ name });
    expect(await authenticateSourceKey(db, rotated.apiKey)).toBeNull();
    await expect(admin.integrations.createSource({ name, kind: "api" })).rejects.toThrow(/already exists/);
    await expect(admin.integrations.createSource({ name: "", kind: "api" })).rejects.toThrow(/name is required/);
  });
});

describe("webhook endpoints", () => {
  it("sends a signed test event, logs it, rotates the secret with both signatures, and redelivers", async () => {
    const endpoint = await admin.integrations.createEndpoint({ url: hook.url, events: ["case.created"] });
    const before = hook.requests.length;
    await admin.integrations.sendTestEvent({ id: endpoint.id });
    const [request] = (await hook.waitFor(before + 1)).slice(before);
    const headers = {
      id: request!.headers["webhook-id"]!,
      timestamp: request!.headers["webhook-timestamp"]!,
      signature: request!.headers["webhook-signature"]!,
    };
    expect(JSON.parse(request!.body)).toMatchObject({ type: "webhook.test" });
    expect(verifyStandardWebhook(endpoint.secret, headers, Buffer.from(request!.body))).toEqual({ ok: true });
    const log = await eventually(
      () => admin.integrations.deliveries({ endpointId: endpoint.id }),
      (rows) => rows[0]?.status === "delivered",
    );
    expect(log[0]).toMatchObject({ eventType: "webhook.test", attempts: [{ number: 1, statusCode: 200 }] });

    const rotated = await admin.integrations.rotateEndpointSecret({ id: endpoint.id });
    expect(rotated.secret).not.toBe(endpoint.secret);
    expect(JSON.stringify(await admin.integrations.endpoints())).not.toContain(rotated.secret);
    await admin.integrations.redeliver({ deliveryId: log[0]!.id });
    const [again] = (await hook.waitFor(before + 2)).slice(before + 1);
    const signed = {
      id: again!.headers["webhook-id"]!,
      timestamp: again!.headers["webhook-timestamp"]!,
      signature: again!.headers["webhook-signature"]!,
    };
    // Same webhook-id (the receiver can drop repeats), signed under both secrets during the rotation.
    expect(signed.id).toBe(headers.id);
    expect(signed.signature.split(" ")).toHaveLength(2);
    expect(verifyStandardWebhook(rotated.secret, signed, Buffer.from(again!.body))).toEqual({ ok: true });
    expect(verifyStandardWebhook(endpoint.secret, signed, Buffer.from(again!.body))).toEqual({ ok: true });
    const audit = await getDb().auditLog.findMany({
      where: { targetId: endpoint.id },
      orderBy: { createdAt: "asc" },
      select: { action: true },
    });
    expect(audit.map((a) => a.action)).toEqual([
      "webhook_endpoint.created",
      "webhook_endpoint.tested",
      "webhook_endpoint.secret_rotated",
    ]);
  });
});

describe("email, alerts and the model", () => {
  it("keeps secrets write-only and encrypted, and sends a test email through the saved server", async () => {
    const db = getDb();
    const password = `smtp-pass-${tag}`;
    const port = Number(new URL(mail.url).port);
    await expect(admin.integrations.testEmail()).resolves.toMatchObject({ ok: false, message: "Email is not set up." });
    const saved = await admin.integrations.setEmail({
      host: "127.0.0.1",
      port,
      secure: false,
      password,
      from: "Desk <desk@handoff.test>",
    });
    expect(saved.email).toMatchObject({ source: "settings", host: "127.0.0.1", hasPassword: true });
    expect(JSON.stringify(saved)).not.toContain(password);
    const row = await db.appSetting.findUniqueOrThrow({ where: { key: "integrations.email" } });
    expect(JSON.stringify(row.value)).not.toContain(password);
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "integration.updated", targetId: "integrations.email" },
      orderBy: { createdAt: "desc" },
    });
    expect(JSON.stringify(audit)).not.toContain(password);
    expect(audit.after).toMatchObject({ password: "set" });
    // Saving again without a password keeps the stored one.
    await admin.integrations.setEmail({ host: "127.0.0.1", port, secure: false, from: "Desk <desk@handoff.test>" });
    expect((await admin.integrations.settings()).email.hasPassword).toBe(true);
    // Pointed at another server without typing it again, the stored password is not sent there.
    await admin.integrations.setEmail({
      host: "smtp.elsewhere.test",
      port,
      secure: false,
      from: "Desk <desk@handoff.test>",
    });
    expect((await admin.integrations.settings()).email.hasPassword).toBe(false);
    await admin.integrations.setEmail({
      host: "127.0.0.1",
      port,
      secure: false,
      password,
      from: "Desk <desk@handoff.test>",
    });

    const result = await admin.integrations.testEmail();
    expect(result).toMatchObject({ ok: true });
    const sent = mail.messages.find((m) => m.subject === "Test email from Handoff Desk");
    expect(sent?.to).toMatchObject({ text: adminEmail });
    expect(sent?.from).toMatchObject({ text: '"Desk" <desk@handoff.test>' });
    await expect(admin.integrations.setEmail({ host: "bad host!", port: 0, secure: false, from: "x" })).rejects.toThrow(
      /host must be a host name/,
    );
  });

  it("posts a test alert to the saved webhook", async () => {
    const before = hook.requests.length;
    await admin.integrations.setAlerts({ webhookUrl: hook.url });
    const settings = await admin.integrations.settings();
    expect(settings.alerts).toMatchObject({
      source: "settings",
      hasWebhookUrl: true,
      webhookHost: new URL(hook.url).host,
    });
    expect(JSON.stringify(settings)).not.toContain(hook.url);
    await expect(admin.integrations.testAlert()).resolves.toMatchObject({ ok: true });
    const [request] = (await hook.waitFor(before + 1)).slice(before);
    expect(JSON.parse(request!.body).text).toMatch(/Test alert from Handoff Desk/);
  });

  it("tests the model's connection and hands the setting to the analysis without a restart", async () => {
    const apiKey = `sk-${tag}`;
    await expect(
      admin.integrations.setModel({ provider: "openai", model: "gpt-x", timeoutMs: 5_000 }),
    ).rejects.toMatchObject({
      message: "apiKey is required for this provider",
    });
    expect(await resolveModel(getDb())).toBeNull();
    await admin.integrations.setModel({
      provider: "openai-compatible",
      model: "test-model",
      baseUrl: llmUrl,
      apiKey,
      timeoutMs: 5_000,
    });
    const settings = await admin.integrations.settings();
    expect(settings.model).toMatchObject({ source: "settings", provider: "openai-compatible", hasApiKey: true });
    expect(JSON.stringify(settings)).not.toContain(apiKey);
    await expect(admin.integrations.testModel()).resolves.toMatchObject({
      ok: true,
      message: expect.stringMatching(/test-model answered in \d+ ms: "OK"/),
    });
    expect((await resolveModel(getDb()))?.settings).toMatchObject({
      ANALYSIS_MODEL: "test-model",
      ANALYSIS_MODEL_API_KEY: apiKey,
    });
    await admin.integrations.reset({ which: "model" });
    expect(await resolveModel(getDb())).toBeNull();
  });
});
