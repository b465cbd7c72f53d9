import type { Point } from "./face-landmarks";

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

function dist(a: Point, b: Point): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

function centroid(points: Point[]): Point {
  const n = points.length;
  return [points.reduce((s, p) => s + p[0], 0) / n, points.reduce((s, p) => s + p[1], 0) / n];
}

/** Distance between the eye centres (68-point scheme: 36-41 and 42-47). */
export function interOcular(p: Point[]): number {
  return dist(centroid(p.slice(36, 42)), centroid(p.slice(42, 48)));
}

/** Inner-lip opening: mean gap of the pairs 61-67, 62-66, 63-65, over the inter-ocular distance. */
export function lipOpening(p: Point[]): number {
  const gap = (dist(p[61], p[67]) + dist(p[62], p[66]) + dist(p[63], p[65])) / 3;
  return gap / interOcular(p);
}

/** Jaw drop: nose base (33) to chin (8), over the inter-ocular distance. */
export function jawDrop(p: Point[]): number {
  return dist(p[33], p[8]) / interOcular(p);
}

/**
 * A generous box around mouth, chin and lower jaw: from the nose tip down past the chin, jaw
 * points 2-14 sideways, widened by 15% of the face width. Clamped to the frame.
 */
export function lowerFaceBox(p: Point[], width: number, height: number): Box {
  const pts = [...p.slice(2, 15), ...p.slice(48, 68), p[30]];
  const margin = 0.15 * dist(p[0], p[16]);
  const xs = pts.map((q) => q[0]);
  const ys = pts.map((q) => q[1]);
  return {
    x0: Math.max(0, Math.floor(Math.min(...xs) - margin)),
    y0: Math.max(0, Math.floor(p[30][1] - margin * 0.5)),
    x1: Math.min(width, Math.ceil(Math.max(...xs) + margin)),
    y1: Math.min(height, Math.ceil(Math.max(...ys) + margin)),
  };
}

export function scaleBox(b: Box, k: number, width: number, height: number): Box {
  return {
    x0: Math.max(0, Math.floor(b.x0 * k)),
    y0: Math.max(0, Math.floor(b.y0 * k)),
    x1: Math.min(width, Math.ceil(b.x1 * k)),
    y1: Math.min(height, Math.ceil(b.y1 * k)),
  };
}
