import { describe, expect, it } from "vitest";
import { referenceShader } from "@/lib/lipsync/render/mouth-interior";
import { yuvFrame } from "@/lib/lipsync/render/yuv-frame";
import { syntheticFace } from "../helpers/synthetic-face";

const SIZE = 400;
const LIPS = [150, 110, 165];
const TEETH = 235;
const CAVITY = 40;

/** A reference frame with the mouth open 40 px: a band of teeth under the upper lip, a dark cavity below. */
function openMouthReference() {
  const buffer = Buffer.alloc((SIZE * SIZE * 3) / 2);
  const frame = yuvFrame(buffer, SIZE, SIZE);
  frame.y.fill(LIPS[0]);
  frame.u.fill(LIPS[1]);
  frame.v.fill(LIPS[2]);
  for (let y = 235; y < 275; y++) frame.y.fill(y < 243 ? TEETH : CAVITY, y * SIZE + 160, y * SIZE + 240);
  // The teeth are grey (neutral chroma).
  for (let y = 117; y < 122; y++) {
    frame.u.fill(128, y * (SIZE / 2) + 80, y * (SIZE / 2) + 120);
    frame.v.fill(128, y * (SIZE / 2) + 80, y * (SIZE / 2) + 120);
  }
  return { frame, mesh: syntheticFace(40, 10) };
}

describe("the person's own mouth interior (reference shader)", () => {
  const { frame, mesh } = openMouthReference();
  const shade = referenceShader(frame, mesh, 1);

  it("shows the reference's teeth where the new mouth opens wide", () => {
    const [luma] = shade({ u: 0, fromTop: 3, fromBottom: 30, eyeDistance: 100, open: 0.8 });
    expect(luma).toBeGreaterThan(TEETH - 10);
  });

  it("keeps a slit between the lips dark: no white line of teeth", () => {
    const [luma, , v] = shade({ u: 0, fromTop: 0.5, fromBottom: 0.5, eyeDistance: 100, open: 0.02 });
    expect(luma).toBeLessThan(LIPS[0] - 20);
    // Tinted by the lips (reddish), not the teeth's grey.
    expect(v).toBeGreaterThan(135);
  });

  it("lets the teeth catch the light gradually as the lips part", () => {
    const lumaAt = (gap: number) => shade({ u: 0, fromTop: 1, fromBottom: gap - 1, eyeDistance: 100, open: 0.1 })[0];
    const series = [1.5, 3, 5, 8].map(lumaAt);
    series.slice(1).forEach((luma, i) => expect(luma).toBeGreaterThan(series[i]));
  });
});
