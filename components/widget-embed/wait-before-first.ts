// The desk ignores a session's first visitor message when it comes sooner than minFirstMessageMs
// after the session was created: scripts are that fast, people are not, except someone who opens the
// chat and sends at once. Their first message is held back just long enough instead of being lost.
import { type Message, type SessionTiming } from "./chat-data";

/** Slack for the time the create answer took to arrive and for clocks of the desk's servers. */
export const FIRST_TURN_MARGIN_MS = 150;

/** How long to hold the next turn: only a session's first visitor turn waits, and only until its time. */
export function waitBeforeFirst(chat: SessionTiming & { messages: Message[] }, now: number): number {
  const { sessionCreatedAt, minFirstMessageMs = 0 } = chat;
  if (sessionCreatedAt === undefined || chat.messages.some((message) => message.role === "visitor")) return 0;
  const longest = minFirstMessageMs + FIRST_TURN_MARGIN_MS;
  // Capped: a clock set back after the session began must not hold the message for hours.
  return Math.min(longest, Math.max(0, sessionCreatedAt + longest - now));
}
