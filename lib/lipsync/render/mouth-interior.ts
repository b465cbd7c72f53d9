import { INNER_CORNERS, LOWER_INNER, UPPER_INNER, type Point } from "../face/landmarks";
import { smoothstep } from "../math/smoothstep";
import { mouthFrame, type MouthFrame } from "./mouth-pose";
import { sampleBilinear, type YuvFrame } from "./yuv-frame";

export type Yuv = [number, number, number];

/** Where the interior pixel sits: across the mouth and between the target's inner lips. */
export interface InteriorPoint {
  /** -1 at the left inner corner, +1 at the right one. */
  u: number;
  /** Pixels below the upper inner lip and above the lower inner lip. */
  fromTop: number;
  fromBottom: number;
  eyeDistance: number;
  open: number;
}

/** Colours a pixel inside the opened mouth. */
export type InteriorShader = (point: InteriorPoint) => Yuv;

/** Inner lip contours in the mouth's own frame (x across, y down), from corner to corner. */
export function innerContours(points: Float32Array, frame: MouthFrame): { upper: Point[]; lower: Point[] } {
  const local = (index: number) => {
    const dx = points[index * 2] - frame.centre.x;
    const dy = points[index * 2 + 1] - frame.centre.y;
    return { x: dx * frame.across.x + dy * frame.across.y, y: dx * frame.down.x + dy * frame.down.y };
  };
  return {
    upper: [INNER_CORNERS[0], ...UPPER_INNER, INNER_CORNERS[1]].map(local),
    lower: [INNER_CORNERS[0], ...LOWER_INNER, INNER_CORNERS[1]].map(local),
  };
}

/** Height of a contour at a position across the mouth (contours run left to right). */
export function heightAt(contour: Point[], x: number): number {
  if (x <= contour[0].x) return contour[0].y;
  for (let k = 1; k < contour.length; k++) {
    if (x <= contour[k].x) {
      const t = (x - contour[k - 1].x) / Math.max(1e-6, contour[k].x - contour[k - 1].x);
      return contour[k - 1].y + (contour[k].y - contour[k - 1].y) * t;
    }
  }
  return contour[contour.length - 1].y;
}

/**
 * The person's own mouth interior, from the frame of the input where the mouth is open
 * widest: upper teeth stay attached to the upper lip and lower teeth to the lower lip, the
 * middle stretches when the new mouth opens wider than the reference did.
 */
export function referenceShader(reference: YuvFrame, mesh: Float32Array, lumaGain: number): InteriorShader {
  const frame = mouthFrame(mesh);
  const { upper, lower } = innerContours(mesh, frame);
  const halfWidth = (upper[upper.length - 1].x - upper[0].x) / 2;
  const chromaWidth = reference.width / 2;
  const chromaHeight = reference.height / 2;
  const shadow = scaleLuma(cavityColour(meanColour(reference, mesh, LIP_POINTS)), lumaGain);
  return ({ u, fromTop, fromBottom, eyeDistance }) => {
    const x = u * halfWidth;
    const top = heightAt(upper, x);
    const bottom = heightAt(lower, x);
    const gap = Math.max(0, bottom - top);
    const k = frame.eyeDistance / eyeDistance;
    const wanted = (fromTop + fromBottom) * k;
    const y =
      wanted >= gap
        ? top + (fromTop / Math.max(1e-6, fromTop + fromBottom)) * gap
        : fromTop <= fromBottom
          ? top + fromTop * k
          : bottom - fromBottom * k;
    const px = frame.centre.x + x * frame.across.x + y * frame.down.x;
    const py = frame.centre.y + x * frame.across.y + y * frame.down.y;
    const sampled: Yuv = [
      Math.min(255, sampleBilinear(reference.y, reference.width, reference.height, px, py) * lumaGain),
      sampleBilinear(reference.u, chromaWidth, chromaHeight, px / 2, py / 2),
      sampleBilinear(reference.v, chromaWidth, chromaHeight, px / 2, py / 2),
    ];
    // The reference's teeth sit right under its upper lip: unshaded, a slit would show them as a white line.
    return mix(sampled, shadow, SLIT_SHADOW * (1 - smallGapLight(fromTop + fromBottom, eyeDistance)));
  };
}

