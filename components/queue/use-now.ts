"use client";

import { useEffect, useState } from "react";

/**
 * The current time, refreshed on each whole minute (an SLA countdown needs no more). `initial` is
 * the server's render time, so the first client render matches the server's HTML; `live` turns
 * true once the browser's own clock has taken over.
 */
export function useNow(initial?: number): { now: number; live: boolean } {
  const [state, setState] = useState(() => ({ now: initial ?? Date.now(), live: false }));
  useEffect(() => {
    let interval: ReturnType<typeof setInterval> | undefined;
    const tick = () => setState({ now: Date.now(), live: true });
    tick();
    const timeout = setTimeout(
      () => {
        tick();
        interval = setInterval(tick, 60_000);
      },
      60_000 - (Date.now() % 60_000),
    );
    return () => {
      clearTimeout(timeout);
      if (interval) clearInterval(interval);
    };
  }, []);
  return state;
}
