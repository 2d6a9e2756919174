import {
  addDays,
  daysBetween,
  formatLocalDate,
  localDateAt,
  parseLocalDate,
  weekdayOf,
  zonedTimeToInstant,
  type LocalDate,
} from "./zoned-time";

// The reporting window: whole days in the business's time zone, `from` through `to` inclusive, and
// the previous period of the same length just before it, for the headline cards' change.

export const DEFAULT_WINDOW_DAYS = 30;
export const MAX_WINDOW_DAYS = 400;

/** A `from` or `to` the window cannot use, naming which. */
export class WindowInputError extends Error {
  constructor(
    readonly field: "from" | "to",
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = "WindowInputError";
  }
}

export interface Period {
  /** Inclusive local dates, "YYYY-MM-DD". */
  from: string;
  to: string;
  /** [start, end) as instants: midnight at `from`, midnight after `to`, in the zone. */
  start: Date;
  end: Date;
}

export interface ReportingWindow extends Period {
  days: number;
  timeZone: string;
  previous: Period;
}

function periodOf(from: LocalDate, to: LocalDate, zone: string): Period {
  return {
    from: formatLocalDate(from),
    to: formatLocalDate(to),
    start: new Date(zonedTimeToInstant(from, 0, zone)),
    end: new Date(zonedTimeToInstant(addDays(to, 1), 0, zone)),
  };
}

/**
 * The window for `from`..`to` (either may be missing: the last 30 days up to today), with the
 * period before it. Throws a WindowInputError naming the field when the dates are not usable.
 */
export function resolveWindow(
  input: { from?: string | null; to?: string | null },
  zone: string,
  now: Date,
  defaultDays = DEFAULT_WINDOW_DAYS,
): ReportingWindow {
  const parse = (field: "from" | "to", value: string | null | undefined) => {
    if (!value) return null;
    const date = parseLocalDate(value);
    if (!date) throw new WindowInputError(field, `"${value}" is not a date (use YYYY-MM-DD)`);
    return date;
  };
  let to = parse("to", input.to);
  let from = parse("from", input.from);
  if (!to) to = from ? addDays(from, defaultDays - 1) : localDateAt(now.getTime(), zone);
  if (!from) from = addDays(to, -(defaultDays - 1));
  const days = daysBetween(from, to) + 1;
  if (days < 1) throw new WindowInputError("to", "must be on or after from");
  if (days > MAX_WINDOW_DAYS) throw new WindowInputError("to", `a window is at most ${MAX_WINDOW_DAYS} days`);
  const previous = periodOf(addDays(from, -days), addDays(from, -1), zone);
  return { ...periodOf(from, to, zone), days, timeZone: zone, previous };
}

/** Every bucket key in the window, so a trend shows empty days as zero rather than skipping them. */
export function bucketKeys(window: Pick<Period, "from" | "to">, granularity: "day" | "week"): string[] {
  const from = parseLocalDate(window.from);
  const to = parseLocalDate(window.to);
  if (!from || !to) return [];
  const keys: string[] = [];
  // Weeks start on Monday, as PostgreSQL's date_trunc('week') does.
  const start = granularity === "week" ? addDays(from, -weekdayOf(from)) : from;
  for (let date = start; daysBetween(date, to) >= 0; date = addDays(date, granularity === "week" ? 7 : 1)) {
    keys.push(formatLocalDate(date));
  }
  return keys;
}
