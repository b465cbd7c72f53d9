import {
  CHIN, EYE_OUTER, INNER_CORNERS, LOWER_INNER, LOWER_OUTER, NOSE_TIP, OUTER_CORNERS, UPPER_INNER, UPPER_OUTER, point, type Point,
} from "../face/landmarks";

/** The face's frame of reference around the mouth in one video frame. */
export interface MouthFrame {
  centre: Point;
  /** Unit vector from the image-left eye corner to the image-right one. */
  across: Point;
  /** Unit vector pointing down the face. */
  down: Point;
  eyeDistance: number;
  /** Half the distance between the outer mouth corners. */
  halfWidth: number;
  /** Positions along `down` (pixels from the centre) of the upper and lower lip middles, the nose tip and the chin. */
  upperLip: number;
  lowerLip: number;
  nose: number;
  chin: number;
}

export function mouthFrame(mesh: Float32Array): MouthFrame {
  const leftEye = point(mesh, EYE_OUTER[0]);
  const rightEye = point(mesh, EYE_OUTER[1]);
  const eyeDistance = Math.max(1e-3, Math.hypot(rightEye.x - leftEye.x, rightEye.y - leftEye.y));
  const across = { x: (rightEye.x - leftEye.x) / eyeDistance, y: (rightEye.y - leftEye.y) / eyeDistance };
  const down = { x: -across.y, y: across.x };
  const left = point(mesh, INNER_CORNERS[0]);
  const right = point(mesh, INNER_CORNERS[1]);
  const centre = { x: (left.x + right.x) / 2, y: (left.y + right.y) / 2 };
  const along = (index: number) => dot(sub(point(mesh, index), centre), down);
  const outerLeft = point(mesh, OUTER_CORNERS[0]);
  const outerRight = point(mesh, OUTER_CORNERS[1]);
  return {
    centre,
    across,
    down,
    eyeDistance,
    halfWidth: Math.max(1, Math.abs(dot(sub(outerRight, outerLeft), across)) / 2),
    upperLip: along(UPPER_OUTER[4]),
    lowerLip: along(LOWER_OUTER[4]),
    nose: along(NOSE_TIP),
    chin: along(CHIN),
  };
}

/** Inner-lip gap per column (lower minus upper), the original opening the warp removes. */
export function innerGaps(mesh: Float32Array): Point[] {
  return UPPER_INNER.map((upper, k) => sub(point(mesh, LOWER_INNER[k]), point(mesh, upper)));
}

export const LIP_COLUMNS = UPPER_INNER.length;

export function dot(a: Point, b: Point): number {
  return a.x * b.x + a.y * b.y;
}

export function sub(a: Point, b: Point): Point {
  return { x: a.x - b.x, y: a.y - b.y };
}
