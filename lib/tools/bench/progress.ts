import { megabytes } from "./format";

/**
 * A live "label  12.3 s  812 MB" status line on stderr, redrawn at most twice a second; only when
 * stderr is a terminal, so logs stay clean. Returns the sample callback and a function to clear it.
 */
export function liveLine(label: string): { update: (seconds: number, rss: number) => void; clear: () => void } {
  const tty = process.stderr.isTTY;
  let last = 0;
  return {
    update(seconds, rss) {
      if (!tty || seconds - last < 0.5) return;
      last = seconds;
      process.stderr.write(`\r\x1b[K    ${label}  ${seconds.toFixed(1)} s  ${megabytes(rss)}`);
    },
    clear() {
      if (tty) process.stderr.write("\r\x1b[K");
    },
  };
}
