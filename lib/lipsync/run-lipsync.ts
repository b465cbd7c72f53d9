import { randomBytes } from "node:crypto";
import { access, rename, rm } from "node:fs/promises";
import path from "node:path";
import { buildMouthTrack } from "./audio/mouth-track";
import { LipsyncError } from "./errors";
import { faceFade, smoothMeshes } from "./face/smooth-meshes";
import { trackFacesInParallel } from "./face/track-parallel";
import { TrackerPool } from "./face/tracker-pool";
import { stageWatch, stopwatch, type EngineProfile } from "./profile";
import { assertVideoSize } from "./media/assert-video-size";
import { ANALYSIS_SAMPLE_RATE, decodeAudio, firstSeconds } from "./media/decode-audio";
import { decodeFrames } from "./media/decode-frames";
import { startEncoder } from "./media/encode-video";
import { FramePool } from "./media/frame-pool";
import { probeMedia, type VideoStreamInfo } from "./media/probe";
import { cancelledError } from "./media/run-process";
import { writeCover } from "./media/write-cover";
import { lipsyncOptionsSchema, type LipsyncOptionsInput } from "./options";
import { planLibraryMouths } from "./render/choose-library-mouths";
import { fadeLibraryMouths } from "./render/fade-library-mouths";
import { videoMouths } from "./render/mouth-library";
import { mouthFrame, type MouthFrame } from "./render/mouth-pose";
import { renderFrame } from "./render/render-frame";
import { warpTriangleList } from "./render/warp-mesh";
import { yuvFrame } from "./render/yuv-frame";
import type { LipsyncProgress, LipsyncResult, LipsyncStage } from "./types";

export interface RunLipsyncInput {
  video: string;
  audio: string;
  /** Where the MP4 goes; written to a temporary name first, so it never exists half-written. */
  output: string;
  /** Cover JPEG path; defaults to the output path with a .jpg extension. */
  cover?: string;
  options?: LipsyncOptionsInput;
  onProgress?: (progress: LipsyncProgress) => void;
  signal?: AbortSignal;
  /** Face-tracking processes kept loaded between runs (see startLipsyncEngine); without, the run starts its own. */
  trackers?: TrackerPool;
  /** Collects where the time went (stage wall times, per-frame steps); for the bench's profile. */
  profile?: EngineProfile;
}

/** Share of the run each stage typically takes, for the overall progress fraction. */
const STAGE_WEIGHTS: Record<LipsyncStage, [start: number, span: number]> = {
  probe: [0, 0.02],
  track: [0.02, 0.45],
  audio: [0.47, 0.03],
  render: [0.5, 0.48],
  finalize: [0.98, 0.02],
};

