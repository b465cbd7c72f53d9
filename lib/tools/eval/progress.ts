/** One progress line on stderr, rewritten in place on a terminal, throttled to a line a second otherwise. */
export function createProgress(): { update(text: string): void; done(text?: string): void } {
  const tty = process.stderr.isTTY;
  let last = 0;
  let shown = "";
  return {
    update(text) {
      const now = Date.now();
      if (tty) {
        process.stderr.write(`\r${text.padEnd(shown.length)}`);
        shown = text;
      } else if (now - last > 1000) {
        process.stderr.write(`${text}\n`);
        last = now;
      }
    },
    done(text) {
      if (tty && shown) process.stderr.write(`\r${" ".repeat(shown.length)}\r`);
      shown = "";
      last = 0;
      if (text) process.stderr.write(`${text}\n`);
    },
  };
}
