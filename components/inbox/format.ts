import type { ConsentStatus } from "@/server/domain/analysis/types";

export { formatDateTime } from "../settings/format";

const time = new Intl.DateTimeFormat("en-GB", { timeStyle: "short" });

export function formatTime(value: Date | string): string {
  return time.format(new Date(value));
}

/** 45 s, 12 min, 3 h 5 min, 2 d 4 h: a response time at a glance. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** "Due in 25 min", "Overdue by 1 h 5 min", from the due time and now. */
export function formatDue(dueAt: Date | string, now: Date): { text: string; overdue: boolean } {
  const diff = Math.round((new Date(dueAt).getTime() - now.getTime()) / 1000);
  return diff >= 0
    ? { text: `Due in ${formatDuration(Math.max(diff, 60))} (${formatTime(dueAt)})`, overdue: false }
    : { text: `Overdue by ${formatDuration(Math.max(-diff, 60))}`, overdue: true };
}

export const CONSENT_TEXT: Readonly<Record<ConsentStatus, { label: string; tone: "green" | "amber" | "red" }>> = {
  given: { label: "Consent to contact: given", tone: "green" },
  refused: { label: "Consent to contact: refused", tone: "red" },
  unclear: { label: "Consent to contact: unclear", tone: "amber" },
  not_asked: { label: "Consent to contact: not asked", tone: "amber" },
};

export const URGENCY_TONE: Readonly<Record<string, "red" | "amber" | "neutral" | "blue">> = {
  urgent: "red",
  high: "amber",
  normal: "neutral",
  low: "blue",
};

export const ROLE_NAMES: Readonly<Record<string, string>> = { visitor: "Visitor", bot: "Bot", agent: "Agent" };
