import nextEnv from "@next/env";

// Command-line tools read .env files exactly as `next start` does (same loader, same order, never
// overriding a variable that is already set), so `npm run db:deploy` and the app agree.
nextEnv.loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
