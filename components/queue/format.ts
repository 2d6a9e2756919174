// Times as a reviewer reads them in the queue: how old a case is, and how long until its SLA is due.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function span(ms: number): string {
  if (ms < HOUR) return `${Math.max(1, Math.floor(ms / MINUTE))} min`;
  if (ms < DAY) {
    const hours = Math.floor(ms / HOUR);
    const minutes = Math.floor((ms % HOUR) / MINUTE);
    return minutes && hours < 10 ? `${hours} h ${minutes} min` : `${hours} h`;
  }
  return `${Math.floor(ms / DAY)} d`;
}

/** "just now", "12 min ago", "3 h ago", "2 d ago". */
export function formatAge(at: Date, now: number): string {
  const ms = now - at.getTime();
  if (ms < MINUTE) return "just now";
  return `${span(ms)} ago`;
}

export type SlaTone = "overdue" | "soon" | "later" | "none";

/** "Due in 42 min", "Overdue by 1 h 5 min"; "soon" within half an hour. */
export function formatSla(due: Date | null, now: number): { text: string; tone: SlaTone } {
  if (!due) return { text: "No SLA", tone: "none" };
  const ms = due.getTime() - now;
  if (ms <= 0) return { text: `Overdue by ${span(-ms)}`, tone: "overdue" };
  return { text: `Due in ${span(ms)}`, tone: ms <= 30 * MINUTE ? "soon" : "later" };
}

const exact = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

export function formatExact(at: Date): string {
  return exact.format(at);
}

/** The page's path (and host when asked), without the query string that campaign tags fill. */
export function pageLabel(url: string | null): { path: string; host: string } | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return { path: parsed.pathname || "/", host: parsed.host };
  } catch {
    return { path: url, host: "" };
  }
}