/** How far the inside of lips only just apart is darkened towards the cavity's colour. */
const SLIT_SHADOW = 0.6;

/** Mean (Y, U, V) at some mesh points. */
export function meanColour(frame: YuvFrame, mesh: Float32Array, indices: number[]): Yuv {
  const sum: Yuv = [0, 0, 0];
  for (const index of indices) {
    const x = mesh[index * 2];
    const y = mesh[index * 2 + 1];
    sum[0] += sampleBilinear(frame.y, frame.width, frame.height, x, y);
    sum[1] += sampleBilinear(frame.u, frame.width / 2, frame.height / 2, x / 2, y / 2);
    sum[2] += sampleBilinear(frame.v, frame.width / 2, frame.height / 2, x / 2, y / 2);
  }
  return sum.map((s) => s / indices.length) as Yuv;
}

export const LIP_POINTS = [17, 84, 314, 0, 37, 267];
const SKIN_POINTS = [205, 425, 50, 280];

/**
 * A drawn interior for videos that never show an open mouth: a dark cavity tinted by the
 * lips, shaded teeth under the upper lip (and above the lower lip when wide open), a tongue.
 */
export function syntheticShader(frame: YuvFrame, mesh: Float32Array): InteriorShader {
  const lip = meanColour(frame, mesh, LIP_POINTS);
  const skin = meanColour(frame, mesh, SKIN_POINTS);
  const cavity = cavityColour(lip);
  const tongue: Yuv = [Math.max(28, lip[0] * 0.6), tint(lip[1], 0.9), tint(lip[2], 1.1)];
  const teeth: Yuv = [Math.min(200, Math.max(110, skin[0] * 0.85)), 127, 130];
  return ({ u, fromTop, fromBottom, eyeDistance, open }) => {
    const gap = fromTop + fromBottom;
    const au = Math.abs(u);
    const teethHeight = Math.min(0.08 * eyeDistance, 0.45 * gap);
    const light = smallGapLight(gap, eyeDistance);
    let colour = scaleLuma(cavity, 1 - 0.5 * au * au);
    colour = mix(colour, tongue, 0.6 * smoothstep(0.55, 0.95, fromTop / gap) * (1 - au * au) * Math.min(1, open * 1.5));
    const upperTeeth = (1 - smoothstep(teethHeight - 1, teethHeight + 0.5, fromTop)) * (1 - smoothstep(0.6, 0.85, au)) * light;
    colour = mix(colour, scaleLuma(teeth, 1 - 0.4 * au * au - 0.2 * (fromTop / Math.max(1, teethHeight))), upperTeeth);
    const lowerHeight = teethHeight * 0.35;
    const lowerTeeth = smoothstep(0.45, 0.7, open) * (1 - smoothstep(lowerHeight - 1, lowerHeight + 0.5, fromBottom)) * (1 - smoothstep(0.45, 0.7, au)) * light;
    return mix(colour, scaleLuma(teeth, 0.7 - 0.3 * au), 0.8 * lowerTeeth);
  };
}

const tint = (value: number, amount: number) => 128 + (value - 128) * amount;

/** The dark of an open mouth's depths, tinted by the lips. */
function cavityColour(lip: Yuv): Yuv {
  return [Math.max(18, lip[0] * 0.2), tint(lip[1], 0.5), tint(lip[2], 0.6)];
}

/** Lips only just apart keep the inside in shadow: 0 for a slit, 1 once the teeth can catch the light. */
function smallGapLight(gap: number, eyeDistance: number): number {
  return smoothstep(2, 0.05 * eyeDistance + 3, gap);
}

function mix(a: Yuv, b: Yuv, t: number): Yuv {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

function scaleLuma(c: Yuv, s: number): Yuv {
  return [c[0] * s, c[1], c[2]];
}
