import { decodeFirstFrame } from "../media/decode-first-frame";
import { detectFaces } from "./detect-faces";

const MAX_TRACKING_SIZE = 960;
const MIN_TRACKING_SIZE = 320;
/** Eye distance the face mesh needs in its input for sub-pixel lips; more only costs time. */
const WANTED_EYE_DISTANCE = 70;

/**
 * Longest side of the frames handed to the face tracker: large enough that the face spans
 * about 70 px between the eyes (from a look at the first frame), never larger than needed,
 * since the tracker's cost grows with the frame's pixel count.
 */
export async function chooseTrackingSize(video: string, width: number, height: number, signal?: AbortSignal): Promise<number> {
  const longest = Math.max(width, height);
  const probeSize = Math.min(longest, MAX_TRACKING_SIZE);
  const scale = probeSize / longest;
  const probeWidth = Math.max(2, Math.round((width * scale) / 2) * 2);
  const probeHeight = Math.max(2, Math.round((height * scale) / 2) * 2);
  const frame = await decodeFirstFrame(video, {
    width: probeWidth,
    height: probeHeight,
    videoFilter: `scale=${probeWidth}:${probeHeight}`,
    pixelFormat: "rgb24",
    signal,
  });
  if (!frame) return probeSize;
  const faces = await detectFaces(frame, probeWidth, probeHeight);
  if (faces.length === 0) return probeSize;
  const eyeDistance = Math.max(...faces.map((face) => face.eyeDistance)) / scale;
  const wanted = Math.round((longest * WANTED_EYE_DISTANCE) / eyeDistance);
  return Math.min(longest, Math.max(MIN_TRACKING_SIZE, Math.min(MAX_TRACKING_SIZE, wanted)));
}
