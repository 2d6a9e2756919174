import { ZodError } from "zod";
import { EnvError } from "../../server/env";

/**
 * Runs a command-line entry point: prints a failure as one clear line (no stack trace unless
 * DEBUG is set; invalid options as "--field: problem"), releases resources, and exits explicitly
 * (the schema engine leaves timers pending).
 */
export async function runCli(main: () => Promise<number>, cleanup?: () => Promise<void>): Promise<never> {
  let code: number;
  try {
    code = await main();
  } catch (error) {
    const message =
      error instanceof ZodError
        ? error.issues.map((issue) => `--${issue.path.join(".")}: ${issue.message}`).join("; ")
        : error instanceof EnvError || error instanceof Error
          ? error.message
          : String(error);
    console.error(`Error: ${message}`);
    if (process.env.DEBUG && error instanceof Error) console.error(error.stack);
    code = 1;
  }
  await cleanup?.().catch(() => {});
  process.exit(code);
}
