// Every sentence the widget itself says; what the bot says comes from the desk.
import { type ChatState, type Role } from "./chat-data";

export const COPY = {
  close: "Close chat",
  conversation: "Conversation",
  message: "Message",
  placeholder: "Type your message…",
  send: "Send",
  consentYes: "Yes, you can contact me",
  consentNo: "No, thanks",
  name: "Name (optional)",
  reach: "Email or phone",
  sendDetails: "Send details",
  detailsHint: "or just type them below",
  reachMissing: "Enter an email address or a phone number.",
  expired: "This chat has expired; starting a new one.",
  startNew: "Start a new chat",
  failed: "Sorry, that didn't send. Try again.",
  tooFast: "You're sending messages quickly; please wait a moment and try again.",
};

/** The hidden words before each message, so a screen reader says who is speaking. */
export function speakerPrefix(role: Role, title: string): string {
  return role === "visitor" ? "You said:" : `${title} said:`;
}

/** The line under the header once people, not the bot, are in charge of the chat. */
export function statusText(state: ChatState): string {
  if (state === "handed_off") return "Passed to our team";
  // Not a promise of a reply: whether and how the team answers is theirs to decide.
  if (state === "with_team") return "Our team will read this chat";
  if (state === "closed") return "This chat has ended.";
  return "";
}

/** The desk said the session is gone (expired, or unknown after a restart); a new one is needed. */
export function isSessionGone(status: number): boolean {
  return status === 401 || status === 404;
}

/**
 * The error line for a failed request: the desk's own words for invalid input and for a chat that is
 * long enough (which waiting will not fix, so never the "too fast" hint), else a retry hint.
 */
export function errorText(status: number, deskMessage?: string, code?: string): string {
  if ((status === 400 || code === "chat_too_long") && deskMessage) return deskMessage;
  if (status === 429) return COPY.tooFast;
  return COPY.failed;
}
