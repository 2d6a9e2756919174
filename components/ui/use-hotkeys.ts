"use client";

import { useEffect, useRef } from "react";

/** Single keys ("j", "?", "Enter", "Escape") to handlers. */
export type Hotkeys = Record<string, (event: KeyboardEvent) => void>;

/** True when the key press belongs to a text field, a select or an open dialog, not to the page. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target.closest("dialog[open]")) return true;
  return ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * Page-wide single-key shortcuts (no modifiers), ignored while the user types in a field or works in
 * a dialog. The latest handlers are used without re-binding the listener.
 */
export function useHotkeys(hotkeys: Hotkeys, enabled = true): void {
  const latest = useRef(hotkeys);
  useEffect(() => {
    latest.current = hotkeys;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const handler = latest.current[event.key];
      if (!handler) return;
      // Enter on a focused button or link keeps its own meaning.
      if (event.key === "Enter" && event.target instanceof HTMLElement && event.target.closest("a,button")) return;
      event.preventDefault();
      handler(event);
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [enabled]);
}
