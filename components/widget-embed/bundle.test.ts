import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildWidget } from "../../scripts/build-widget";

const dir = mkdtempSync(path.join(tmpdir(), "widget-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the widget bundle", () => {
  it("is one self-contained script well inside the size budget", async () => {
    const { bytes, gzipped, file } = await buildWidget(path.join(dir, "widget.js"));
    const code = readFileSync(file, "utf8");
    expect(bytes).toBe(Buffer.byteLength(code));
    expect(gzipped).toBeLessThan(15 * 1024);
    // An IIFE for a classic <script> tag: no module syntax, nothing left for Node to resolve.
    expect(code).toMatch(/^"use strict";\(\(\)=>\{/);
    expect(code).not.toMatch(/\bimport\(|\brequire\(|process\.env/);
    expect(code).not.toContain("innerHTML");
  });
});
