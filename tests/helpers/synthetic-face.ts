import {
  CHIN, EYE_OUTER, INNER_CORNERS, LOWER_INNER, LOWER_OUTER, MESH_POINTS, NOSE_TIP, OUTER_CORNERS, UPPER_INNER, UPPER_OUTER,
} from "@/lib/lipsync/face/landmarks";

/** A face 100 px between the eyes, centred on x = 200, with the given inner-lip gap and lower-lip thickness (px). */
export function syntheticFace(gap: number, lowerLip: number, chinDrop = 0): Float32Array {
  const mesh = new Float32Array(MESH_POINTS * 2);
  // Every other point somewhere on the face (deterministic), so the warp moves a full mesh.
  for (let i = 0; i < MESH_POINTS; i++) [mesh[i * 2], mesh[i * 2 + 1]] = [140.3 + ((i * 37) % 120), 120.3 + ((i * 53) % 200)];
  const put = (index: number, x: number, y: number) => ([mesh[index * 2], mesh[index * 2 + 1]] = [x, y]);
  put(EYE_OUTER[0], 150, 150);
  put(EYE_OUTER[1], 250, 150);
  put(NOSE_TIP, 200, 210);
  put(CHIN, 200, 320 + gap + chinDrop);
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
