// Which messages the conversation shows, and how little of the list must change to show them: the
// list is an aria-live log, so rebuilding it would make a screen reader read the whole chat again.
import { type Message, type Ui } from "./chat-data";

/** The saved messages; before the desk has answered, the greeting alone (the desk sends it too). */
export function visibleMessages(messages: Message[], greeting: string): Message[] {
  if (messages.length > 0 || !greeting) return messages;
  return [{ role: "bot", text: greeting, at: "" }];
}

/** How many leading messages two lists share, by who said what (times differ between copies). */
export function sharedPrefixLength(shown: Message[], next: Message[]): number {
  let i = 0;
  while (i < shown.length && i < next.length && shown[i]!.role === next[i]!.role && shown[i]!.text === next[i]!.text)
    i++;
  return i;
}

/**
 * Whether the consent buttons need the consent wording beside them: the visitor must see the words
 * they agree to, but when the bot has just said them they are not repeated.
 */
export function consentWordingToShow(messages: Message[], ui: Ui): string | null {
  if (ui?.kind !== "consent" || !ui.text) return null;
  const last = messages.at(-1);
  return last?.role === "bot" && last.text.trim() === ui.text ? null : ui.text;
}
