import { describe, expect, it } from "vitest";
import { cropAroundMesh, followMesh, type MeshCrop } from "@/lib/lipsync/face/follow-mesh";
import { EYE_OUTER, LOWER_INNER, LOWER_OUTER, MESH_POINTS, UPPER_INNER, UPPER_OUTER } from "@/lib/lipsync/face/landmarks";
import { detectFaces, MIN_FACE_CONFIDENCE } from "@/lib/lipsync/face/detect-faces";
import { loadMeshModel } from "@/lib/lipsync/face/models/load-mesh-model";
import { decodeFirstFrame } from "@/lib/lipsync/media/decode-first-frame";
import { humanMeshes } from "../helpers/human";
import { FIXTURE_VIDEO } from "../helpers/media";

const SIZE = 320;
const LIPS = [...UPPER_OUTER, ...LOWER_OUTER, ...UPPER_INNER, ...LOWER_INNER];

const frame = async (filter = "null") =>
  (await decodeFirstFrame(FIXTURE_VIDEO, { width: SIZE, height: SIZE, videoFilter: `scale=${SIZE}:${SIZE},${filter}`, pixelFormat: "rgb24" }))!;

const eyeDistance = (mesh: Float32Array) =>
  Math.hypot(mesh[EYE_OUTER[1] * 2] - mesh[EYE_OUTER[0] * 2], mesh[EYE_OUTER[1] * 2 + 1] - mesh[EYE_OUTER[0] * 2 + 1]);

/** Mean distance of the lip points from the expected ones, in eye distances. */
function lipError(mesh: Float32Array, expected: Float32Array): number {
  const sum = LIPS.reduce((total, p) => total + Math.hypot(mesh[p * 2] - expected[p * 2], mesh[p * 2 + 1] - expected[p * 2 + 1]), 0);
  return sum / LIPS.length / eyeDistance(expected);
}

/** The mesh turned clockwise on screen by `angle` about the frame's centre, as ffmpeg's rotate filter turns the picture. */
function rotated(mesh: Float32Array, angle: number): Float32Array {
  const out = new Float32Array(mesh.length);
  const c = SIZE / 2;
  for (let i = 0; i < MESH_POINTS; i++) {
    const x = mesh[i * 2] - c;
    const y = mesh[i * 2 + 1] - c;
    out[i * 2] = c + x * Math.cos(angle) - y * Math.sin(angle);
    out[i * 2 + 1] = c + x * Math.sin(angle) + y * Math.cos(angle);
  }
  return out;
}

async function upright(): Promise<Float32Array> {
  const image = await frame();
  const [face] = await detectFaces(image, SIZE, SIZE);
  return (await followMesh(await loadMeshModel(), image, SIZE, SIZE, cropAroundMesh(face.mesh))).mesh;
}

describe("following a face's mesh from frame to frame", () => {
  it("finds the lips where Human's own tracking does, with high confidence", async () => {
    const image = await frame();
    const [humanMesh] = await humanMeshes(image, SIZE, SIZE);
    const followed = await followMesh(await loadMeshModel(), image, SIZE, SIZE, cropAroundMesh(humanMesh));
    expect(followed.confidence).toBeGreaterThan(0.9);
    // Human truncates to whole pixels and frames the face by its detector's box: close, not equal.
    expect(lipError(followed.mesh, humanMesh)).toBeLessThan(0.04);
  });

  it("turns its crop with a tilted head and lands on the same lips", async () => {
    const model = await loadMeshModel();
    const level = await upright();
    const angle = (30 * Math.PI) / 180;
    const tilted = await frame(`rotate=${angle}:fillcolor=black`);
    const expected = rotated(level, angle);
    // Start from a level crop over the tilted face, as after a sudden tilt; the crop then follows the eye line.
    let crop: MeshCrop = { ...cropAroundMesh(expected), angle: 0 };
    for (let step = 0; step < 3; step++) crop = cropAroundMesh((await followMesh(model, tilted, SIZE, SIZE, crop)).mesh);
    // The portrait's own eye line is not quite level: compare with the turned mesh's.
    expect(Math.abs(crop.angle - cropAroundMesh(expected).angle)).toBeLessThan((2 * Math.PI) / 180);
    expect(crop.angle).toBeGreaterThan(angle / 2);
    const followed = await followMesh(model, tilted, SIZE, SIZE, crop);
    expect(followed.confidence).toBeGreaterThan(0.9);
    expect(lipError(followed.mesh, expected)).toBeLessThan(0.04);
  });

  it("reports a lost face (low confidence) when the crop holds no face", async () => {
    const level = await upright();
    const pattern = (await decodeFirstFrame(FIXTURE_VIDEO, {
      width: SIZE,
      height: SIZE,
      videoFilter: `scale=${SIZE}:${SIZE},drawbox=c=gray:t=fill,noise=alls=60:allf=t`,
      pixelFormat: "rgb24",
    }))!;
    expect((await followMesh(await loadMeshModel(), pattern, SIZE, SIZE, cropAroundMesh(level))).confidence).toBeLessThan(MIN_FACE_CONFIDENCE);
  });
});
