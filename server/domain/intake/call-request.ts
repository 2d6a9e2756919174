// "Call me tomorrow at 3pm": the visitor asked for a call at a stated time. Found in the visitor's
// own messages, read as wall-clock time in the business's time zone, and resolved against the
// time the message was sent. Only a stated clock time counts ("call me soon" is not a time).

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

const CALL_WORDS = /\b(?:call|ring|phone|speak|talk|callback|call-back)\b/i;
const CLOCK =
  /\b(?:at|around|about|after|from|by)?\s*(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)|\b(?:at|around|about|after|from|by)\s+(\d{1,2})[:.](\d{2})\b|\b(noon|midday)\b/i;
const DAY =
  /\b(today|this (?:morning|afternoon|evening)|tonight|tomorrow|(?:on |next )?(sun|mon|tues|wednes|thurs|fri|satur)day)\b|\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+(\d{1,2})(?:st|nd|rd|th)?\b/i;

export interface CallRequest {
  /** The start, in UTC. */
  startsAt: Date;
  /** The visitor's words. */
  quote: string;
  message: number;
}

interface WallTime {
  year: number;
  month: number; // 0-based
  day: number;
  hour: number;
  minute: number;
}

function wallClock(instant: Date, timeZone: string): WallTime & { weekday: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      weekday: "long",
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month) - 1,
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS.indexOf(String(parts.weekday).toLowerCase()),
  };
}

/** The UTC instant at which `timeZone`'s clocks show `wall` (the later one in a repeated hour). */
export function zonedTimeToUtc(wall: WallTime, timeZone: string): Date {
  const asUtc = Date.UTC(wall.year, wall.month, wall.day, wall.hour, wall.minute);
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const shown = wallClock(new Date(guess), timeZone);
    const shownUtc = Date.UTC(shown.year, shown.month, shown.day, shown.hour, shown.minute);
    guess += asUtc - shownUtc;
  }
  return new Date(guess);
}

function parseClock(match: RegExpExecArray): { hour: number; minute: number } | null {
  if (match[6]) return { hour: 12, minute: 0 };
  const meridiem = match[3]?.toLowerCase().replace(/\./g, "");
  const hour = Number(match[1] ?? match[4]);
  const minute = Number(match[2] ?? match[5] ?? 0);
  if (minute > 59) return null;
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    return { hour: (hour % 12) + (meridiem === "pm" ? 12 : 0), minute };
  }
  return hour <= 23 ? { hour, minute } : null;
}

/**
 * The first visitor message that asks for a call and states a clock time, resolved to an instant.
 * `sentAt` gives each message's time (the conversation's receipt time when the platform gave none).
 */
export function findCallRequest(
  messages: { role: string; text: string; at?: string | null }[],
  options: { timeZone: string; receivedAt: Date },
): CallRequest | null {
  for (const [index, message] of messages.entries()) {
    if (message.role !== "visitor" || !CALL_WORDS.test(message.text)) continue;
    const clockMatch = CLOCK.exec(message.text);
    if (!clockMatch) continue;
    const clock = parseClock(clockMatch);
    if (!clock) continue;
    const sentAt = message.at && !Number.isNaN(Date.parse(message.at)) ? new Date(message.at) : options.receivedAt;
    const today = wallClock(sentAt, options.timeZone);
    const dayMatch = DAY.exec(message.text);
    let date = { year: today.year, month: today.month, day: today.day };
    let explicitDay = false;
    if (dayMatch) {
      explicitDay = true;
      const word = dayMatch[1]?.toLowerCase() ?? "";
      if (word === "tomorrow") date = addDays(date, 1);
      else if (dayMatch[2]) {
        const target = WEEKDAYS.findIndex((d) => d.startsWith(dayMatch[2]!.toLowerCase()));
        let ahead = (target - today.weekday + 7) % 7;
        if (ahead === 0 || word.startsWith("next")) ahead = ahead === 0 ? 7 : ahead;
        date = addDays(date, ahead);
      } else if (dayMatch[3] || dayMatch[5]) {
        const month = MONTHS.indexOf((dayMatch[4] ?? dayMatch[5])!.toLowerCase().slice(0, 3));
        const day = Number(dayMatch[3] ?? dayMatch[6]);
        if (day < 1 || day > 31) continue;
        date = { year: today.year, month, day };
        // A date already past this year means next year's.
        if (Date.UTC(date.year, month, day) < Date.UTC(today.year, today.month, today.day)) date.year += 1;
      }
    }
    let startsAt = zonedTimeToUtc({ ...date, ...clock }, options.timeZone);
    if (!explicitDay && startsAt <= sentAt) {
      startsAt = zonedTimeToUtc({ ...addDays(date, 1), ...clock }, options.timeZone);
    }
    if (startsAt <= sentAt) continue;
    const quoteStart = Math.max(0, Math.min(clockMatch.index, dayMatch?.index ?? clockMatch.index) - 40);
    return { startsAt, quote: message.text.slice(quoteStart, quoteStart + 160).trim(), message: index };
  }
  return null;
}

function addDays(date: { year: number; month: number; day: number }, days: number) {
  const d = new Date(Date.UTC(date.year, date.month, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth(), day: d.getUTCDate() };
}

const icsText = (value: string) =>
  value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
const icsTime = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

/** Folds content lines at 75 octets, as RFC 5545 requires. */
function fold(line: string): string {
  const out: string[] = [];
  let rest = line;
  while (Buffer.byteLength(rest) > 75) {
    let cut = 75;
    while (Buffer.byteLength(rest.slice(0, cut)) > 75) cut--;
    out.push(rest.slice(0, cut));
    rest = " " + rest.slice(cut);
  }
  out.push(rest);
  return out.join("\r\n");
}

/** An iCalendar invitation (METHOD:REQUEST) for the call, to the owner. */
export function callInvite(input: {
  uid: string;
  startsAt: Date;
  minutes: number;
  summary: string;
  description: string;
  organizer: string;
  attendee: string;
  now: Date;
}): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Handoff Desk//Call request//EN",
    "METHOD:REQUEST",
    "BEGIN:VEVENT",
    `UID:${input.uid}`,
    `DTSTAMP:${icsTime(input.now)}`,
    `DTSTART:${icsTime(input.startsAt)}`,
    `DTEND:${icsTime(new Date(input.startsAt.getTime() + input.minutes * 60_000))}`,
    `SUMMARY:${icsText(input.summary)}`,
    `DESCRIPTION:${icsText(input.description)}`,
    `ORGANIZER:mailto:${input.organizer}`,
    `ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:${input.attendee}`,
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(fold).join("\r\n") + "\r\n";
}