/** The engine's one entry point: re-animates the mouth of the face in `video` to speak `audio`. */
export async function runLipsync({ video, audio, output, cover, options, onProgress, signal, trackers, profile }: RunLipsyncInput): Promise<LipsyncResult> {
  const started = performance.now();
  const parsed = lipsyncOptionsSchema.safeParse(options ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join(".") || "options"}: ${issue.message}`).join("; ");
    throw new LipsyncError("INVALID_OPTIONS", `Invalid lip-sync options: ${issues}`);
  }
  const settings = parsed.data;
  const coverPath = cover ?? output.replace(/\.[^./]+$/, "") + ".jpg";
  const stageLap = stageWatch(profile);
  let currentStage: LipsyncStage | undefined;
  const report = (stage: LipsyncStage, stageFraction: number) => {
    if (stage !== currentStage) {
      if (currentStage) stageLap(`stage ${currentStage}`);
      currentStage = stage;
    }
    const [start, span] = STAGE_WEIGHTS[stage];
    onProgress?.({ stage, stageFraction, fraction: Math.min(1, start + span * stageFraction) });
  };
  const checkCancelled = () => {
    if (signal?.aborted) throw cancelledError();
  };
  const suffix = `.partial-${process.pid}-${randomBytes(4).toString("hex")}`;
  const temporaryOutput = `${output}${suffix}.mp4`;
  const temporaryCover = `${coverPath}${suffix}.jpg`;
  // A run of its own starts the trackers now, so their models load while the inputs are probed.
  const pool = trackers ?? new TrackerPool();
  const ahead = new WorkAhead(signal);

  try {
    // Probe both inputs and refuse what cannot work before any heavy lifting.
    report("probe", 0);
    await Promise.all([assertReadable(video, "video"), assertReadable(audio, "audio")]);
    // probeMedia throws NO_VIDEO_STREAM / NO_AUDIO_STREAM itself.
    const [videoInfo] = await Promise.all([probeMedia(video, "video", signal), probeMedia(audio, "audio", signal)]);
    const stream = videoInfo.video!;
    assertAcceptable(stream, settings.maxDurationSeconds, settings.maxDimension);
    report("probe", 1);
    report("track", 0);
    // The speech decodes in ffmpeg while the face is tracked; it is cut to the video's exact length after.
    const speech = ahead.start(decodeAudio(audio, stream.duration > 0 ? stream.duration + 2 : settings.maxDurationSeconds, ahead.signal));

    // Pass 1: track the face in every frame (scaled down), then smooth the landmarks. The same
    // decode gives the full-size frames the mouth library's candidates are cut from.
    const width = stream.width + (stream.width % 2);
    const height = stream.height + (stream.height % 2);
    const padding = width !== stream.width || height !== stream.height ? `pad=${width}:${height}` : undefined;
    const trackingSize = await pool.trackingSize(video, stream.width, stream.height, signal);
    const { meshes: tracked, candidates } = await trackFacesInParallel(
      pool,
      {
        video, width: stream.width, height: stream.height, trackingSize, facePoint: settings.facePoint, interpolateStillFrames: settings.interpolateStillFrames,
        fullSize: { width, height, videoFilter: padding },
      },
      stream.estimatedFrames,
      (frames) => report("track", Math.min(1, frames / stream.estimatedFrames)),
      signal,
      profile,
    );
    checkCancelled();
    const frameCount = tracked.length;
    if (frameCount === 0) throw new LipsyncError("UNREADABLE_FILE", "The video has no decodable frames.");
    // A cut-off upload still has its full header: without this it would play as a slide show.
    if (frameCount < stream.estimatedFrames * MIN_DECODED_SHARE) {
      throw new LipsyncError(
        "UNREADABLE_FILE",
        `The video is damaged or cut short: only ${frameCount} of its ${stream.estimatedFrames} frames could be decoded. Upload the complete file again.`,
      );
    }
    const faces = tracked.flatMap((mesh) => (mesh ? [mouthFrame(mesh)] : []));
    assertFaceUsable(faces.length / frameCount, median(faces.map((f) => f.eyeDistance)), settings.minFaceShare, settings.minFaceSize);
    const meshes = smoothMeshes(tracked, 0.9);
    const strength = faceFade(meshes, 4);
    const fps = outputFrameRate(frameCount, stream);
    const duration = frameCount / fps;
    const style = {
      restHalfWidth: median(faces.map((f) => f.halfWidth / f.eyeDistance)),
      mouthScale: settings.mouthScale,
      restJaw: restJawLength(faces),
    };

    // Audio to per-frame mouth targets, over exactly the video's length (silence after the speech).
    report("audio", 0);
    const samples = firstSeconds(await speech, duration);
    assertAudioDecoded(samples.length / ANALYSIS_SAMPLE_RATE, duration);
    const mouth = await buildMouthTrack(samples, fps, frameCount);
    report("audio", 1);
    report("render", 0);

    // Pass 2: decode full frames, re-draw the mouth, encode with the new audio.
    const lap = stopwatch(profile);
    const triangles = warpTriangleList(await pool.triangulation());
    // Emptied as it is handed over: the candidates' lower faces are not needed once chosen from.
    const { library, interior } = videoMouths(candidates.splice(0), meshes, strength, style.restHalfWidth);
    const libraryMouths = planLibraryMouths(library, meshes, mouth, style);
    const libraryFades = fadeLibraryMouths(libraryMouths);
    lap("render: choose the library mouths");
    const encoder = startEncoder({
      output: temporaryOutput, width, height, fps, audio, duration, crf: settings.crf, preset: settings.preset, signal,
    });
    const coverIndex = Math.min(frameCount - 1, Math.round(frameCount / 3));
    let coverFrame: Buffer | undefined;
    let index = 0;
    try {
      const pool = new FramePool((width * height * 3) / 2);
      for await (const frame of decodeFrames(video, { width, height, videoFilter: padding, pixelFormat: "yuv420p", signal, pool, threads: 1 })) {
        lap("frame: wait for the decoder");
        if (index >= frameCount) break;
        const mesh = meshes[index];
        if (mesh) {
          renderFrame({
            frame: yuvFrame(frame, width, height),
            mesh,
            mouth: { open: mouth.open[index], width: mouth.width[index] },
            style,
            interior,
            triangles,
            strength: strength[index],
            libraryMouth: libraryMouths[index],
            libraryFade: libraryFades[index],
          });
        }
        lap("frame: render");
        if (index === coverIndex) coverFrame = Buffer.from(frame);
        await encoder.write(frame, () => pool.give(frame));
        lap("frame: write to the encoder");
        index++;
        report("render", index / frameCount);
      }
      await encoder.finish();
    } catch (error) {
      await encoder.abort();
      throw error;
    }
    checkCancelled();
    if (index !== frameCount) {
      throw new LipsyncError("UNREADABLE_FILE", `The video decoded to ${index} frames on the second pass instead of ${frameCount}; it may be damaged.`);
    }

    report("finalize", 0);
    await assertOutputComplete(temporaryOutput, duration, signal);
    await writeCover(coverFrame!, width, height, temporaryCover);
    await rename(temporaryOutput, output);
    await rename(temporaryCover, coverPath);
    report("finalize", 1);
    stageLap("stage finalize");
    return {
      output,
      cover: coverPath,
      width,
      height,
      fps,
      frames: frameCount,
      duration,
      facesFound: faces.length,
      elapsed: (performance.now() - started) / 1000,
    };
  } catch (error) {
    await Promise.all([rm(temporaryOutput, { force: true }), rm(temporaryCover, { force: true })]);
    if (signal?.aborted) throw cancelledError();
    if (error instanceof LipsyncError) throw error;
    throw new LipsyncError("ENGINE_FAILURE", `Lip sync failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await ahead.stop();
    if (!trackers) await pool.close();
  }
}

