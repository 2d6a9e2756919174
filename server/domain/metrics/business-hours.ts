import type { BusinessHours } from "../routing/rules";
import {
  addDays,
  compareDates,
  formatLocalDate,
  localDateAt,
  weekdayOf,
  zonedTimeToInstant,
  type LocalDate,
} from "./zoned-time";

// Owner response time in business hours: only the seconds inside the opening hours of the business's
// time zone count, so a chat handed off on Friday evening and answered on Monday at 09:30 took half
// an hour of business time, not 64 hours.

const DAY_KEYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const CACHE_LIMIT = 10_000;
/** (zone, hours, date) -> the day's open interval in epoch ms, or null when closed. */
const openIntervals = new Map<string, readonly [number, number] | null>();

function minutesOf(time: string): number {
  const [h, m] = time.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function openInterval(date: LocalDate, hours: BusinessHours): readonly [number, number] | null {
  if (hours.holidays?.includes(formatLocalDate(date))) return null;
  const day = DAY_KEYS[weekdayOf(date)];
  const span = day ? hours.days[day] : undefined;
  if (!span) return null;
  const key = `${hours.timeZone}|${span[0]}-${span[1]}|${date.year}-${date.month}-${date.day}`;
  const cached = openIntervals.get(key);
  if (cached !== undefined) return cached;
  const interval = [
    zonedTimeToInstant(date, minutesOf(span[0]), hours.timeZone),
    zonedTimeToInstant(date, minutesOf(span[1]), hours.timeZone),
  ] as const;
  if (openIntervals.size >= CACHE_LIMIT) openIntervals.clear();
  openIntervals.set(key, interval);
  return interval;
}

/** Seconds of business hours between two instants (0 when `end` is not after `start`), rounded. */
export function businessSecondsBetween(start: Date, end: Date, hours: BusinessHours): number {
  const from = start.getTime();
  const to = end.getTime();
  if (!(to > from)) return 0;
  let total = 0;
  const last = localDateAt(to, hours.timeZone);
  for (let date = localDateAt(from, hours.timeZone); compareDates(date, last) <= 0; date = addDays(date, 1)) {
    const open = openInterval(date, hours);
    if (!open) continue;
    const overlap = Math.min(open[1], to) - Math.max(open[0], from);
    if (overlap > 0) total += overlap;
  }
  return Math.round(total / 1000);
}
