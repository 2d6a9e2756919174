// Operator commands for outbound webhooks (a settings screen comes later):
//   add --url https://crm.example.com/hooks/handoff --events handoff.created,case.created [--description D]
//          (prints the signing secret once)
//   list
//   deliveries [--endpoint ID] [--status pending|delivered|dead]   (the delivery log, newest first)
//   redeliver --delivery ID                                        (sends it again now)
//   disable --endpoint ID | enable --endpoint ID
import { loadEnvFiles } from "./lib/load-env";
import { parseArgs } from "node:util";
import { z } from "zod";
import { closeDb, getDb } from "../server/db/client";
import { getJobs, stopJobs } from "../server/jobs/runtime";
import {
  createWebhookEndpoint,
  listDeliveries,
  listWebhookEndpoints,
  redeliver,
  setWebhookEndpointEnabled,
  WEBHOOK_EVENT_TYPES,
} from "../server/services/outbound/webhooks";
import { runCli } from "./lib/run-cli";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: "string" },
    events: { type: "string" },
    description: { type: "string" },
    endpoint: { type: "string" },
    delivery: { type: "string" },
    status: { type: "string" },
  },
});

const id = (name: string) => z.object({ [name]: z.uuid("must be an id from `list` or `deliveries`") });

async function main(): Promise<number> {
  loadEnvFiles();
  const db = getDb();
  switch (positionals[0]) {
    case "add": {
      const endpoint = await createWebhookEndpoint(db, null, {
        url: values.url ?? "",
        events: (values.events ?? "")
          .split(",")
          .map((e) => e.trim())
          .filter(Boolean),
        description: values.description,
      });
      console.log(`Added webhook endpoint ${endpoint.id} for ${endpoint.events.join(", ")} -> ${endpoint.url}`);
      console.log(`Signing secret (shown only now; verify with any Standard Webhooks library): ${endpoint.secret}`);
      return 0;
    }
    case "list": {
      for (const e of await listWebhookEndpoints(db)) {
        console.log(
          `${e.id}  ${e.enabled ? "on " : "off"}  ${e.url}  [${e.events.join(", ")}]${e.disabledReason ? `  (${e.disabledReason})` : ""}`,
        );
      }
      return 0;
    }
    case "deliveries": {
      const filter = z
        .object({ endpoint: z.uuid().optional(), status: z.enum(["pending", "delivered", "dead"]).optional() })
        .parse({ endpoint: values.endpoint, status: values.status });
      for (const d of await listDeliveries(db, { endpointId: filter.endpoint, status: filter.status })) {
        console.log(`${d.id}  ${d.eventType}  ${d.status}  attempts=${d.attemptCount}  ${d.createdAt.toISOString()}`);
        for (const a of d.attempts) {
          console.log(
            `    #${a.number} ${a.attemptedAt.toISOString()} ${a.statusCode ?? "-"} ${a.durationMs} ms${a.error ? `  ${a.error}` : ""}`,
          );
        }
      }
      return 0;
    }
    case "redeliver": {
      const { delivery } = id("delivery").parse({ delivery: values.delivery }) as { delivery: string };
      await redeliver(db, await getJobs(), null, delivery);
      console.log(`Delivery ${delivery} queued again.`);
      return 0;
    }
    case "enable":
    case "disable": {
      const { endpoint } = id("endpoint").parse({ endpoint: values.endpoint }) as { endpoint: string };
      await setWebhookEndpointEnabled(db, null, endpoint, positionals[0] === "enable");
      console.log(`Endpoint ${endpoint} ${positionals[0]}d.`);
      return 0;
    }
  }
  console.error(
    `Usage: npm run webhooks -- add --url URL --events ${WEBHOOK_EVENT_TYPES.join(",")} [--description D]\n` +
      "       npm run webhooks -- list | deliveries [--endpoint ID] [--status pending|delivered|dead]\n" +
      "       npm run webhooks -- redeliver --delivery ID | enable --endpoint ID | disable --endpoint ID",
  );
  return 2;
}

await runCli(main, async () => {
  await stopJobs();
  await closeDb();
});
