// The shapes the widget exchanges with the desk, and readers that trust nothing: answers come over
// the network and saved chats come from sessionStorage, which the host page can rewrite. A reader
// drops what it cannot use instead of letting one odd field break the chat on someone else's site.
import { accentColor } from "./accent-color";

export type Role = "bot" | "visitor";
export interface Message {
  role: Role;
  text: string;
  at: string;
}
export type ChatState = "open" | "handed_off" | "with_team" | "closed";
export type Ui = null | { kind: "consent"; version: string; text: string } | { kind: "contact" };
export type Consent = "given" | "refused";
export interface Contact {
  name?: string;
  email?: string;
  phone?: string;
}
export type Utm = Partial<Record<"source" | "medium" | "campaign" | "term" | "content", string>>;
export interface WidgetConfig {
  title: string;
  greeting: string;
  accentColor: string;
  launcherLabel: string;
}
/** What every answer of the conversation endpoints carries. */
export interface ChatUpdate {
  messages: Message[];
  state: ChatState;
  ui: Ui;
}

type Loose = Record<string, unknown>;
const STATES: readonly ChatState[] = ["open", "handed_off", "with_team", "closed"];

function isObject(value: unknown): value is Loose {
  return typeof value === "object" && value !== null;
}

function text(value: unknown): string {
  return typeof value === "string" ? value.trim() : "";
}

export function readMessages(value: unknown): Message[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item): Message[] =>
    isObject(item) && (item.role === "bot" || item.role === "visitor") && typeof item.text === "string"
      ? [{ role: item.role, text: item.text, at: typeof item.at === "string" ? item.at : "" }]
      : [],
  );
}

export function readState(value: unknown): ChatState {
  return STATES.find((state) => state === value) ?? "open";
}

export function readUi(value: unknown): Ui {
  if (!isObject(value)) return null;
  if (value.kind === "contact") return { kind: "contact" };
  if (value.kind === "consent" && typeof value.version === "string")
    return { kind: "consent", version: value.version, text: text(value.text) };
  return null;
}

export function readUpdate(value: unknown): ChatUpdate {
  const answer = isObject(value) ? value : {};
  return { messages: readMessages(answer.messages), state: readState(answer.state), ui: readUi(answer.ui) };
}

export function readConfig(value: unknown): WidgetConfig {
  const config = isObject(value) ? value : {};
  return {
    title: text(config.title) || "Chat",
    greeting: text(config.greeting),
    accentColor: accentColor(config.accentColor),
    launcherLabel: text(config.launcherLabel) || "Chat with us",
  };
}

/** A time or a duration in milliseconds: a finite number not below zero, else undefined. */
function readMs(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** When the session was created here, and how long the desk wants before its first visitor message. */
export interface SessionTiming {
  sessionCreatedAt?: number;
  minFirstMessageMs?: number;
}

/** The timing of a session answer or a saved chat; a desk that sets no minimum wait has none (0). */
export function readSessionTiming(value: unknown): SessionTiming & { minFirstMessageMs: number } {
  const timing = isObject(value) ? value : {};
  const sessionCreatedAt = readMs(timing.sessionCreatedAt);
  return {
    ...(sessionCreatedAt === undefined ? {} : { sessionCreatedAt }),
    minFirstMessageMs: readMs(timing.minFirstMessageMs) ?? 0,
  };
}

/** The session's credentials, or null when the answer lacks them (the chat cannot go on without). */
export function readCredentials(value: unknown): { sessionId: string; token: string } | null {
  if (!isObject(value) || !text(value.sessionId) || !text(value.token)) return null;
  return { sessionId: text(value.sessionId), token: text(value.token) };
}
