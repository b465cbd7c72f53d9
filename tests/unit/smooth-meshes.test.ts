import { describe, expect, it } from "vitest";
import { EYE_OUTER, MESH_POINTS, NOSE_TIP } from "@/lib/lipsync/face/landmarks";
import { isCut, smoothMeshes } from "@/lib/lipsync/face/smooth-meshes";

/** A mesh with every point at (x, y) except the eyes, `eyes` apart around it. */
function mesh(x: number, y: number, eyes = 60): Float32Array {
  const points = new Float32Array(MESH_POINTS * 2);
  for (let i = 0; i < MESH_POINTS; i++) [points[i * 2], points[i * 2 + 1]] = [x, y];
  points[EYE_OUTER[0] * 2] = x - eyes / 2;
  points[EYE_OUTER[1] * 2] = x + eyes / 2;
  return points;
}

describe("smoothMeshes", () => {
  it("smooths jitter within a shot", () => {
    const jittery = [100, 103, 100, 103, 100, 103].map((x) => mesh(x, 200));
    const smoothed = smoothMeshes(jittery, 0.9);
    const noses = smoothed.map((m) => m![NOSE_TIP * 2]);
    expect(Math.max(...noses) - Math.min(...noses)).toBeLessThan(3);
  });

  it("does not smooth across a cut: each shot keeps its own position and size", () => {
    const shots = [...Array.from({ length: 5 }, () => mesh(100, 200)), ...Array.from({ length: 5 }, () => mesh(300, 180, 90))];
    const smoothed = smoothMeshes(shots, 0.9);
    expect(smoothed[4]![NOSE_TIP * 2]).toBe(100);
    expect(smoothed[5]![NOSE_TIP * 2]).toBe(300);
    expect(smoothed[5]![EYE_OUTER[1] * 2] - smoothed[5]![EYE_OUTER[0] * 2]).toBe(90);
  });

  it("tells a cut (a jump of half the eye distance, or a 20% size change) from head motion", () => {
    expect(isCut(mesh(100, 200), mesh(110, 205))).toBe(false);
    expect(isCut(mesh(100, 200), mesh(140, 200))).toBe(true);
    expect(isCut(mesh(100, 200, 60), mesh(100, 200, 66))).toBe(false);
    expect(isCut(mesh(100, 200, 60), mesh(100, 200, 80))).toBe(true);
  });
});