/**
 * Work started before its result is needed, so it runs beside other work. Awaited where needed,
 * its failure is reported there; when the run ends first (an error elsewhere), it is stopped, and
 * waited for, so no ffmpeg outlives the run.
 */
class WorkAhead {
  private readonly controller = new AbortController();
  private readonly started: Promise<unknown>[] = [];
  /** Aborted by the run's own signal, or when the run ends. */
  readonly signal: AbortSignal;

  constructor(runSignal?: AbortSignal) {
    this.signal = runSignal ? AbortSignal.any([runSignal, this.controller.signal]) : this.controller.signal;
  }

  start<T>(work: Promise<T>): Promise<T> {
    this.started.push(work.catch(() => undefined));
    return work;
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await Promise.all(this.started);
  }
}

async function assertReadable(file: string, role: "video" | "audio"): Promise<void> {
  try {
    await access(file);
  } catch {
    throw new LipsyncError("UNREADABLE_FILE", `The ${role} file ${path.basename(file)} does not exist or cannot be read.`, { role });
  }
}

function assertAcceptable(stream: VideoStreamInfo, maxDuration: number, maxDimension: number): void {
  if (stream.duration > maxDuration + 0.05) {
    throw new LipsyncError(
      "VIDEO_TOO_LONG",
      `The video is ${stream.duration.toFixed(1)} s long; the limit is ${maxDuration} s. Trim it and try again.`,
      { duration: stream.duration, limit: maxDuration },
    );
  }
  assertVideoSize(stream.width, stream.height, maxDimension);
}

/** The encoded file reads back as a video of the expected length: a write failure ffmpeg did not report shows here. */
async function assertOutputComplete(file: string, duration: number, signal?: AbortSignal): Promise<void> {
  const written = await probeMedia(file, "video", signal).catch((error: unknown) => {
    if (signal?.aborted) throw cancelledError();
    return error instanceof LipsyncError ? null : Promise.reject(error);
  });
  if (written?.video && written.video.duration >= duration * 0.9) return;
  throw new LipsyncError("ENGINE_FAILURE", "The result was not written completely (is the disk full?) and was not kept. Try again.", {
    expectedDuration: duration,
    writtenDuration: written?.video?.duration,
  });
}

/** A file whose header announces sound that does not decode (truncated, damaged) must not become a silent result. */
function assertAudioDecoded(decodedSeconds: number, videoSeconds: number): void {
  if (decodedSeconds >= Math.min(0.1, videoSeconds / 2)) return;
  throw new LipsyncError(
    "UNREADABLE_FILE",
    "The audio file holds no sound that can be decoded: it is empty, truncated or damaged. Re-export it as WAV or MP3 and try again.",
    { role: "audio", decodedSeconds },
  );
}

function assertFaceUsable(faceShare: number, eyeDistance: number, minShare: number, minEyeDistance: number): void {
  if (faceShare < minShare) {
    const percent = (faceShare * 100).toFixed(faceShare > 0 && faceShare < 0.01 ? 1 : 0);
    throw new LipsyncError(
      "NO_FACE_FOUND",
      `A face was found in only ${percent}% of the frames (at least ${Math.round(minShare * 100)}% needed). Use a video with a clear, frontal view of one face.`,
      { faceShare },
    );
  }
  if (eyeDistance < minEyeDistance) {
    throw new LipsyncError(
      "FACE_TOO_SMALL",
      `The face is too small (eyes ${eyeDistance.toFixed(0)} px apart; at least ${minEyeDistance} px needed). Use a closer shot or a higher resolution.`,
      { eyeDistance },
    );
  }
}

/** Below this share of the frames the container announces, the video counts as truncated. */
const MIN_DECODED_SHARE = 0.5;

/** The container's rate when it accounts for the frames decoded (constant rate), else frames / duration. */
function outputFrameRate(frameCount: number, stream: VideoStreamInfo): number {
  if (stream.duration <= 0 || Math.abs(frameCount / stream.fps - stream.duration) < 1.5 / stream.fps) return stream.fps;
  return frameCount / stream.duration;
}

/** Nose tip to chin over the eye distance in the video's most closed frames (10th percentile). */
function restJawLength(faces: MouthFrame[]): number {
  const sorted = faces.map((f) => (f.chin - f.nose) / f.eyeDistance).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length * 0.1)] ?? 0;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
