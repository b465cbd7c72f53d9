import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { Processor, type ProcessorMessage } from "@met4citizen/headaudio/modules/processor.mjs";
import { Training } from "@met4citizen/headaudio/modules/training.mjs";
import { RECORD_LEN, RECORD_OFFSET, MODEL_VISEMES_N } from "@met4citizen/headaudio/modules/parameters.mjs";
import { ANALYSIS_SAMPLE_RATE } from "../media/decode-audio";

/** Oculus viseme order used by the HeadAudio model. */
export const VISEMES = ["aa", "E", "I", "O", "U", "PP", "SS", "TH", "DD", "FF", "kk", "nn", "RR", "CH", "sil"] as const;

export interface VisemeFrames {
  /** Row-major [frame][viseme] probabilities; each row sums to 1. */
  probabilities: Float32Array;
}

const require = createRequire(import.meta.url);
let modelPromise: Promise<unknown[]> | undefined;

function loadModel(): Promise<unknown[]> {
  modelPromise ??= (async () => {
    const file = require.resolve("@met4citizen/headaudio/dist/model-en-mixed.bin");
    const bytes = await readFile(file);
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const training = new Training({});
    const records: unknown[] = [];
    for (let pos = 0; pos + RECORD_OFFSET <= buffer.byteLength; pos += RECORD_OFFSET) {
      records.push(training.decodeBinaryRecord(new Float32Array(buffer, pos, RECORD_LEN)));
    }
    return records;
  })();
  return modelPromise;
}

/**
 * Runs HeadAudio's MFCC + Gaussian-prototype viseme classifier over the whole clip and
 * averages its soft scores into one distribution per video frame.
 */
export async function classifyVisemes(samples: Float32Array, fps: number, frameCount: number): Promise<VisemeFrames> {
  const model = await loadModel();
  const messages: ProcessorMessage[] = [];
  const processor = new Processor(
    { sampleRate: ANALYSIS_SAMPLE_RATE, processorOptions: { visemeEventsEnabled: true }, parameterData: { vadMode: 0 } },
    { port: { postMessage: (message) => messages.push(message) } },
  );
  processor.classifier.import({ model });
  const prototypeViseme = processor.classifier.prototypes.map((p) => p.viseme);
  for (let i = 0; i < samples.length; i += 128) processor.process(samples.subarray(i, i + 128));

  const probabilities = new Float32Array(frameCount * MODEL_VISEMES_N);
  const weights = new Float32Array(frameCount);
  const scores = new Float32Array(MODEL_VISEMES_N);
  for (const message of messages) {
    if (message.event !== "viseme" || !message.distances || message.t === undefined) continue;
    softScores(message.distances, prototypeViseme, scores);
    // Spread each 32 ms block over the frames its window overlaps.
    const first = Math.max(0, Math.floor((message.t - 0.016) * fps));
    const last = Math.min(frameCount - 1, Math.floor((message.t + 0.016) * fps));
    for (let f = first; f <= last; f++) {
      for (let v = 0; v < MODEL_VISEMES_N; v++) probabilities[f * MODEL_VISEMES_N + v] += scores[v];
      weights[f] += 1;
    }
  }
  for (let f = 0; f < frameCount; f++) {
    if (weights[f] === 0) probabilities[f * MODEL_VISEMES_N + MODEL_VISEMES_N - 1] = 1;
    else for (let v = 0; v < MODEL_VISEMES_N; v++) probabilities[f * MODEL_VISEMES_N + v] /= weights[f];
  }
  return { probabilities };
}

/** Softmax over the best (smallest) Mahalanobis distance of each viseme's prototypes. */
function softScores(distances: ArrayLike<number>, prototypeViseme: number[], out: Float32Array): void {
  out.fill(Infinity);
  for (let p = 0; p < prototypeViseme.length; p++) {
    const v = prototypeViseme[p];
    out[v] = Math.min(out[v], distances[p]);
  }
  let best = Infinity;
  for (let v = 0; v < out.length; v++) best = Math.min(best, out[v]);
  let sum = 0;
  for (let v = 0; v < out.length; v++) {
    out[v] = Number.isFinite(out[v]) ? Math.exp(-(out[v] - best) / 2) : 0;
    sum += out[v];
  }
  for (let v = 0; v < out.length; v++) out[v] /= sum || 1;
}
