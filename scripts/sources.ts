// Operator commands for the chat platforms and sites that send conversations (a settings screen
// comes later):
//   create --name "Website chat" --kind api|chatwoot|intercom|widget   (prints the API key once)
//   rotate --name "Website chat" [--grace-minutes 60]                  (new key; the old one lasts the grace period)
//   revoke --name "Website chat"
//   list
import { loadEnvFiles } from "./lib/load-env";
import { parseArgs } from "node:util";
import { ZodError } from "zod";
import { closeDb, getDb } from "../server/db/client";
import { createSource, listSources, revokeSource, rotateSourceKey } from "../server/services/sources";
import { runCli } from "./lib/run-cli";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { name: { type: "string" }, kind: { type: "string" }, "grace-minutes": { type: "string" } },
});

async function main(): Promise<number> {
  loadEnvFiles();
  const db = getDb();
  try {
    switch (positionals[0]) {
      case "create": {
        const source = await createSource(db, null, { name: values.name ?? "", kind: values.kind ?? "api" });
        console.log(`Created source "${source.name}" (${source.kind}).`);
        console.log(`API key (shown only now): ${source.apiKey}`);
        console.log(`Signing secret for Standard Webhooks signatures: ${source.signingSecret}`);
        return 0;
      }
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
  } catch (error) {
    if (error instanceof ZodError) {
      throw new Error(error.issues.map((issue) => `--${issue.path.join(".")}: ${issue.message}`).join("; "));
    }
    throw error;
  }
  console.error(
    'Usage: npm run sources -- create --name "NAME" --kind api|chatwoot|intercom|widget\n' +
      '       npm run sources -- rotate --name "NAME" [--grace-minutes 60]\n' +
      '       npm run sources -- revoke --name "NAME"\n' +
      "       npm run sources -- list",
  );
  return 2;
}

await runCli(main, closeDb);
