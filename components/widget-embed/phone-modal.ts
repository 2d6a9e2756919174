// At phone widths the open panel covers the whole screen, so there it is a modal dialog: screen
// readers are told (aria-modal), Tab stays inside it and the page behind does not scroll. Wider, the
// panel sits beside the page, which stays usable, so none of this applies.
import { wrapFocus } from "./focus-cycle";
import { PHONE_MEDIA } from "./styles";

const CONTROLS = "button, input, textarea, select, a[href], [tabindex]";

export function createPhoneModal(root: ShadowRoot, panel: HTMLElement) {
  const phone = matchMedia(PHONE_MEDIA);
  let modal = false;
  /** The page's own overflow while we hold it hidden; null when we do not. */
  let pageOverflow: string | null = null;

  /** Controls Tab can reach now: not disabled, not hidden, not taken out of the order (the honeypot). */
  function controls(): HTMLElement[] {
    return [...panel.querySelectorAll<HTMLElement>(CONTROLS)].filter(
      (el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0,
    );
  }

  /** Called whenever the panel opens or closes; the width is followed by itself. */
  function sync(): void {
    modal = phone.matches && !panel.hidden;
    panel.setAttribute("aria-modal", String(modal));
    const page = document.documentElement.style;
    if (modal && pageOverflow === null) {
      pageOverflow = page.overflow;
      page.overflow = "hidden";
    } else if (!modal && pageOverflow !== null) {
      page.overflow = pageOverflow;
      pageOverflow = null;
    }
  }

  // On the document, not the panel: focus that slipped out (a control disabled while it had focus
  // leaves it on the page's body) is still brought back.
  document.addEventListener("keydown", (event) => {
    if (!modal || event.key !== "Tab") return;
    const focused = root.activeElement;
    const inside = focused instanceof HTMLElement && panel.contains(focused) ? focused : null;
    const target = wrapFocus(controls(), inside, event.shiftKey);
    if (!target) return;
    event.preventDefault();
    target.focus();
  });
  phone.addEventListener("change", sync);
  return { sync };
}
