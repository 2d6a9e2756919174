// The widget's fixed skeleton: launcher, dialog, conversation, composer. It holds no chat state;
// chat.ts fills it in and wires it up.
import { type WidgetConfig } from "./chat-data";
import { h, icon, ICONS } from "./dom";
import { widgetStyles } from "./styles";
import { COPY } from "./wording";

export type WidgetView = ReturnType<typeof buildView>;

/** The host element with its shadow root, which keeps the page's CSS out and ours in. */
export function mountHost(): ShadowRoot {
  const host = h("div", { id: "handoff-desk-widget" });
  document.body.append(host);
  return host.attachShadow({ mode: "open" });
}

export function buildView(root: ShadowRoot, config: WidgetConfig) {
  const launcher = h(
    "button",
    {
      type: "button",
      class: "launcher",
      "aria-label": config.launcherLabel,
      title: config.launcherLabel,
      "aria-expanded": "false",
      "aria-controls": "hd-panel",
    },
    [icon(ICONS.chat)],
  );
  const close = h("button", { type: "button", class: "icon-button", "aria-label": COPY.close }, [icon(ICONS.close)]);
  const status = h("p", { class: "status", role: "status" });
  const log = h("div", { class: "log", role: "log", "aria-live": "polite", "aria-label": COPY.conversation });
  const typing = h("div", { class: "typing", "aria-hidden": "true", hidden: true }, ["…"]);
  const prompt = h("div", { class: "prompt-slot" });
  const body = h("div", { class: "body" }, [log, typing, prompt]);
  const error = h("p", { class: "error", role: "alert" });
  const input = h("textarea", { id: "hd-input", rows: 1, placeholder: COPY.placeholder });
  const website = h("input", {
    type: "text",
    name: "website",
    class: "hp",
    tabindex: "-1",
    autocomplete: "off",
    "aria-hidden": "true",
  });
  const send = h("button", { type: "submit", class: "send", "aria-label": COPY.send }, [icon(ICONS.send)]);
  const composer = h("form", { class: "composer" }, [
    h("label", { class: "sr", for: "hd-input" }, [COPY.message]),
    input,
    website,
    send,
  ]);
  // Shown in the composer's place once a chat has ended.
  const restart = h("button", { type: "button", class: "primary restart", hidden: true }, [COPY.startNew]);
  const panel = h(
    "div",
    {
      id: "hd-panel",
      class: "panel",
      role: "dialog",
      "aria-modal": "false",
      "aria-labelledby": "hd-title",
      hidden: true,
    },
    [
      h("div", { class: "header" }, [h("h2", { id: "hd-title", class: "title" }, [config.title]), close]),
      status,
      body,
      error,
      composer,
      restart,
    ],
  );
  root.append(h("style", {}, [widgetStyles(config.accentColor)]), h("div", { class: "root" }, [launcher, panel]));
  return {
    root,
    launcher,
    panel,
    close,
    status,
    log,
    body,
    prompt,
    typing,
    error,
    composer,
    input,
    website,
    send,
    restart,
  };
}
