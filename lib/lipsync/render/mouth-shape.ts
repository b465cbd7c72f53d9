import { EYE_OUTER, NOSE_TIP, point } from "../face/landmarks";
import { dot, innerGaps, LIP_COLUMNS, mouthFrame, sub } from "./mouth-pose";

/** What a mouth looks like in one frame, in units the audio's targets use, plus the head pose. */
export interface MouthShape {
  /** Inner-lip gap in the middle, over the eye distance. */
  gap: number;
  /** Lip spread (+) or rounding (-), the target's width unit: 1 = 10% wider than at rest. */
  width: number;
  /** Nose tip left/right and up/down of the eyes' midpoint, over the eye distance: head turn and tilt. */
  yaw: number;
  pitch: number;
}

/** The mouth shape of a tracked mesh; `restHalfWidth` is the person's resting half-width over the eye distance. */
export function mouthShape(mesh: Float32Array, restHalfWidth: number): MouthShape {
  const frame = mouthFrame(mesh);
  const middle = innerGaps(mesh)[Math.floor(LIP_COLUMNS / 2)];
  const [left, right] = EYE_OUTER.map((index) => point(mesh, index));
  const nose = sub(point(mesh, NOSE_TIP), { x: (left.x + right.x) / 2, y: (left.y + right.y) / 2 });
  return {
    gap: Math.max(0, dot(middle, frame.down)) / frame.eyeDistance,
    width: (frame.halfWidth / frame.eyeDistance / Math.max(1e-3, restHalfWidth) - 1) / 0.1,
    yaw: dot(nose, frame.across) / frame.eyeDistance,
    pitch: dot(nose, frame.down) / frame.eyeDistance,
  };
}
