// Operator commands for the chat platforms and sites that send conversations (a settings screen
// comes later):
//   create --name "Website chat" --kind api|chatwoot|intercom|widget [--platform-secret S]
//          (prints the API key once; for Chatwoot and Intercom also the webhook URL to give the platform)
//   set-platform-secret --name "Chatwoot" --platform-secret S        (Chatwoot's webhook secret, Intercom's client secret)
//   rotate --name "Website chat" [--grace-minutes 60]                  (new key; the old one lasts the grace period)
//   revoke --name "Website chat"
//   list
import { loadEnvFiles } from "./lib/load-env";
import { parseArgs } from "node:util";
import { closeDb, getDb } from "../server/db/client";
import { getAppUrlForTools } from "../server/env";
import {
  platformWebhookUrl,
  createSource,
  listSources,
  revokeSource,
  rotateSourceKey,
  setPlatformSecret,
} from "../server/services/sources";
import { runCli } from "./lib/run-cli";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: "string" },
    kind: { type: "string" },
    "grace-minutes": { type: "string" },
    "platform-secret": { type: "string" },
  },
});

async function main(): Promise<number> {
  loadEnvFiles();
  const db = getDb();
  switch (positionals[0]) {
    case "create": {
      const source = await createSource(db, null, {
        name: values.name ?? "",
        kind: values.kind ?? "api",
        platformSecret: values["platform-secret"],
      });
      console.log(`Created source "${source.name}" (${source.kind}).`);
      if (source.webhookUrlToken) {
        const url = platformWebhookUrl(getAppUrlForTools(), source);
        console.log(`Webhook URL for ${source.kind} (shown only now): ${url}?token=${source.webhookUrlToken}`);
        console.log(
          values["platform-secret"]
            ? "Deliveries must carry the platform's signature (its secret is set); the token is not needed then."
            : `Or set the platform's secret (npm run sources -- set-platform-secret) and use ${url} with signatures.`,
        );
      } else {
        console.log(`API key (shown only now): ${source.apiKey}`);
        console.log(`Signing secret for Standard Webhooks signatures: ${source.signingSecret}`);
      }
      return 0;
    }
    case "set-platform-secret":
      await setPlatformSecret(db, null, values.name ?? "", values["platform-secret"] ?? null);
      console.log(
        values["platform-secret"]
          ? `"${values.name}" now checks the platform's signature on every delivery.`
          : `"${values.name}" no longer has a platform secret; deliveries need the URL token.`,
      );
      return 0;
    case "rotate": {
      const grace = values["grace-minutes"] === undefined ? 60 : Number(values["grace-minutes"]);
      if (!Number.isInteger(grace) || grace < 0) throw new Error("--grace-minutes must be a whole number, 0 or more");
      const source = await rotateSourceKey(db, null, values.name ?? "", grace);
      console.log(`New API key for "${source.name}" (shown only now): ${source.apiKey}`);
      console.log(grace > 0 ? `The old key keeps working for ${grace} minutes.` : "The old key no longer works.");
      return 0;
    }
    case "revoke":
      await revokeSource(db, null, values.name ?? "");
      console.log(`Revoked "${values.name}": its keys no longer work.`);
      return 0;
    case "list":
      for (const s of await listSources(db)) {
        const state = s.revokedAt ? "revoked" : `last used ${s.lastUsedAt?.toISOString() ?? "never"}`;
        console.log(`${s.name}\t${s.kind}\t${s.keyPrefix}…\t${state}`);
      }
      return 0;
  }
  console.error(
    'Usage: npm run sources -- create --name "NAME" --kind api|chatwoot|intercom|widget [--platform-secret S]\n' +
      '       npm run sources -- set-platform-secret --name "NAME" [--platform-secret S]\n' +
      '       npm run sources -- rotate --name "NAME" [--grace-minutes 60]\n' +
      '       npm run sources -- revoke --name "NAME"\n' +
      "       npm run sources -- list",
  );
  return 2;
}

await runCli(main, closeDb);
