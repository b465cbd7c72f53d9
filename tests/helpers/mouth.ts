import { trackFaces } from "@/lib/lipsync/face/track-faces";

/** Inner-lip opening per frame over the eye distance, measured by the face mesh; NaN where no face. */
export async function innerLipGaps(file: string, width: number, height: number): Promise<number[]> {
  const { meshes } = await trackFaces({ video: file, width, height, trackingSize: Math.max(width, height) });
  return meshes.map((mesh) => {
    if (!mesh) return NaN;
    const eye = Math.hypot(mesh[33 * 2] - mesh[263 * 2], mesh[33 * 2 + 1] - mesh[263 * 2 + 1]);
    return Math.hypot(mesh[13 * 2] - mesh[14 * 2], mesh[13 * 2 + 1] - mesh[14 * 2 + 1]) / eye;
  });
}

/** RMS loudness of the samples (16 kHz) under each video frame. */
export function frameLoudness(samples: Float32Array, frames: number, fps: number): number[] {
  const perFrame = 16000 / fps;
  return Array.from({ length: frames }, (_, f) => {
    const part = samples.subarray(Math.round(f * perFrame), Math.round((f + 1) * perFrame));
    return Math.sqrt(part.reduce((a, v) => a + v * v, 0) / Math.max(1, part.length));
  });
}

export function pearson(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  const mean = (xs: number[]) => xs.slice(0, n).reduce((s, v) => s + v, 0) / n;
  const ma = mean(a);
  const mb = mean(b);
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    num += (a[i] - ma) * (b[i] - mb);
    da += (a[i] - ma) ** 2;
    db += (b[i] - mb) ** 2;
  }
  return num / Math.sqrt(da * db);
}
