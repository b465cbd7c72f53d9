import {
  INNER_CORNERS, LOWER_INNER, LOWER_MIDDLE, LOWER_OUTER, MIDDLE_CORNERS, OUTER_CORNERS, SILHOUETTE, UPPER_INNER, UPPER_MIDDLE,
  UPPER_OUTER, type Point,
} from "../face/landmarks";
import { smoothstep } from "../math/smoothstep";
import { LIP_COLUMNS, dot, innerGaps, mouthFrame, sub, type MouthFrame } from "./mouth-pose";
import { WARP_POINTS, withOuterRing } from "./warp-mesh";

export interface MouthTarget {
  /** 0 closed .. 1 wide open. */
  open: number;
  /** -1 rounded .. +1 spread. */
  width: number;
}

export interface MouthStyle {
  /** The person's resting mouth half-width over their eye distance (median over the video). */
  restHalfWidth: number;
  /** Multiplies the opening. */
  mouthScale: number;
  /** Nose tip to chin over the eye distance with the mouth closed (a low percentile over the video). */
  restJaw: number;
}

/** Widest inner-lip gap, as a share of the eye distance, at open = 1. */
export const MAX_GAP = 0.34;
/** Share of the opening made by the lower lip and jaw; the upper lip lifts the rest. */
const LOWER_SHARE = 0.75;
/** Where the lips meet when the original mouth is closed: this share of the gap from the upper lip. */
const MEET_AT = 0.4;

/** Share of the way from the upper lip to the nose tip over which the skin above the mouth follows it. */
const UPPER_REACH = 0.6;

export interface WarpGeometry {
  source: Float32Array;
  target: Float32Array;
  frame: MouthFrame;
}

/**
 * Moves lips, jaw and chin of a tracked mesh from the mouth the video shows to the mouth the
 * audio asks for: the original opening is closed first (replaced, not added to), then the
 * target opening and lip width are applied with a jaw-like falloff over the lower face.
 */
export function targetMesh(mesh: Float32Array, mouth: MouthTarget, style: MouthStyle): WarpGeometry {
  const frame = mouthFrame(mesh);
  const source = withOuterRing(mesh);
  const target = Float32Array.from(source);
  const gaps = innerGaps(mesh);
  const columnX = UPPER_INNER.map((index) => localX(source, index, frame));
  const opening = MAX_GAP * frame.eyeDistance * mouth.open * style.mouthScale;
  const halfShift = style.restHalfWidth * (1 + 0.1 * mouth.width) * frame.eyeDistance - frame.halfWidth;
  const fixed = new Set<number>(SILHOUETTE.filter((index) => localY(source, index, frame) < frame.lowerLip));
  // The mesh places the lips of a wide-open mouth too close together, but follows the chin: below
  // the lips, close by how far the jaw dropped when that is more than the lips' gap says.
  const middleGap = dot(gaps[Math.floor(LIP_COLUMNS / 2)], frame.down);
  const jawDrop = (frame.chin - frame.nose) - style.restJaw * frame.eyeDistance;
  const jawExtra = Math.max(0, jawDrop - (1 - MEET_AT) * middleGap);

  const upperShift = (x: number): Point => {
    const g = interpolate(gaps, columnX, x);
    const lift = opening * (1 - LOWER_SHARE) * profile(x);
    return { x: g.x * MEET_AT - frame.down.x * lift, y: g.y * MEET_AT - frame.down.y * lift };
  };
  // The lower lip first closes the original opening, then drops by its share of the new one.
  const lowerClose = (x: number): Point => scale(interpolate(gaps, columnX, x), -(1 - MEET_AT));
  const lowerDrop = (x: number): Point => scale(frame.down, opening * LOWER_SHARE * profile(x));
  const lowerShift = (x: number): Point => add(lowerClose(x), lowerDrop(x));
  // Beside the mouth the skin below the lips sits on the jaw bone, which turns as one piece: when
  // the chin moves far (a dropped jaw closed, a wide new opening), the jaw line moves with it, more
  // the nearer to the chin (with the local shift alone only the chin rose, and the jaw line kept the
  // input's open-jaw outline). Small moves leave it still: moving it on every frame widened the
  // warped area for no visible change (+4% CPU on a 720p clip).
  const chinShift = add(add(lowerClose(0), scale(frame.down, -jawExtra)), scale(lowerDrop(0), 0.6));
  const jawLine = smoothstep(0.03, 0.08, Math.hypot(chinShift.x, chinShift.y) / frame.eyeDistance);
  const widthShift = (x: number, y: number): Point => {
    const inside = Math.abs(x) <= 1 ? x : Math.sign(x) * Math.max(0, 2 - Math.abs(x));
    // Above the mouth the sideways pull fades out with the upper lip's skin, before the nose.
    const vertical = y < frame.upperLip ? upperWeight(0, y, frame) : Math.exp(-((y / (0.45 * frame.eyeDistance)) ** 2));
    const amount = halfShift * inside * vertical;
    return { x: frame.across.x * amount, y: frame.across.y * amount };
  };
  const move = (index: number, shift: Point) => {
    target[index * 2] += shift.x;
    target[index * 2 + 1] += shift.y;
  };

  // Each lip moves as a whole, the points between its edges with them.
  const upperLips = new Set([...UPPER_INNER, ...UPPER_OUTER, ...UPPER_MIDDLE]);
  const lowerLips = new Set([...LOWER_INNER, ...LOWER_OUTER, ...LOWER_MIDDLE]);
  const corners = new Set<number>([...INNER_CORNERS, ...OUTER_CORNERS, ...MIDDLE_CORNERS]);
  for (let index = 0; index < WARP_POINTS; index++) {
    if (index >= mesh.length / 2 || fixed.has(index)) continue;
    const x = localX(source, index, frame);
    const y = localY(source, index, frame);
    let shift: Point;
    if (upperLips.has(index)) shift = upperShift(x);
    else if (lowerLips.has(index)) shift = lowerShift(x);
    else if (corners.has(index)) shift = scale(add(upperShift(x), lowerShift(x)), 0.5);
    else if (y > frame.lowerLip) {
      // The jaw's extra closing grows from nothing at the lip to full at the chin: applied at once,
      // it lifted the skin under the lip above the lip itself (folded triangles under the mouth).
      // Closing moves the jaw as a whole, so the chin rises as far as the lip: only the new
      // opening fades towards the chin (at 60% there, a screaming input's chin stayed low).
      const t = towardsChin(y, frame);
      const local = add(add(lowerClose(x), scale(frame.down, -jawExtra * t)), scale(lowerDrop(x), 1 - 0.4 * t));
      const side = sideFalloff(x);
      shift = add(scale(local, side), scale(chinShift, (1 - side) * t * jawLine));
    } else if (y > 0) shift = scale(lowerShift(x), jawWeight(x, y, frame));
    else shift = scale(upperShift(x), upperWeight(x, y, frame));
    move(index, add(shift, widthShift(x, y)));
  }
  return { source, target, frame };
}

