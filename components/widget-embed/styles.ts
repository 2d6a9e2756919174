// All of the widget's CSS, inside its shadow root. The accent is a validated #rrggbb, so
// interpolating it cannot inject rules.
import { readableTextColor } from "./accent-color";

/** Where the open panel fills the screen (and, in phone-modal.ts, becomes a modal dialog). */
export const PHONE_MEDIA = "(max-width: 480px)";

export function widgetStyles(accent: string): string {
  return `
:host {
  /* !important: the host page's rules (say "div { transform: … }") would otherwise beat :host. */
  all: initial !important;
  --accent: ${accent};
  --on-accent: ${readableTextColor(accent)};
  --ink: #1f2328;
  --muted: #57606a;
  --line: #d0d7de;
  --bubble: #eef1f4;
  --danger: #b42318;
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.root {
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink);
}
button, input, textarea { font: inherit; color: inherit; margin: 0; }
button { cursor: pointer; }
button:disabled { cursor: not-allowed; opacity: 0.55; }
svg { width: 22px; height: 22px; fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round; stroke-linejoin: round; }
.sr {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap;
}
/* Off-screen rather than display:none, which some bots recognise and skip. */
.hp { position: absolute; left: -10000px; top: 0; width: 1px; height: 1px; opacity: 0; }

.launcher {
  position: fixed; right: 20px; bottom: 20px; z-index: 2147483646;
  width: 56px; height: 56px; border: 0; border-radius: 50%;
  display: grid; place-items: center;
  background: var(--accent); color: var(--on-accent);
  box-shadow: 0 4px 14px rgba(0, 0, 0, 0.25);
}
.launcher svg { width: 26px; height: 26px; }

.panel {
  position: fixed; right: 20px; bottom: 88px; z-index: 2147483647;
  width: 380px; height: 560px; max-width: calc(100vw - 40px); max-height: calc(100vh - 108px);
  display: flex; flex-direction: column; overflow: hidden;
  background: #fff; border: 1px solid var(--line); border-radius: 14px;
  box-shadow: 0 12px 40px rgba(0, 0, 0, 0.22);
}
@media ${PHONE_MEDIA} {
  .panel {
    inset: 0; width: 100vw; height: 100vh; height: 100dvh;
    max-width: none; max-height: none; border: 0; border-radius: 0;
  }
}
.header { display: flex; align-items: center; gap: 8px; padding: 12px 12px 12px 16px; border-bottom: 1px solid var(--line); }
.title { flex: 1; margin: 0; font-size: 16px; font-weight: 600; }
.icon-button { display: grid; place-items: center; width: 36px; height: 36px; border: 0; border-radius: 8px; background: transparent; }
.icon-button:hover { background: var(--bubble); }
.status { margin: 0; padding: 6px 16px; font-size: 13px; color: var(--muted); background: #f6f8fa; border-bottom: 1px solid var(--line); }
/* Live regions take no space when empty but stay rendered: a screen reader only announces a change
   to a region it already knows, so display:none would silence the next status or error. */
.status:empty, .error:empty { min-height: 0; padding: 0; border: 0; }

.body { flex: 1; overflow-y: auto; padding: 16px; display: flex; flex-direction: column; gap: 12px; }
.log { display: flex; flex-direction: column; gap: 8px; }
.msg { max-width: 85%; padding: 8px 12px; border-radius: 14px; white-space: pre-wrap; overflow-wrap: anywhere; }
.msg[data-role="bot"] { align-self: flex-start; background: var(--bubble); border-bottom-left-radius: 4px; }
.msg[data-role="visitor"] { align-self: flex-end; background: var(--accent); color: var(--on-accent); border-bottom-right-radius: 4px; }
.typing { align-self: flex-start; padding: 4px 14px; border-radius: 14px; background: var(--bubble); font-size: 20px; line-height: 1.2; letter-spacing: 2px; }

.prompt { display: flex; flex-direction: column; gap: 8px; padding: 12px; border: 1px solid var(--line); border-radius: 12px; }
.prompt p { margin: 0; }
.choices { display: flex; flex-wrap: wrap; gap: 8px; }
.choice, .primary { padding: 8px 14px; border-radius: 999px; font-weight: 500; }
.choice { border: 1px solid var(--ink); background: #fff; }
.primary { border: 0; background: var(--accent); color: var(--on-accent); }
.field { display: flex; flex-direction: column; gap: 4px; font-size: 13px; font-weight: 500; }
.field input { padding: 8px 10px; border: 1px solid #8c959f; border-radius: 8px; font-size: 16px; font-weight: 400; }
.field input[aria-invalid="true"] { border-color: var(--danger); }
.row { display: flex; flex-wrap: wrap; align-items: center; gap: 10px; }
.hint { font-size: 13px; color: var(--muted); }
.field-error, .error { margin: 0; font-size: 13px; color: var(--danger); }
.field-error:empty { display: none; }
.error { padding: 6px 16px 0; }

.composer { position: relative; display: flex; align-items: flex-end; gap: 8px; padding: 12px; border-top: 1px solid var(--line); }
.composer textarea {
  flex: 1; resize: none; max-height: 120px; padding: 9px 12px;
  border: 1px solid #8c959f; border-radius: 10px; font-size: 16px; line-height: 1.35; background: #fff;
}
.composer textarea:disabled { background: #f6f8fa; }
.restart { margin: 12px; }
.send { width: 42px; height: 42px; border: 0; border-radius: 50%; display: grid; place-items: center; background: var(--accent); color: var(--on-accent); }
/* Last and scoped, to win over the controls' own shadows: a dark ring inside a light one, visible on
   the panel, on the accent and on any host page. */
.root :focus-visible { outline: 3px solid #101418; outline-offset: 0; box-shadow: 0 0 0 6px #fff; }
`;
}
