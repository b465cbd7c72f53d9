/** Worker-thread entry for tests/engine/decode-frames.test.ts: decodes a file a few times and reports the warnings it saw. */
import { parentPort, workerData } from "node:worker_threads";
import { decodeFrames } from "@/lib/lipsync/media/decode-frames";

const { file, times } = workerData as { file: string; times: number };
const warnings: string[] = [];
process.on("warning", (warning) => warnings.push(warning.message));
let frames = 0;
for (let i = 0; i < times; i++) {
  for await (const frame of decodeFrames(file, { width: 320, height: 320, pixelFormat: "yuv420p" })) frames += frame.length > 0 ? 1 : 0;
}
await new Promise((resolve) => setImmediate(resolve));
parentPort?.postMessage({ frames, warnings });
