import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// The domain is the heart of Handoff Desk: pure TypeScript, no framework, database, network or
// file system. This rule keeps it that way (see shared/STYLE.md, "Pure domain").
const DOMAIN_FORBIDDEN = [
  { group: ["next", "next/*", "next-auth", "next-auth/*", "@auth/*"], message: "server/domain is framework-free." },
  { group: ["react", "react-dom", "react/*"], message: "server/domain is framework-free." },
  {
    group: ["@prisma/*", "*/generated/*", "pg", "@electric-sql/*", "pglite-prisma-adapter"],
    message: "server/domain does no database access; services load and persist.",
  },
  { group: ["@trpc/*"], message: "server/domain knows nothing of transport." },
  { group: ["ai", "@ai-sdk/*", "ollama-ai-provider-v2"], message: "Model calls live in server/ai." },
  {
    group: ["node:*", "fs", "fs/*", "path", "http", "https", "net", "child_process", "crypto", "os"],
    message: "server/domain does no I/O.",
  },
  {
    group: [
      "**/db/*",
      "**/services/*",
      "**/api/*",
      "**/auth/config",
      "**/env",
      "**/logger",
      "**/jobs/*",
      "**/integrations/*",
    ],
    message: "server/domain may not depend on outer layers.",
  },
];

const config = [
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".data/**",
      "server/db/generated/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
      "public/widget.js",
    ],
  },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    files: ["server/domain/**/*.ts"],
    ignores: ["server/domain/**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: DOMAIN_FORBIDDEN }] },
  },
  {
    // Tests of the domain may read their fixture files; the code under test still may not.
    files: ["server/domain/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: DOMAIN_FORBIDDEN.filter((rule) => rule.message !== "server/domain does no I/O.") },
      ],
    },
  },
  {
    // Configuration is parsed once, in server/env.ts.
    files: [
      "server/**/*.ts",
      "server/**/*.tsx",
      "app/**/*.ts",
      "app/**/*.tsx",
      "components/**/*.tsx",
      "components/**/*.ts",
    ],
    ignores: ["server/env.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through getEnv() from server/env.ts." },
      ],
    },
  },
];

export default config;
