/** Indices into the 468-point MediaPipe face mesh that Human returns. */
export const MESH_POINTS = 468;

/** Lip columns from the left mouth corner to the right one (image left/right). */
export const UPPER_OUTER = [185, 40, 39, 37, 0, 267, 269, 270, 409];
export const LOWER_OUTER = [146, 91, 181, 84, 17, 314, 405, 321, 375];
export const UPPER_INNER = [191, 80, 81, 82, 13, 312, 311, 310, 415];
export const LOWER_INNER = [95, 88, 178, 87, 14, 317, 402, 318, 324];
export const OUTER_CORNERS = [61, 291] as const;
export const INNER_CORNERS = [78, 308] as const;
/** The rings between each lip's inner and outer edge (same columns), and their corner points. */
export const UPPER_MIDDLE = [183, 42, 41, 38, 12, 268, 271, 272, 407, 184, 74, 73, 72, 11, 302, 303, 304, 408];
export const LOWER_MIDDLE = [96, 89, 179, 86, 15, 316, 403, 319, 325, 77, 90, 180, 85, 16, 315, 404, 320, 307];
export const MIDDLE_CORNERS = [62, 292, 76, 306];

export const EYE_OUTER = [33, 263] as const;
export const NOSE_TIP = 1;
export const CHIN = 152;
/** The face outline (silhouette), which the warp never moves: it borders the background. */
export const SILHOUETTE = [10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109];

export type Point = { x: number; y: number };

export function point(mesh: Float32Array, index: number): Point {
  return { x: mesh[index * 2], y: mesh[index * 2 + 1] };
}
