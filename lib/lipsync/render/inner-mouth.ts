import { LOWER_INNER, UPPER_INNER, INNER_CORNERS, type Point } from "../face/landmarks";
import type { MouthFrame } from "./mouth-pose";
import { sampleBilinear, type YuvFrame } from "./yuv-frame";

/** Colours (Y, U, V) of the synthesised mouth interior, taken once from the person's face. */
export interface MouthColours {
  cavity: [number, number, number];
  tongue: [number, number, number];
  teeth: [number, number, number];
}

/** Reads lip and skin tones around the mouth to derive dark cavity, tongue and teeth colours. */
export function mouthColours(frame: YuvFrame, mesh: Float32Array): MouthColours {
  const sample = (indices: number[]) => {
    const sum = [0, 0, 0];
    for (const index of indices) {
      const x = mesh[index * 2];
      const y = mesh[index * 2 + 1];
      sum[0] += sampleBilinear(frame.y, frame.width, frame.height, x, y);
      sum[1] += sampleBilinear(frame.u, frame.width / 2, frame.height / 2, x / 2, y / 2);
      sum[2] += sampleBilinear(frame.v, frame.width / 2, frame.height / 2, x / 2, y / 2);
    }
    return sum.map((s) => s / indices.length) as [number, number, number];
  };
  const lip = sample([17, 84, 314, 0, 37, 267]);
  const skin = sample([205, 425, 50, 280]);
  const tint = (value: number, amount: number) => 128 + (value - 128) * amount;
  return {
    cavity: [Math.max(18, lip[0] * 0.22), tint(lip[1], 0.5), tint(lip[2], 0.6)],
    tongue: [Math.max(30, lip[0] * 0.7), tint(lip[1], 0.9), tint(lip[2], 1.1)],
    teeth: [Math.min(225, Math.max(140, skin[0] * 0.95 + 25)), 127, 130],
  };
}

/**
 * Paints the mouth interior between the target inner lips (cavity, upper and lower teeth,
 * tongue) with anti-aliased edges, or a soft lip seam where the lips meet.
 */
