// The typed client of the desk's widget API. Cross-origin and without cookies: the session token
// in the body is the visitor's only credential, so nothing of the host site's is ever sent.
import {
  type ChatUpdate,
  type Consent,
  type Contact,
  type Utm,
  type WidgetConfig,
  readConfig,
  readCredentials,
  readSessionTiming,
  readUpdate,
} from "./chat-data";

/** A request that failed: the HTTP status (0 when the network failed), the desk's message and code. */
export class WidgetApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

export interface SessionStart {
  pageUrl: string;
  referrer?: string;
  locale?: string;
  utm?: Utm;
  website: string;
}
export interface Session extends ChatUpdate {
  sessionId: string;
  token: string;
  /** The desk ignores a first visitor message sent sooner than this after the session began. */
  minFirstMessageMs: number;
}
export interface Turn {
  text?: string;
  contact?: Contact;
  consent?: Consent;
  /** The version of the consent wording the visitor answered. */
  consentVersion?: string;
}

export type WidgetApi = ReturnType<typeof createWidgetApi>;

export function createWidgetApi(apiBase: string, publicId: string) {
  const base = `${apiBase}/api/widget/v1/${encodeURIComponent(publicId)}`;
  const sessionUrl = (sessionId: string, action: string) =>
    `${base}/sessions/${encodeURIComponent(sessionId)}/${action}`;

  async function request(url: string, body?: object): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(url, {
        method: body ? "POST" : "GET",
        // A GET without a content type is a simple request: the config costs no CORS preflight.
        headers: body ? { "Content-Type": "application/json" } : undefined,
        body: body ? JSON.stringify(body) : undefined,
        credentials: "omit",
      });
    } catch {
      throw new WidgetApiError(0, "The network request failed");
    }
    const data: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = (data as { error?: { message?: unknown; code?: unknown } } | null)?.error;
      throw new WidgetApiError(
        response.status,
        typeof error?.message === "string" ? error.message : response.statusText,
        typeof error?.code === "string" ? error.code : undefined,
      );
    }
    return data;
  }

  return {
    async getConfig(): Promise<WidgetConfig> {
      return readConfig(await request(`${base}/config`));
    },

    async createSession(start: SessionStart): Promise<Session> {
      const answer = await request(`${base}/sessions`, start);
      const credentials = readCredentials(answer);
      if (!credentials) throw new WidgetApiError(500, "The session answer had no credentials");
      return { ...credentials, ...readUpdate(answer), minFirstMessageMs: readSessionTiming(answer).minFirstMessageMs };
    },

    /** One turn under its id (see turn-id.ts): the same id again asks for the desk's stored answer. */
    async sendTurn(
      session: { sessionId: string; token: string },
      website: string,
      turnId: string,
      turn: Turn,
    ): Promise<ChatUpdate> {
      return readUpdate(
        await request(sessionUrl(session.sessionId, "messages"), { token: session.token, website, turnId, ...turn }),
      );
    },

    /** On pagehide: a beacon survives the page unloading, and a string body needs no preflight. */
    endSession(session: { sessionId: string; token: string }): void {
      navigator.sendBeacon(sessionUrl(session.sessionId, "end"), JSON.stringify({ token: session.token }));
    },
  };
}
