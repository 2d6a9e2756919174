"use client";

import { useSyncExternalStore } from "react";
import { formatDateTime } from "./format";

// Times are shown in the reader's own time zone, which the server does not know: rendered on the
// server they would be in its zone and disagree with the browser's first render. So the server
// renders no time and the browser fills it in right after hydration.

const noSubscription = () => () => {};

/** False while rendering on the server and hydrating; true in the browser afterwards. */
export function useIsClient(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

const subscribeMinutes = (onChange: () => void) => {
  const timer = setInterval(onChange, 15_000);
  return () => clearInterval(timer);
};

/** The current minute in the browser (ticks on its own), null on the server. */
export function useNow(): Date | null {
  const minute = useSyncExternalStore(
    subscribeMinutes,
    () => Math.floor(Date.now() / 60_000),
    () => null,
  );
  return minute === null ? null : new Date(minute * 60_000);
}

export function LocalTime({ value }: { value: Date | string | null | undefined }) {
  const client = useIsClient();
  if (!value) return <>—</>;
  const date = new Date(value);
  return <time dateTime={date.toISOString()}>{client ? formatDateTime(date) : ""}</time>;
}
