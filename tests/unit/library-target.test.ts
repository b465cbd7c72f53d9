import { describe, expect, it } from "vitest";
import {
  CHIN, EYE_OUTER, INNER_CORNERS, LOWER_INNER, LOWER_OUTER, MESH_POINTS, NOSE_TIP, OUTER_CORNERS, UPPER_INNER, UPPER_OUTER,
} from "@/lib/lipsync/face/landmarks";
import { fitTargetToLibrary } from "@/lib/lipsync/render/library-target";
import type { LibraryMouth } from "@/lib/lipsync/render/mouth-library";
import { targetMesh, type MouthStyle } from "@/lib/lipsync/render/target-mesh";
import { withOuterRing, WARP_POINTS } from "@/lib/lipsync/render/warp-mesh";

const style: MouthStyle = { restHalfWidth: 0.45, mouthScale: 1, restJaw: 1.1 };
const mouth = { open: 0.4, width: 0 };

/** A face 100 px between the eyes, centred on x = 200, with the given inner-lip gap and lower-lip thickness (px). */
function face(gap: number, lowerLip: number): Float32Array {
  const mesh = new Float32Array(MESH_POINTS * 2);
  // Every other point somewhere on the face (deterministic), so the warp moves a full mesh.
  for (let i = 0; i < MESH_POINTS; i++) [mesh[i * 2], mesh[i * 2 + 1]] = [140.3 + ((i * 37) % 120), 120.3 + ((i * 53) % 200)];
  const put = (index: number, x: number, y: number) => ([mesh[index * 2], mesh[index * 2 + 1]] = [x, y]);
  put(EYE_OUTER[0], 150, 150);
  put(EYE_OUTER[1], 250, 150);
  put(NOSE_TIP, 200, 210);
  put(CHIN, 200, 320 + gap);
  put(OUTER_CORNERS[0], 155, 255);
  put(OUTER_CORNERS[1], 245, 255);
  put(INNER_CORNERS[0], 160, 255);
  put(INNER_CORNERS[1], 240, 255);
  UPPER_INNER.forEach((index, k) => {
    const x = 160 + k * 10;
    const bulge = Math.cos(((k - 4) / 4) * (Math.PI / 2));
    put(index, x, 255 - (gap / 2) * bulge);
    put(LOWER_INNER[k], x, 255 + (gap / 2) * bulge);
    put(UPPER_OUTER[k], x, 255 - (gap / 2 + 12) * bulge);
    put(LOWER_OUTER[k], x, 255 + (gap / 2 + lowerLip) * bulge);
  });
  return mesh;
}

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
    for (let i = 0; i < MESH_POINTS * 2; i++) expect(target[i]).toBeCloseTo(expected[i], 2);
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
