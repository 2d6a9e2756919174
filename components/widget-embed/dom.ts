// A tiny element builder. Text is only ever added as text nodes, so a string from the desk can never
// become markup; and no innerHTML at all, which sites enforcing Trusted Types would refuse.

type Handlers = { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };
type AttrValue = string | number | boolean | null | undefined;
export interface Attrs {
  [name: string]: AttrValue | Handlers;
  on?: Handlers;
}
export type Child = Node | string | null | undefined | false;

function setAttrs(el: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (name === "on") {
      for (const [type, handler] of Object.entries(value as Handlers))
        el.addEventListener(type, handler as EventListener);
    } else if (value === true) el.setAttribute(name, "");
    else if (value !== false && value !== null && value !== undefined) el.setAttribute(name, String(value));
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  children: Child[] = [],
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  for (const child of children) if (child) el.append(child);
  return el;
}

/** A 24×24 stroke icon, hidden from assistive technology (its button carries the name). */
export function icon(path: string): SVGSVGElement {
  const svgNs = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(svgNs, "svg");
  setAttrs(svg, { viewBox: "0 0 24 24", "aria-hidden": "true", focusable: "false" });
  const shape = document.createElementNS(svgNs, "path");
  shape.setAttribute("d", path);
  svg.append(shape);
  return svg;
}

export const ICONS = {
  chat: "M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.9A8 8 0 1 1 21 12z",
  close: "M6 6l12 12M18 6 6 18",
  send: "M4 12 20 4l-6 16-3-7-7-1z",
};
