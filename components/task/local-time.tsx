"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** A date in the reader's time zone (UTC in the server's HTML, so hydration matches). */
export function LocalTime({ iso }: { iso: string }) {
  const onClient = useSyncExternalStore(subscribe, () => true, () => false);
  const date = new Date(iso);
  const text = onClient
    ? date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })
    : `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return <time dateTime={iso}>{text}</time>;
}
