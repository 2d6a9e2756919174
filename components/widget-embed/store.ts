// The chat survives moving between pages of the site: it is kept in sessionStorage, so a new tab
// starts a new chat. Storage can be missing or throw (privacy modes, blocked cookies); the chat then
// simply lasts one page.
import { type ChatUpdate, readCredentials, readSessionTiming, readUpdate, type SessionTiming } from "./chat-data";

/** The session's timing is kept with it, so the page after the one that created it still knows it. */
export interface SavedChat extends ChatUpdate, SessionTiming {
  sessionId?: string;
  token?: string;
  open: boolean;
}

type KeyValueStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export function emptyChat(): SavedChat {
  return { messages: [], state: "open", ui: null, open: false };
}

export function parseSavedChat(raw: string | null): SavedChat | null {
  let value: unknown;
  try {
    value = raw === null ? null : JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const credentials = readCredentials(value);
  return {
    ...readUpdate(value),
    ...(credentials ? { ...credentials, ...readSessionTiming(value) } : {}),
    open: (value as { open?: unknown }).open === true,
  };
}

function browserStorage(): KeyValueStorage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export function createChatStore(publicId: string, storage: KeyValueStorage | null = browserStorage()) {
  const key = `handoff-desk:${publicId}`;
  return {
    load(): SavedChat | null {
      try {
        return parseSavedChat(storage?.getItem(key) ?? null);
      } catch {
        return null;
      }
    },
    save(chat: SavedChat): void {
      try {
        storage?.setItem(key, JSON.stringify(chat));
      } catch {
        // Full or blocked storage only costs the chat its life across pages.
      }
    },
    clear(): void {
      try {
        storage?.removeItem(key);
      } catch {
        // Blocked storage held nothing to clear.
      }
    },
  };
}
