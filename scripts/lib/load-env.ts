import nextEnv from "@next/env";

/**
 * Reads .env files exactly as Next does (same loader, same order, never overriding a variable that
 * is already set), so command-line tools and the app agree. `dev` picks Next's development files.
 */
export function loadEnvFiles(dev = false): void {
  nextEnv.loadEnvConfig(process.cwd(), dev, { info: () => {}, error: console.error });
}