/** Skin between the lips' level and the lower lip follows the lower lip, fading out beside the mouth. */
function jawWeight(x: number, y: number, frame: MouthFrame): number {
  return clamp01(y / Math.max(1, frame.lowerLip)) * sideFalloff(x);
}

function towardsChin(y: number, frame: MouthFrame): number {
  return clamp01((y - frame.lowerLip) / Math.max(1, frame.chin - frame.lowerLip));
}

/** Above the mouth only the upper lip's skin moves, fading out half way to the nose tip (the nostrils stay). */
function upperWeight(x: number, y: number, frame: MouthFrame): number {
  const span = Math.max(1, frame.upperLip - frame.nose);
  const fromLip = y < frame.upperLip ? (frame.upperLip - y) / span : 0;
  const t = clamp01(fromLip / UPPER_REACH);
  return (1 - t * t * (3 - 2 * t)) * sideFalloff(x);
}

function sideFalloff(x: number): number {
  const t = clamp01((Math.abs(x) - 1) / 1.3);
  return 1 - t * t * (3 - 2 * t);
}

/** Opening across the mouth: full in the middle, nothing at the corners. */
function profile(x: number): number {
  return Math.max(0, Math.cos((Math.PI / 2) * Math.min(1, Math.abs(x))));
}

function interpolate(values: Point[], positions: number[], x: number): Point {
  if (x <= positions[0]) return values[0];
  for (let k = 1; k < LIP_COLUMNS; k++) {
    if (x <= positions[k]) {
      const t = (x - positions[k - 1]) / Math.max(1e-6, positions[k] - positions[k - 1]);
      return { x: values[k - 1].x + (values[k].x - values[k - 1].x) * t, y: values[k - 1].y + (values[k].y - values[k - 1].y) * t };
    }
  }
  return values[LIP_COLUMNS - 1];
}

function localX(points: Float32Array, index: number, frame: MouthFrame): number {
  return dot(sub({ x: points[index * 2], y: points[index * 2 + 1] }, frame.centre), frame.across) / frame.halfWidth;
}

function localY(points: Float32Array, index: number, frame: MouthFrame): number {
  return dot(sub({ x: points[index * 2], y: points[index * 2 + 1] }, frame.centre), frame.down);
}

function add(a: Point, b: Point): Point {
  return { x: a.x + b.x, y: a.y + b.y };
}

function scale(a: Point, s: number): Point {
  return { x: a.x * s, y: a.y * s };
}

function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v));
}
