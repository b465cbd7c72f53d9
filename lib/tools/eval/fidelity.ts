import { decodeFrames } from "./decode-video";
import type { Box } from "./mouth-geometry";
import { probeVideo } from "./probe-video";
import { addFrameErrors, emptySums, psnr } from "./psnr";
import type { MouthTrack } from "./track-mouth";

export interface Fidelity {
  /** Luma PSNR (dB) outside the lower-face box: should stay near a plain re-encode's (~41 dB at CRF 18). */
  outside: number;
  /** Luma PSNR inside the box, for reference: low where the mouth was re-synthesised. */
  inside: number;
  framesCompared: number;
  inputFrames: number;
  outputFrames: number;
  /** The output had another size and was scaled to the input's for the comparison. */
  rescaled: boolean;
}

/** Each frame's box, or the nearest frame's when the face was missed there. */
function boxesFilled(track: MouthTrack): (Box | null)[] {
  const known = track.boxes.flatMap((b, i) => (b ? [i] : []));
  if (!known.length) return track.boxes;
  return track.boxes.map((b, i) => b ?? track.boxes[known.reduce((a, k) => (Math.abs(k - i) < Math.abs(a - i) ? k : a))]);
}

/** Full-resolution luma PSNR of output against input, split by the input's lower-face boxes. */
export async function measureFidelity(input: string, output: string, inputTrack: MouthTrack): Promise<Fidelity> {
  const [a, b] = await Promise.all([probeVideo(input), probeVideo(output)]);
  const size = { width: a.width, height: a.height, fps: a.fps, pixFmt: "gray" as const };
  const boxes = boxesFilled(inputTrack);
  const sums = emptySums();
  const inFrames = decodeFrames(input, size);
  const outFrames = decodeFrames(output, size);
  let compared = 0, inputCount = 0, outputCount = 0;
  for (;;) {
    const [x, y] = await Promise.all([inFrames.next(), outFrames.next()]);
    if (!x.done) inputCount++;
    if (!y.done) outputCount++;
    if (x.done || y.done) {
      // Count the rest of the longer one without comparing.
      const rest = x.done ? outFrames : inFrames;
      let extra = 0;
      while (!(await rest.next()).done) extra++;
      if (x.done) outputCount += extra;
      else inputCount += extra;
      break;
    }
    addFrameErrors(sums, x.value, y.value, a.width, boxes[compared] ?? null);
    compared++;
  }
  return {
    outside: psnr(sums.outsideSse, sums.outsideCount),
    inside: psnr(sums.insideSse, sums.insideCount),
    framesCompared: compared,
    inputFrames: inputCount,
    outputFrames: outputCount,
    rescaled: a.width !== b.width || a.height !== b.height,
  };
}
