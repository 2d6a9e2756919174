import { maskPersonalData, maskText } from "./domain/redaction/mask";
import { getEnv } from "./env";

// One JSON line per event on stdout/stderr. Every field passes through maskPersonalData, so an email,
// phone number or secret handed to the logger by mistake never reaches the log in full.

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof LEVELS;

function threshold(): number {
  try {
    return LEVELS[getEnv().LOG_LEVEL];
  } catch {
    return LEVELS.info; // the environment itself is invalid; start-up reports that
  }
}

function describeError(error: unknown, withStack: boolean, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) {
    // Some libraries throw or attach plain objects ({ err, … }); show what they hold, masked.
    if (error && typeof error === "object") {
      const inner = (error as { err?: unknown }).err;
      if (inner instanceof Error && depth < 3) return describeError(inner, withStack, depth + 1);
      return { message: maskText(JSON.stringify(maskPersonalData(error)).slice(0, 500)) };
    }
    return { message: maskText(String(error)) };
  }
  // Libraries wrap the real reason in `cause` (Auth.js's CallbackRouteError, Prisma's adapter errors).
  const cause = error.cause !== undefined && depth < 3 ? describeError(error.cause, withStack, depth + 1) : undefined;
  return {
    name: error.name,
    message: maskText(error.message),
    ...(withStack && error.stack ? { stack: maskText(error.stack) } : {}),
    ...(cause ? { cause } : {}),
  };
}

function write(level: Level, message: string, fields?: Record<string, unknown>) {
  const minimum = threshold();
  if (LEVELS[level] < minimum) return;
  const { err, ...rest } = fields ?? {};
  const line = JSON.stringify({
    level,
    time: new Date().toISOString(),
    msg: maskText(message),
    ...(maskPersonalData(rest) as Record<string, unknown>),
    ...(err === undefined ? {} : { err: describeError(err, minimum <= LEVELS.debug) }),
  });
  (LEVELS[level] >= LEVELS.warn ? process.stderr : process.stdout).write(`${line}\n`);
}

export const logger = {
  debug: (message: string, fields?: Record<string, unknown>) => write("debug", message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write("info", message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write("warn", message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write("error", message, fields),
};
