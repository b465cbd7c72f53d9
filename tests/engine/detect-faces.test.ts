import { describe, expect, it } from "vitest";
import { detectFaces } from "@/lib/lipsync/face/detect-faces";
import { EYE_OUTER, LOWER_INNER, LOWER_OUTER, MESH_POINTS, UPPER_INNER, UPPER_OUTER } from "@/lib/lipsync/face/landmarks";
import { decodeFirstFrame } from "@/lib/lipsync/media/decode-first-frame";
import { humanMeshes } from "../helpers/human";
import { FIXTURE_VIDEO } from "../helpers/media";

const SIZE = 320;
const LIPS = [...UPPER_OUTER, ...LOWER_OUTER, ...UPPER_INNER, ...LOWER_INNER];

/** The fixture portrait (320x320, one face), run through an ffmpeg filter that makes a width x height frame. */
const frame = async (width = SIZE, height = SIZE, filter = "null") =>
  (await decodeFirstFrame(FIXTURE_VIDEO, { width, height, videoFilter: filter, pixelFormat: "rgb24" }))!;

/** Mean distance of the lip points from the expected ones, in the expected mesh's eye distances. */
function lipError(mesh: Float32Array, expected: Float32Array): number {
  const eye = Math.hypot(expected[EYE_OUTER[1] * 2] - expected[EYE_OUTER[0] * 2], expected[EYE_OUTER[1] * 2 + 1] - expected[EYE_OUTER[0] * 2 + 1]);
  return LIPS.reduce((sum, p) => sum + Math.hypot(mesh[p * 2] - expected[p * 2], mesh[p * 2 + 1] - expected[p * 2 + 1]), 0) / LIPS.length / eye;
}

function moved(mesh: Float32Array, dx: number, dy: number, angle = 0, centre = { x: 0, y: 0 }): Float32Array {
  const out = new Float32Array(mesh.length);
  for (let i = 0; i < MESH_POINTS; i++) {
    const x = mesh[i * 2] - centre.x;
    const y = mesh[i * 2 + 1] - centre.y;
    out[i * 2] = centre.x + x * Math.cos(angle) - y * Math.sin(angle) + dx;
    out[i * 2 + 1] = centre.y + x * Math.sin(angle) + y * Math.cos(angle) + dy;
  }
  return out;
}

describe("finding faces in a frame (the engine's detector and mesh on ONNX Runtime)", () => {
  it("finds the portrait's face with its lips where Human's own detector and mesh put them", async () => {
    const image = await frame();
    const [reference] = await humanMeshes(image, SIZE, SIZE);
    const faces = await detectFaces(image, SIZE, SIZE);
    expect(faces).toHaveLength(1);
    // Human truncates its points to whole pixels and meshes the detector's box once: close, not equal.
    expect(lipError(faces[0].mesh, reference)).toBeLessThan(0.04);
    const [x, , w, h] = faces[0].box;
    expect(x + w / 2).toBeGreaterThan(110);
    expect(x + w / 2).toBeLessThan(190);
    expect(faces[0].eyeDistance).toBeGreaterThan(40);
    expect(h).toBeGreaterThan(w * 0.8);
  });

  it("finds two faces side by side, each with its own mesh", async () => {
    const [single] = await detectFaces(await frame(), SIZE, SIZE);
    const faces = await detectFaces(await frame(2 * SIZE, SIZE, "split[a][b];[a][b]hstack"), 2 * SIZE, SIZE);
    expect(faces).toHaveLength(2);
    const [left, right] = faces.sort((a, b) => a.box[0] - b.box[0]);
    expect(lipError(left.mesh, single.mesh)).toBeLessThan(0.02);
    expect(lipError(right.mesh, moved(single.mesh, SIZE, 0))).toBeLessThan(0.02);
  });

  it("finds a face in a tall 1:3 frame (padded to a square for the detector, not squeezed)", async () => {
    const [single] = await detectFaces(await frame(), SIZE, SIZE);
    const faces = await detectFaces(await frame(SIZE, 3 * SIZE, `pad=${SIZE}:${3 * SIZE}:0:${SIZE}`), SIZE, 3 * SIZE);
    expect(faces).toHaveLength(1);
    expect(lipError(faces[0].mesh, moved(single.mesh, 0, SIZE))).toBeLessThan(0.02);
  });

  it("finds a face turned 30 degrees, its mesh turned with it", async () => {
    const [single] = await detectFaces(await frame(), SIZE, SIZE);
    const angle = (30 * Math.PI) / 180;
    const faces = await detectFaces(await frame(SIZE, SIZE, `rotate=${angle}:fillcolor=black`), SIZE, SIZE);
    expect(faces).toHaveLength(1);
    expect(lipError(faces[0].mesh, moved(single.mesh, 0, 0, angle, { x: SIZE / 2, y: SIZE / 2 }))).toBeLessThan(0.04);
  });

  it("finds no face in a blank or noisy frame", async () => {
    expect(await detectFaces(await frame(SIZE, SIZE, "drawbox=c=gray:t=fill"), SIZE, SIZE)).toEqual([]);
    expect(await detectFaces(await frame(SIZE, SIZE, "drawbox=c=gray:t=fill,noise=alls=60:allf=t"), SIZE, SIZE)).toEqual([]);
  });
});
