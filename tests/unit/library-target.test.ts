import { describe, expect, it } from "vitest";
import { LOWER_INNER, LOWER_OUTER, MESH_POINTS } from "@/lib/lipsync/face/landmarks";
import { fitTargetToLibrary } from "@/lib/lipsync/render/library-target";
import type { LibraryMouth } from "@/lib/lipsync/render/mouth-library";
import { targetMesh, type MouthStyle } from "@/lib/lipsync/render/target-mesh";
import { withOuterRing, WARP_POINTS } from "@/lib/lipsync/render/warp-mesh";
import { syntheticFace as face } from "../helpers/synthetic-face";

const style: MouthStyle = { restHalfWidth: 0.45, mouthScale: 1, restJaw: 1.1 };
const mouth = { open: 0.4, width: 0 };

/** The same face turned, scaled and moved: how it shows in another frame. */
function moved(mesh: Float32Array, angle: number, scale: number, shift: number): Float32Array {
  const out = new Float32Array(mesh.length);
  for (let i = 0; i < mesh.length; i += 2) {
    out[i] = (mesh[i] * Math.cos(angle) - mesh[i + 1] * Math.sin(angle)) * scale + shift;
    out[i + 1] = (mesh[i] * Math.sin(angle) + mesh[i + 1] * Math.cos(angle)) * scale + shift / 2;
  }
  return out;
}

function library(mesh: Float32Array): LibraryMouth {
  const region = { width: 2, height: 2, originX: 0, originY: 0, y: new Uint8Array(4), u: new Uint8Array(1), v: new Uint8Array(1) };
  return { frameIndex: 0, shape: { gap: 0, width: 0, yaw: 0, pitch: 0 }, region, points: withOuterRing(mesh) };
}

const middle = (points: Float32Array, index: number) => points[index * 2 + 1];

describe("fitTargetToLibrary", () => {
  it("gives this frame's own target when the library mouth is this very mouth seen turned, scaled and moved", () => {
    const mesh = face(20, 14);
    const expected = targetMesh(mesh, mouth, style).target;
    const target = Float32Array.from(expected);
    fitTargetToLibrary(target, mesh, library(moved(mesh, 0.2, 1.4, 30)), mouth, style, new Float32Array(WARP_POINTS).fill(1));
    for (let i = 0; i < MESH_POINTS * 2; i++) expect(target[i]).toBeCloseTo(expected[i], 1);
  });

  it("keeps the library lips' own thickness instead of this frame's", () => {
    // This frame: a wide-open mouth whose tracked lower lip is 30 px thick; the library mouth's is 10 px.
    const mesh = face(60, 30);
    const target = targetMesh(mesh, mouth, style).target;
    const weight = new Float32Array(WARP_POINTS).fill(1);
    fitTargetToLibrary(target, mesh, library(face(4, 10)), mouth, style, weight);
    const thickness = middle(target, LOWER_OUTER[4]) - middle(target, LOWER_INNER[4]);
    expect(thickness).toBeCloseTo(10, 0);
  });

  it("leaves vertices of weight 0 where this frame's target put them, and moves the others by their weight", () => {
    const mesh = face(60, 30);
    const before = targetMesh(mesh, mouth, style).target;
    const full = Float32Array.from(before);
    fitTargetToLibrary(full, mesh, library(face(4, 10)), mouth, style, new Float32Array(WARP_POINTS).fill(1));
    const weight = new Float32Array(WARP_POINTS);
    weight[LOWER_OUTER[4]] = 0.5;
    const half = Float32Array.from(before);
    fitTargetToLibrary(half, mesh, library(face(4, 10)), mouth, style, weight);
    const y = middle(half, LOWER_OUTER[4]);
    expect(y).toBeCloseTo((middle(before, LOWER_OUTER[4]) + middle(full, LOWER_OUTER[4])) / 2, 3);
    for (let v = 0; v < WARP_POINTS; v++) {
      if (v === LOWER_OUTER[4]) continue;
      expect(half[v * 2]).toBe(before[v * 2]);
      expect(half[v * 2 + 1]).toBe(before[v * 2 + 1]);
    }
  });
});
