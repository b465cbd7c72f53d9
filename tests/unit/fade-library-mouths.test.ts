import { describe, expect, it } from "vitest";
import { UPPER_INNER, UPPER_OUTER } from "@/lib/lipsync/face/landmarks";
import { fadeLibraryMouths } from "@/lib/lipsync/render/fade-library-mouths";
import type { LibraryMouth } from "@/lib/lipsync/render/mouth-library";
import { renderFrame, type FrameRenderInput } from "@/lib/lipsync/render/render-frame";
import type { MouthStyle } from "@/lib/lipsync/render/target-mesh";
import { warpTriangleList, withOuterRing } from "@/lib/lipsync/render/warp-mesh";
import type { YuvFrame } from "@/lib/lipsync/render/yuv-frame";
import { syntheticFace } from "../helpers/synthetic-face";

const SIZE = 400;
const style: MouthStyle = { restHalfWidth: 0.45, mouthScale: 1, restJaw: 1.1 };
// Moved off whole pixels: a pixel centre exactly on an edge shared by two triangles is drawn by both.
const mesh = syntheticFace(20, 14).map((value, i) => value + (i % 2 ? 0.17 : 0.31));

/** A flat grey frame (or library region) of one luma value. */
function flat(luma: number): YuvFrame {
  const chroma = (SIZE * SIZE) / 4;
  return { width: SIZE, height: SIZE, y: new Uint8Array(SIZE * SIZE).fill(luma), u: new Uint8Array(chroma).fill(128), v: new Uint8Array(chroma).fill(128) };
}

/** A library mouth of the same face whose pixels are all one luma value; its gap is wide, so no inner mouth is painted. */
function libraryMouth(luma: number): LibraryMouth {
  return { frameIndex: 0, shape: { gap: 1, width: 0, yaw: 0, pitch: 0 }, region: { ...flat(luma), originX: 0, originY: 0 }, points: withOuterRing(mesh) };
}

/** The upper lip as triangles: the band between its outer and inner contour. */
function upperLipTriangles(): Uint16Array {
  const list: number[] = [];
  for (let k = 0; k + 1 < UPPER_OUTER.length; k++) {
    list.push(UPPER_OUTER[k], UPPER_OUTER[k + 1], UPPER_INNER[k], UPPER_OUTER[k + 1], UPPER_INNER[k + 1], UPPER_INNER[k]);
  }
  return warpTriangleList(list);
}

function render(extra: Pick<FrameRenderInput, "libraryMouth" | "libraryFade">): Uint8Array {
  const frame = flat(120);
  renderFrame({
    frame, mesh, mouth: { open: 0.4, width: 0 }, style, triangles: upperLipTriangles(), strength: 1,
    interior: () => {
      throw new Error("no inner mouth expected");
    },
    ...extra,
  });
  return frame.y;
}

/** The most common value among the pixels the render changed: the library mouth where it is drawn fully. */
function drawnValue(y: Uint8Array): number {
  const counts = new Map<number, number>();
  for (const value of y) if (value !== 120) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
}

describe("fadeLibraryMouths", () => {
  const [a, b, c] = [libraryMouth(60), libraryMouth(180), libraryMouth(90)];

  it("blends a third of the other mouth into each of the two frames around a change, and nothing elsewhere", () => {
    const fades = fadeLibraryMouths([a, a, a, b, b, b]);
    expect(fades).toEqual([undefined, undefined, { mouth: b, weight: 1 / 3 }, { mouth: a, weight: 1 / 3 }, undefined, undefined]);
  });

  it("does not fade towards or away from frames without a library mouth (no face there)", () => {
    expect(fadeLibraryMouths([a, undefined, b, b, c])).toEqual([undefined, undefined, undefined, { mouth: c, weight: 1 / 3 }, { mouth: b, weight: 1 / 3 }]);
  });
});

describe("renderFrame next to a change of library mouth", () => {
  it("shows two thirds of this frame's library mouth and one third of the next one where the mouth is drawn fully", () => {
    const onlyA = render({ libraryMouth: libraryMouth(60) });
    const onlyB = render({ libraryMouth: libraryMouth(180) });
    const faded = render({ libraryMouth: libraryMouth(60), libraryFade: { mouth: libraryMouth(180), weight: 1 / 3 } });
    const [valueA, valueB] = [drawnValue(onlyA), drawnValue(onlyB)];
    // Each mouth is shifted towards the frame's colour (at most 30 levels): 60 shows as 90, 180 as 150.
    expect([valueA, valueB]).toEqual([90, 150]);
    let full = 0;
    for (let i = 0; i < faded.length; i++) {
      if (onlyA[i] !== valueA || onlyB[i] !== valueB) continue;
      full++;
      expect(Math.abs(faded[i] - (2 * valueA + valueB) / 3)).toBeLessThanOrEqual(1);
    }
    expect(full).toBeGreaterThan(200);
  });
});