export function paintInnerMouth(output: YuvFrame, target: Float32Array, frame: MouthFrame, colours: MouthColours, open: number): void {
  const upper = [INNER_CORNERS[0], ...UPPER_INNER, INNER_CORNERS[1]].map((i) => pointOf(target, i));
  const lower = [INNER_CORNERS[0], ...LOWER_INNER, INNER_CORNERS[1]].map((i) => pointOf(target, i));
  const polygon = [...upper, ...lower.slice(1, -1).reverse()];
  const toLocal = (p: Point) => ({
    x: (p.x - frame.centre.x) * frame.across.x + (p.y - frame.centre.y) * frame.across.y,
    y: (p.x - frame.centre.x) * frame.down.x + (p.y - frame.centre.y) * frame.down.y,
  });
  const upperLocal = upper.map(toLocal);
  const lowerLocal = lower.map(toLocal);
  const teethDepth = 0.09 * frame.eyeDistance;

  const shade = (px: number, py: number): { colour: [number, number, number]; alpha: number } | undefined => {
    const p = { x: px, y: py };
    const edge = signedDistance(polygon, p);
    const local = toLocal(p);
    const top = heightAt(upperLocal, local.x);
    const bottom = heightAt(lowerLocal, local.x);
    const gap = bottom - top;
    const u = Math.min(1, Math.abs(local.x) / Math.max(1, frame.halfWidth * 0.85));
    if (gap < 1.5) {
      // Closed lips: a faint darker seam along the lip line.
      const seam = 1 - Math.min(1, Math.abs(local.y - (top + bottom) / 2) / 1.2);
      return seam > 0 && Math.abs(local.x) < frame.halfWidth * 0.8 ? { colour: colours.cavity, alpha: 0.25 * seam * (1 - u) } : undefined;
    }
    if (edge < -0.5) return undefined;
    const depth = local.y - top;
    const v = depth / gap;
    let colour = scaleLuma(colours.cavity, 1 - 0.5 * u * u);
    const tongue = smoothstep(0.55, 0.95, v) * (1 - u * u) * Math.min(1, open * 1.5);
    colour = mix(colour, colours.tongue, 0.7 * tongue);
    const teethHeight = Math.min(teethDepth, 0.5 * gap);
    const upperTeeth = (1 - smoothstep(teethHeight - 1, teethHeight + 0.5, depth)) * (1 - smoothstep(0.65, 0.85, u));
    colour = mix(colour, scaleLuma(colours.teeth, 1 - 0.35 * u * u - 0.15 * (depth / Math.max(1, teethHeight))), upperTeeth);
    const lowerTeeth = smoothstep(0.45, 0.7, open) * (1 - smoothstep(teethHeight * 0.35 - 1, teethHeight * 0.35 + 0.5, bottom - local.y)) * (1 - smoothstep(0.5, 0.7, u));
    colour = mix(colour, scaleLuma(colours.teeth, 0.78 - 0.3 * u), 0.8 * lowerTeeth);
    return { colour, alpha: Math.min(1, Math.max(0, edge + 0.5)) };
  };

  const xs = polygon.map((p) => p.x);
  const ys = polygon.map((p) => p.y);
  const minX = Math.max(0, Math.floor(Math.min(...xs)) - 2);
  const maxX = Math.min(output.width - 1, Math.ceil(Math.max(...xs)) + 2);
  const minY = Math.max(0, Math.floor(Math.min(...ys)) - 2);
  const maxY = Math.min(output.height - 1, Math.ceil(Math.max(...ys)) + 2);
  for (let y = minY; y <= maxY; y++) {
    for (let x = minX; x <= maxX; x++) {
      const paint = shade(x, y);
      if (paint) blend(output.y, y * output.width + x, paint.colour[0], paint.alpha);
    }
  }
  const chromaWidth = output.width / 2;
  for (let y = minY >> 1; y <= maxY >> 1; y++) {
    for (let x = minX >> 1; x <= maxX >> 1; x++) {
      const paint = shade(x * 2 + 0.5, y * 2 + 0.5);
      if (!paint) continue;
      blend(output.u, y * chromaWidth + x, paint.colour[1], paint.alpha);
      blend(output.v, y * chromaWidth + x, paint.colour[2], paint.alpha);
    }
  }
}

function blend(plane: Uint8Array, index: number, value: number, alpha: number): void {
  if (alpha <= 0) return;
  plane[index] = plane[index] + (value - plane[index]) * alpha + 0.5;
}

/** Height (along the face's down axis) of a lip contour at a position across the mouth. */
function heightAt(contour: Point[], x: number): number {
  if (x <= contour[0].x) return contour[0].y;
  for (let k = 1; k < contour.length; k++) {
    if (x <= contour[k].x) {
      const t = (x - contour[k - 1].x) / Math.max(1e-6, contour[k].x - contour[k - 1].x);
      return contour[k - 1].y + (contour[k].y - contour[k - 1].y) * t;
    }
  }
  return contour[contour.length - 1].y;
}

/** Distance to the polygon's outline: positive inside, negative outside. */
function signedDistance(polygon: Point[], p: Point): number {
  let inside = false;
  let best = Infinity;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[j];
    const b = polygon[i];
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
    const abx = b.x - a.x;
    const aby = b.y - a.y;
    const t = Math.min(1, Math.max(0, ((p.x - a.x) * abx + (p.y - a.y) * aby) / Math.max(1e-9, abx * abx + aby * aby)));
    best = Math.min(best, Math.hypot(p.x - (a.x + abx * t), p.y - (a.y + aby * t)));
  }
  return inside ? best : -best;
}

function pointOf(points: Float32Array, index: number): Point {
  return { x: points[index * 2], y: points[index * 2 + 1] };
}

function mix(a: [number, number, number], b: [number, number, number], t: number): [number, number, number] {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

function scaleLuma(c: [number, number, number], s: number): [number, number, number] {
  return [c[0] * s, c[1], c[2]];
}

function smoothstep(a: number, b: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - a) / (b - a)));
  return t * t * (3 - 2 * t);
}
