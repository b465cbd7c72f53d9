// Preloaded into the Prisma CLI child (node -r) by lib/database/migrate.ts.
// Prisma 6's WebAssembly schema engine arms 10 s timers through setTimeout and never clears them
// when the awaited operation finishes first, so each migrate command idled 10 s or more before
// exiting. Timers armed from WebAssembly are unref'd: they still fire while there is work, but no
// longer keep a finished command alive. migrate.ts then checks that every migration was applied.
"use strict";
const { setTimeout: originalSetTimeout } = globalThis;
globalThis.setTimeout = function setTimeoutUnrefFromWasm(callback, delay, ...args) {
  const timer = originalSetTimeout(callback, delay, ...args);
  if (delay >= 1000 && /wasm:\/\//.test(new Error().stack ?? "")) timer.unref();
  return timer;
};
