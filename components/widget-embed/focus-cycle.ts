// Tab order inside a modal dialog: from its last control Tab goes back to its first, and Shift+Tab
// from the first to the last, so the keyboard never reaches the page hidden behind it.

/**
 * Where Tab (or Shift+Tab, `backwards`) must send focus instead of the browser, or null to let the
 * browser move it. `active` is null when focus is outside the dialog: it is brought back in.
 */
export function wrapFocus<T>(controls: readonly T[], active: T | null, backwards: boolean): T | null {
  const first = controls[0];
  const last = controls.at(-1);
  if (first === undefined || last === undefined) return null;
  if (active === null) return backwards ? last : first;
  if (backwards) return active === first ? last : null;
  return active === last ? first : null;
}
