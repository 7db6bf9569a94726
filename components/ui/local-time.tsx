"use client";
import { useSyncExternalStore } from "react";
import { formatDateTime } from "@/lib/format";

const subscribe = () => () => {};

/**
 * A timestamp in the viewer's time zone. The server render (and the first
 * client render) use UTC so hydration matches; the local time follows.
 */
export function LocalTime({ iso, className }: { iso: string | null | undefined; className?: string }) {
  const onClient = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  if (!iso) return <span className={className}>–</span>;
  return (
    <time dateTime={iso} className={className} title={iso}>
      {onClient ? formatDateTime(iso) : `${formatDateTime(iso, "UTC")} UTC`}
    </time>
  );
}
