import path from "node:path";
import fs from "node:fs";
import { defineConfig } from "prisma/config";

// This machine cannot download Prisma's native schema engine. `prisma generate` only checks that the
// engine binary exists, so point it at a harmless file for the commands that never run it; every
// migration command goes through scripts/db.ts, which drives the WebAssembly engine instead.
const engineFreeCommands = new Set(["generate", "validate", "format", "version"]);
const command = process.argv[2];
if (command && engineFreeCommands.has(command) && !process.env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const placeholder = path.join(import.meta.dirname, "prisma", "schema.prisma");
  if (fs.existsSync(placeholder)) process.env.PRISMA_SCHEMA_ENGINE_BINARY = placeholder;
}

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
});
