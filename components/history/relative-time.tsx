import { formatAbsoluteTime, formatRelativeTime } from "@/lib/format/format-time";

/** "3 min ago", with the exact time for hover and assistive tech. Server and browser clocks may differ by a tick. */
export function RelativeTime({ iso, now }: { iso: string; now: number }) {
  return (
    <time dateTime={iso} title={formatAbsoluteTime(iso)} suppressHydrationWarning>
      {formatRelativeTime(iso, now)}
    </time>
  );
}
