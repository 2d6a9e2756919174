// The embed: <script src="https://DESK/widget.js" data-source="PUBLIC_ID" async></script>.
// Everything hangs off one shadow-rooted element and one global flag; the host page is not touched.
import { createWidgetApi, WidgetApiError } from "./api";
import { startChat } from "./chat";
import { createChatStore } from "./store";
import { buildView, mountHost } from "./view";

declare global {
  interface Window {
    __handoffDeskWidget?: boolean;
  }
}

function findScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.dataset.source) return current;
  return document.querySelector<HTMLScriptElement>('script[data-source][src*="widget.js"]');
}

function domReady(): Promise<void> {
  if (document.readyState !== "loading") return Promise.resolve();
  return new Promise((resolve) => document.addEventListener("DOMContentLoaded", () => resolve(), { once: true }));
}

async function boot(script: HTMLScriptElement): Promise<void> {
  const publicId = script.dataset.source ?? "";
  const api = createWidgetApi(new URL(script.src, location.href).origin, publicId);
  let config;
  try {
    config = await api.getConfig();
  } catch (error) {
    // Unknown source or a site the desk does not allow: the page shows nothing rather than a broken chat.
    const reason = error instanceof WidgetApiError && error.status ? `HTTP ${error.status}` : "network error";
    console.warn(`Handoff Desk: chat widget not shown (${reason} loading its settings for "${publicId}").`);
    return;
  }
  await domReady();
  startChat({
    api,
    config,
    view: buildView(mountHost(), config),
    store: createChatStore(publicId),
    startOpen: script.dataset.open === "true",
  });
}

// document.currentScript is only set while this runs, so it is read now, not after a fetch.
const script = findScript();
if (!window.__handoffDeskWidget) {
  window.__handoffDeskWidget = true;
  if (script) void boot(script);
  else console.warn('Handoff Desk: chat widget not shown (no <script data-source="…"> found).');
}
