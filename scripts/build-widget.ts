// Builds the embeddable chat widget (components/widget-embed) into one small script, public/widget.js,
// and holds it to the product's size budget: it loads on every page of a customer's site.
//   npx tsx scripts/build-widget.ts
import { build } from "esbuild";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const WIDGET_BUDGET_GZIPPED = 50 * 1024;

export async function buildWidget(
  outfile = path.join(ROOT, "public", "widget.js"),
): Promise<{ bytes: number; gzipped: number; file: string }> {
  mkdirSync(path.dirname(outfile), { recursive: true });
  await build({
    entryPoints: [path.join(ROOT, "components", "widget-embed", "index.ts")],
    outfile,
    bundle: true,
    format: "iife",
    minify: true,
    target: "es2020",
    platform: "browser",
    sourcemap: false,
    legalComments: "none",
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "warning",
  });
  const code = readFileSync(outfile);
  return { bytes: code.length, gzipped: gzipSync(code, { level: 9 }).length, file: outfile };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { bytes, gzipped, file } = await buildWidget();
  console.log(`${path.basename(file)}: ${bytes} bytes, ${gzipped} bytes gzipped`);
  if (gzipped > WIDGET_BUDGET_GZIPPED) {
    console.error(`Over the budget of ${WIDGET_BUDGET_GZIPPED} bytes gzipped.`);
    process.exit(1);
  }
}
