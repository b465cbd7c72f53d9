/** 0 below `a`, 1 above `b`, and an S-shaped ramp between them (Hermite). */
export function smoothstep(a: number, b: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - a) / (b - a)));
  return t * t * (3 - 2 * t);
}
