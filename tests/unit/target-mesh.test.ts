import { describe, expect, it } from "vitest";
import { CHIN, LOWER_OUTER, NOSE_TIP, SILHOUETTE } from "@/lib/lipsync/face/landmarks";
import { targetMesh, type MouthStyle } from "@/lib/lipsync/render/target-mesh";
import { syntheticFace } from "../helpers/synthetic-face";

const style: MouthStyle = { restHalfWidth: 0.45, mouthScale: 1, restJaw: 1.1 };
const y = (points: Float32Array, index: number) => points[index * 2 + 1];

describe("targetMesh", () => {
  // A mouth opened 10 px by the mesh while the chin hangs 40 px lower than at rest (the mesh
  // under-reads wide openings; a head tilted back looks the same). Three points on the middle
  // line: inside the lower lip, just under it, half way to the chin.
  const mesh = syntheticFace(10, 12, 40);
  const [insideLip, underLip, chinSkin] = [15, 18, 200];
  const put = (index: number, at: number) => ([mesh[index * 2], mesh[index * 2 + 1]] = [200, at]);
  put(insideLip, 266);
  put(underLip, 276);
  put(chinSkin, 310);
  const lowerLip = LOWER_OUTER[4];

  it("keeps the skin under the lower lip below it while closing a dropped jaw (no folded triangles)", () => {
    const { target } = targetMesh(mesh, { open: 0, width: 0 }, style);
    expect(y(target, underLip)).toBeGreaterThan(y(target, lowerLip));
    expect(y(target, chinSkin)).toBeGreaterThan(y(target, underLip));
    // The jaw still closes: the chin skin rises more than the lip.
    expect(y(mesh, chinSkin) - y(target, chinSkin)).toBeGreaterThan(y(mesh, lowerLip) - y(target, lowerLip));
  });

  it("closes a dropped jaw as a whole: the chin comes back to its rest distance from the nose", () => {
    const { target } = targetMesh(mesh, { open: 0, width: 0 }, style);
    // 100 px between the eyes: at rest the chin is 110 px under the nose tip; the input's is 160.
    expect(y(target, CHIN) - y(target, NOSE_TIP)).toBeCloseTo(style.restJaw * 100, 0);
  });

  it("moves the whole lower lip together, its inside with its edges", () => {
    const { target } = targetMesh(mesh, { open: 0.5, width: 0 }, style);
    const shift = (index: number) => y(target, index) - y(mesh, index);
    expect(shift(insideLip)).toBeCloseTo(shift(lowerLip), 1);
  });

  // A point of the face outline two mouth half-widths to the side, three quarters of the way down to the chin.
  const jawLine = SILHOUETTE[SILHOUETTE.indexOf(CHIN) + 3];
  const withJawLine = (face: Float32Array) => {
    const copy = Float32Array.from(face);
    [copy[jawLine * 2], copy[jawLine * 2 + 1]] = [110, 345];
    return copy;
  };

  it("raises the jaw line beside the chin with the chin, not the chin alone", () => {
    const dropped = withJawLine(mesh);
    const { target } = targetMesh(dropped, { open: 0, width: 0 }, style);
    const rise = (index: number) => y(dropped, index) - y(target, index);
    expect(rise(CHIN)).toBeGreaterThan(30);
    expect(rise(jawLine)).toBeGreaterThan(0.6 * rise(CHIN));
  });

  it("leaves the jaw line where it is when the chin moves little (ordinary speech)", () => {
    // Lips 2 px apart at rest: closing them lifts the chin by about 2 px, 0.02 eye distances.
    const resting = withJawLine(syntheticFace(2, 12));
    const { target } = targetMesh(resting, { open: 0, width: 0 }, style);
    const rise = (index: number) => y(resting, index) - y(target, index);
    expect(rise(CHIN)).toBeGreaterThan(1);
    expect(rise(jawLine)).toBeLessThan(0.1 * rise(CHIN));
  });
});
