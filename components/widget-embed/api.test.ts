import { afterEach, describe, expect, it, vi } from "vitest";
import { createWidgetApi, WidgetApiError } from "./api";

const session = { sessionId: "s1", token: "t1" };

/** A fetch that answers `status` with `body` and records what it was asked. */
function answer(status: number, body: unknown) {
  const fetch = vi.fn(async (_url: string, _init?: RequestInit) => Response.json(body, { status }));
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

afterEach(() => vi.unstubAllGlobals());

describe("createWidgetApi", () => {
  const api = createWidgetApi("https://desk.example", "wgt_1");

  it("sends every turn under its id, with the consent wording's version when there is one", async () => {
    const fetch = answer(200, { messages: [], state: "open", ui: null });
    await api.sendTurn(session, "", "turn-1", { consent: "given", consentVersion: "consent-2", text: "Yes" });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe("https://desk.example/api/widget/v1/wgt_1/sessions/s1/messages");
    expect(JSON.parse(String(init?.body))).toEqual({
      token: "t1",
      website: "",
      turnId: "turn-1",
      consent: "given",
      consentVersion: "consent-2",
      text: "Yes",
    });
  });

  it("reads the desk's wait before a first message, none when the answer has none", async () => {
    answer(201, { sessionId: "s1", token: "t1", messages: [], state: "open", ui: null, minFirstMessageMs: 2000 });
    expect((await api.createSession({ pageUrl: "https://shop.example/", website: "" })).minFirstMessageMs).toBe(2000);
    answer(201, { sessionId: "s1", token: "t1", messages: [], state: "open", ui: null });
    expect((await api.createSession({ pageUrl: "https://shop.example/", website: "" })).minFirstMessageMs).toBe(0);
  });

  it("keeps the desk's error code and message for the error line", async () => {
    answer(400, { error: { code: "chat_too_long", message: "this chat is long enough" } });
    const failure = await api.sendTurn(session, "", "turn-1", { text: "more" }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WidgetApiError);
    expect(failure).toMatchObject({ status: 400, code: "chat_too_long", message: "this chat is long enough" });
  });
});
