import type { Message, MessageRole } from "./types";

// A transcript an admin pastes into a settings test box, as people copy chats out of a platform:
// "Visitor: …", "Bot: …", "Agent: …" at the start of a line. A line without a speaker continues the
// message above it; text with no speaker at all is one visitor message.

const SPEAKERS: Record<string, MessageRole> = {
  visitor: "visitor",
  customer: "visitor",
  user: "visitor",
  you: "visitor",
  bot: "bot",
  assistant: "bot",
  chatbot: "bot",
  agent: "agent",
  staff: "agent",
  human: "agent",
};

const SPEAKER_LINE = /^\s*(visitor|customer|user|you|bot|assistant|chatbot|agent|staff|human)\s*:\s?(.*)$/i;

export const MAX_PASTED_CHARS = 20_000;

export function parsePastedTranscript(text: string): Message[] {
  const messages: Message[] = [];
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    const speaker = SPEAKER_LINE.exec(line);
    if (speaker) {
      messages.push({ role: SPEAKERS[speaker[1]!.toLowerCase()]!, text: speaker[2]!.trim() });
    } else if (messages.length > 0) {
      const last = messages[messages.length - 1]!;
      last.text = last.text ? `${last.text}\n${line.trim()}` : line.trim();
    } else if (line.trim()) {
      messages.push({ role: "visitor", text: line.trim() });
    }
  }
  return messages
    .map((message) => ({ ...message, text: message.text.trim() }))
    .filter((message) => message.text.length > 0);
}
