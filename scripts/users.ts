// Operator commands for accounts, for a fresh production install (the first admin) and lockouts:
//   create --email a@b.com --name "Ada Lovelace" --role admin   (prints a one-time password)
//   reset-password --email a@b.com                              (new password, ends all sessions)
import { loadEnvFiles } from "./lib/load-env";
import { parseArgs } from "node:util";
import { closeDb, getDb } from "../server/db/client";
import { createUser, resetPassword } from "../server/services/users";
import { runCli } from "./lib/run-cli";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string" } },
});

async function main(): Promise<number> {
  loadEnvFiles();
  const db = getDb();
  if (positionals[0] === "create") {
    const { user, generatedPassword } = await createUser(db, null, {
      email: values.email ?? "",
      name: values.name ?? "",
      role: values.role as never,
    });
    console.log(`Created ${user.role} ${user.name} <${user.email}>.`);
    if (generatedPassword)
      console.log(`One-time password (shown only now; they choose their own at first sign-in): ${generatedPassword}`);
    return 0;
  }
  if (positionals[0] === "reset-password") {
    const { generatedPassword } = await resetPassword(db, null, values.email ?? "");
    console.log(
      `New password for ${values.email} (shown only now): ${generatedPassword}\nTheir existing sessions have ended.`,
    );
    return 0;
  }
  console.error(
    'Usage: npm run users -- create --email EMAIL --name "NAME" --role admin|manager|reviewer|owner\n       npm run users -- reset-password --email EMAIL',
  );
  return 2;
}

await runCli(main, closeDb);
