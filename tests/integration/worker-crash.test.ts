import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "../../server/db/client";
import { reloadEnv } from "../../server/env";
import { registerHandlers } from "../../server/jobs/handlers";
import { startJobs, stopJobs } from "../../server/jobs/runtime";
import { ingestConversation } from "../../server/services/ingest/ingest-conversation";
import { createWebhookEndpoint } from "../../server/services/outbound/webhooks";
import { authenticateSourceKey, createSource } from "../../server/services/sources";
import { eventually, startReceiver, type Receiver } from "../support/receivers";
import { ensureRoutingTeams } from "../support/teams";

// A worker process killed with SIGKILL in the middle of a delivery: the job is not lost. Its
// heartbeat stops, the supervisor fails it, and another worker retries it. PostgreSQL only: the
// embedded database has one process, so there is no second worker to carry on.

const onPostgres = inject("databaseKind") === "postgres";
let receiver: Receiver;

beforeAll(async () => {
  // The first request is held open (the worker is "mid-job"); later ones succeed.
  receiver = await startReceiver((n) => (n === 1 ? "hang" : 200));
  Object.assign(process.env, {
    OUTBOUND_ALLOW_PRIVATE_NETWORKS: "true",
    JOBS_POLL_INTERVAL_SECONDS: "0.5",
    JOBS_SUPERVISE_INTERVAL_SECONDS: "1",
  });
  reloadEnv();
});

afterAll(async () => {
  await receiver?.close();
});

describe.runIf(onPostgres)("a worker killed mid-job", () => {
  it("leads to a retry by another worker, not a loss", { timeout: 90_000 }, async () => {
    await ensureRoutingTeams();
    await getDb().webhookEndpoint.updateMany({ data: { enabled: false } });
    const endpoint = await createWebhookEndpoint(getDb(), null, { url: receiver.url, events: ["handoff.created"] });
    const issued = await createSource(getDb(), null, { name: `crash-${randomUUID().slice(0, 8)}`, kind: "api" });
    const source = (await authenticateSourceKey(getDb(), issued.apiKey))!;
    const id = randomUUID();
    const outcome = await ingestConversation(getDb(), source, {
      externalId: id,
      messages: [
        { role: "visitor", text: "Hi, we'd like a new flat roof on our garage, about 20 square metres." },
        { role: "bot", text: "Happy to help. Could our surveyor email you to arrange a visit?" },
        { role: "visitor", text: `Yes please, email me at dana-${id.slice(0, 8)}@ruiz.example. I'm Dana Ruiz.` },
      ],
    });
    expect(outcome.outcome).toBe("handoff");

    // A separate worker process picks the job up and is killed while the receiver holds the request.
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
      env: { ...process.env, LOG_LEVEL: "error" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      await receiver.waitFor(1, 30_000);
    } catch (error) {
      child.kill("SIGKILL");
      throw new Error(`the worker never attempted the delivery: ${String(error)}\n${stderr}`);
    }
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
    const delivery = await getDb().webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    expect(delivery.status).toBe("pending");
    expect(delivery.attemptCount).toBe(0); // the killed attempt never finished

    // This process now runs the workers; the supervisor notices the silent job and it is retried.
    await stopJobs();
    await startJobs(registerHandlers);
    const done = await eventually(
      () =>
        getDb().webhookDelivery.findUniqueOrThrow({
          where: { id: delivery.id },
          include: { attempts: true },
        }),
      (d) => d.status === "delivered",
      75_000,
    );
    expect(done.attempts).toHaveLength(1);
    expect(done.attempts[0]!.statusCode).toBe(200);
    expect(receiver.requests).toHaveLength(2);
    expect(receiver.requests.map((r) => r.headers["webhook-id"])).toEqual([delivery.id, delivery.id]);
    const [job] = await getDb().$queryRaw<{ retry_count: number; state: string }[]>`
      SELECT retry_count, state::text FROM pgboss.job
      WHERE name = 'webhook.deliver' AND data->>'deliveryId' = ${delivery.id}`;
    expect(job).toMatchObject({ retry_count: 1, state: "completed" });
  });
});
