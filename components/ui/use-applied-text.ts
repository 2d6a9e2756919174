"use client";

import { useEffect, useRef, useState } from "react";

/**
 * A text field that applies its value after the user pauses typing (or presses Enter), and
 * follows the URL when it changes from elsewhere (back button, a shared link).
 */
export function useAppliedText(value: string, apply: (next: string) => void, delay = 350) {
  const [text, setText] = useState(value);
  const [editing, setEditing] = useState(false);
  const latest = useRef(apply);
  useEffect(() => {
    latest.current = apply;
  });
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    // The URL changed under us: show it, unless it is what the user is typing.
    setSeen(value);
    if (!editing) setText(value);
  }
  useEffect(() => {
    if (!editing || text === value) return;
    const timer = setTimeout(() => latest.current(text), delay);
    return () => clearTimeout(timer);
  }, [text, value, editing, delay]);
  return {
    value: text,
    onChange: (next: string) => {
      setEditing(true);
      setText(next);
    },
    onBlur: () => setEditing(false),
    flush: () => latest.current(text),
  };
}
