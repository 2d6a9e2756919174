// The chat's behaviour: opening and closing, the session (created on first open, not on page load,
// so a page view costs the desk nothing), sending turns, and keeping it all across pages.
import { type Turn, type WidgetApi, WidgetApiError } from "./api";
import { type Consent, type Contact, type Message, type WidgetConfig } from "./chat-data";
import { describeContact } from "./contact-field";
import { createMessageList } from "./message-list";
import { sessionStartBody } from "./page-context";
import { createPhoneModal } from "./phone-modal";
import { promptFor } from "./prompts";
import { type createChatStore, emptyChat, type SavedChat } from "./store";
import { consentWordingToShow, visibleMessages } from "./transcript";
import { createTurnIds } from "./turn-id";
import { type WidgetView } from "./view";
import { waitBeforeFirst } from "./wait-before-first";
import { COPY, errorText, isSessionGone, statusText } from "./wording";

interface ChatOptions {
  api: WidgetApi;
  config: WidgetConfig;
  store: ReturnType<typeof createChatStore>;
  view: WidgetView;
  startOpen: boolean;
}
type Credentials = { sessionId: string; token: string };

export function startChat({ api, config, store, view, startOpen }: ChatOptions): void {
  const saved = store.load();
  let chat: SavedChat = saved ?? emptyChat();
  let starting: Promise<Credentials> | null = null;
  let busy = false;
  /** The visitor's message while the desk has not yet accepted it. */
  let pending: Message | null = null;
  let promptKey = "";
  const list = createMessageList(view.log, config.title);
  const phone = createPhoneModal(view.root, view.panel);
  const turnIds = createTurnIds();

  function render(): void {
    const messages = visibleMessages(chat.messages, config.greeting);
    list.show(pending ? [...messages, pending] : messages);
    const closed = chat.state === "closed";
    // Written only when it changes: the status line is a live region, and a rewrite may be read again.
    const status = statusText(chat.state);
    if (view.status.textContent !== status) view.status.textContent = status;
    const composerHadFocus = view.composer.contains(view.root.activeElement);
    view.composer.hidden = closed;
    view.restart.hidden = !closed;
    if (closed && composerHadFocus) view.restart.focus();
    view.send.disabled = busy;
    view.typing.hidden = !busy;
    renderPrompt(closed ? null : chat.ui, consentWordingToShow(chat.messages, chat.ui));
    for (const button of view.prompt.querySelectorAll("button")) button.disabled = busy;
    view.body.scrollTop = view.body.scrollHeight;
  }

  // Rebuilt only when the ask changes, so what the visitor typed into the contact form survives.
  function renderPrompt(ui: SavedChat["ui"], wording: string | null): void {
    const key = JSON.stringify([ui, wording]);
    if (key === promptKey) return;
    promptKey = key;
    view.prompt.replaceChildren(promptFor(ui, wording, { answerConsent, sendContact }) ?? "");
  }

  function update(next: Partial<SavedChat>): void {
    chat = { ...chat, ...next };
    store.save(chat);
    render();
  }

  function credentials(): Credentials | null {
    return chat.sessionId && chat.token ? { sessionId: chat.sessionId, token: chat.token } : null;
  }

  function ensureSession(): Promise<Credentials> {
    const current = credentials();
    if (current) return Promise.resolve(current);
    const page = { href: location.href, referrer: document.referrer, language: navigator.language };
    starting ??= api
      .createSession(sessionStartBody(page, view.website.value))
      .then(({ sessionId, token, messages, state, ui, minFirstMessageMs }) => {
        // Timed from the answer's arrival, a little after the desk's own start: errs on the safe side.
        update({ sessionId, token, messages, state, ui, sessionCreatedAt: Date.now(), minFirstMessageMs });
        return { sessionId, token };
      })
      .finally(() => {
        starting = null;
      });
    return starting;
  }

  function setOpen(open: boolean, moveFocus: boolean): void {
    view.panel.hidden = !open;
    view.launcher.setAttribute("aria-expanded", String(open));
    phone.sync();
    update({ open });
    if (!moveFocus) return;
    if (open) focusComposer();
    else view.launcher.focus();
  }

  /** The message input, or the way to a new chat once this one has ended. */
  function focusComposer(): void {
    (chat.state === "closed" ? view.restart : view.input).focus();
  }

  /** Focus fell to the page's body: a control disabled while busy (Send, a prompt's) drops it there. */
  function focusDropped(): boolean {
    return !document.activeElement || document.activeElement === document.body;
  }

  function setBusy(value: boolean): void {
    busy = value;
    render();
  }

  /** Sends one turn, showing `echo` as the visitor's bubble; false when it did not go through. */
  async function sendTurn(turn: Turn, echo: string): Promise<boolean> {
    if (busy || chat.state === "closed") return false;
    view.error.textContent = "";
    setBusy(true);
    const turnId = turnIds.idFor(turn);
    try {
      const session = await ensureSession();
      pending = { role: "visitor", text: echo, at: new Date().toISOString() };
      render();
      // Busy meanwhile: the typing dots show and Send stays disabled.
      const wait = waitBeforeFirst(chat, Date.now());
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const answer = await api.sendTurn(session, view.website.value, turnId, turn);
      const accepted = pending;
      pending = null;
      turnIds.forget();
      update({ messages: [...chat.messages, accepted, ...answer.messages], state: answer.state, ui: answer.ui });
      return true;
    } catch (error) {
      pending = null;
      const failure = error instanceof WidgetApiError ? error : new WidgetApiError(0, "");
      // Only a turn can find its session gone: creating one answers 404 for an unknown source.
      if (credentials() && isSessionGone(failure.status)) {
        turnIds.forget();
        update({ sessionId: undefined, token: undefined, sessionCreatedAt: undefined, ui: null });
        view.error.textContent = COPY.expired;
      } else {
        turnIds.failed(turn, turnId);
        view.error.textContent = errorText(failure.status, failure.message, failure.code);
      }
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function sendText(): Promise<void> {
    const text = view.input.value.trim();
    if (!text || busy || chat.state === "closed") return;
    view.input.value = "";
    fitInput();
    const sent = await sendTurn({ text }, text);
    if (focusDropped()) focusComposer();
    if (sent) return;
    // Nothing typed is lost: the failed text goes back, ahead of anything typed since.
    view.input.value = view.input.value ? `${text}\n${view.input.value}` : text;
    fitInput();
  }

  function answerConsent(consent: Consent, label: string, version: string): void {
    void answerPrompt({ consent, consentVersion: version, text: label }, label);
  }

  function sendContact(contact: Contact): void {
    void answerPrompt({ contact }, describeContact(contact));
  }

  /** A prompt's answer; focus then goes to the input, or back to the prompt if it is still there. */
  async function answerPrompt(turn: Turn, echo: string): Promise<void> {
    const from = view.root.activeElement;
    const sent = await sendTurn(turn, echo);
    // Unless the visitor has moved on, to the page (beside a wide panel) or the launcher.
    if (!focusDropped() && !view.panel.contains(view.root.activeElement)) return;
    if (!sent && from instanceof HTMLElement && from.isConnected) from.focus();
    else focusComposer();
  }

  /** A fresh chat in place of an ended one: the stored chat goes, and the next send starts a session. */
  function startOver(): void {
    store.clear();
    chat = { ...emptyChat(), open: chat.open };
    turnIds.forget();
    view.error.textContent = "";
    render();
    view.input.focus();
  }

  function fitInput(): void {
    view.input.style.height = "auto";
    view.input.style.height = `${Math.min(view.input.scrollHeight, 120)}px`;
  }

  view.launcher.addEventListener("click", () => {
    const open = view.panel.hidden;
    setOpen(open, true);
    if (open) ensureSession().catch(() => {}); // a failure is shown when the visitor sends
  });
  view.close.addEventListener("click", () => setOpen(false, true));
  view.restart.addEventListener("click", startOver);
  view.panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") setOpen(false, true);
  });
  view.composer.addEventListener("submit", (event) => {
    event.preventDefault();
    void sendText();
  });
  view.input.addEventListener("keydown", (event) => {
    // isComposing: Enter also confirms a word in an input method (Japanese, Chinese…).
    if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    void sendText();
  });
  view.input.addEventListener("input", fitInput);
  addEventListener("pagehide", () => {
    const session = credentials();
    if (session && chat.messages.some((message) => message.role === "visitor")) api.endSession(session);
  });

  render();
  // Opened by the page or by an earlier page: shown, but the focus stays where the visitor is.
  if (saved ? saved.open : startOpen) setOpen(true, false);
}
