import { heightAt, innerContours, type InteriorShader, type Yuv } from "./mouth-interior";
import type { MouthFrame } from "./mouth-pose";
import type { YuvFrame } from "./yuv-frame";

/**
 * Paints the mouth interior between the target inner lips with anti-aliased edges, or a soft
 * darker seam where the lips meet.
 */
export function paintInnerMouth(output: YuvFrame, target: Float32Array, frame: MouthFrame, shade: InteriorShader, open: number): void {
  const { upper, lower } = innerContours(target, frame);
  const polygon = [...upper, ...lower.slice(1, -1).reverse()];
  const halfWidth = Math.max(1, (upper[upper.length - 1].x - upper[0].x) / 2);
  const seamColour = shade({ u: 0, fromTop: 0.5, fromBottom: 0.5, eyeDistance: frame.eyeDistance, open: 0 });

  const paint = (px: number, py: number): { colour: Yuv; alpha: number } | undefined => {
    const dx = px - frame.centre.x;
    const dy = py - frame.centre.y;
    const local = { x: dx * frame.across.x + dy * frame.across.y, y: dx * frame.down.x + dy * frame.down.y };
    const u = local.x / halfWidth;
    if (Math.abs(u) > 1.05) return undefined;
    const top = heightAt(upper, local.x);
    const bottom = heightAt(lower, local.x);
    if (bottom - top < 1.5) {
      const seam = 1 - Math.min(1, Math.abs(local.y - (top + bottom) / 2) / 1.2);
      return seam > 0 && Math.abs(u) < 0.85 ? { colour: seamColour, alpha: 0.3 * seam * (1 - Math.abs(u)) } : undefined;
    }
    // Distance inside the lips (vertical, in the mouth's frame): enough for a one-pixel soft edge.
    const edge = Math.min(local.y - top, bottom - local.y);
    if (edge < -0.5) return undefined;
    const colour = shade({
      u,
      fromTop: Math.max(0, local.y - top),
      fromBottom: Math.max(0, bottom - local.y),
      eyeDistance: frame.eyeDistance,
      open,
    });
    return { colour, alpha: Math.min(1, edge + 0.5) };
  };

  // Bounding box of the interior in image pixels.
  const corners = polygon.map((p) => ({
    x: frame.centre.x + p.x * frame.across.x + p.y * frame.down.x,
    y: frame.centre.y + p.x * frame.across.y + p.y * frame.down.y,
  }));
  const minX = Math.max(0, Math.floor(Math.min(...corners.map((p) => p.x))) - 2);
  const maxX = Math.min(output.width - 1, Math.ceil(Math.max(...corners.map((p) => p.x))) + 2);
  const minY = Math.max(0, Math.floor(Math.min(...corners.map((p) => p.y))) - 2);
  const maxY = Math.min(output.height - 1, Math.ceil(Math.max(...corners.map((p) => p.y))) + 2);
  for (let y = minY; y <= maxY; y++) {
    for (let x = minX; x <= maxX; x++) {
      const result = paint(x, y);
      if (result) blend(output.y, y * output.width + x, result.colour[0], result.alpha);
    }
  }
  const chromaWidth = output.width / 2;
  for (let y = minY >> 1; y <= maxY >> 1; y++) {
    for (let x = minX >> 1; x <= maxX >> 1; x++) {
      const result = paint(x * 2 + 0.5, y * 2 + 0.5);
      if (!result) continue;
      blend(output.u, y * chromaWidth + x, result.colour[1], result.alpha);
      blend(output.v, y * chromaWidth + x, result.colour[2], result.alpha);
    }
  }
}

function blend(plane: Uint8Array, index: number, value: number, alpha: number): void {
  if (alpha <= 0) return;
  plane[index] = plane[index] + (value - plane[index]) * alpha + 0.5;
}
