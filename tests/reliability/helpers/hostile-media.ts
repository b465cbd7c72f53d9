/**
 * Broken and borderline media for the hostile-input tests, made with the real ffmpeg from the
 * shipped fixtures (or patched byte by byte where a header must lie).
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { ffmpeg, FIXTURE_SPEECH, FIXTURE_VIDEO } from "@/tests/helpers/media";

export interface HostileMedia {
  /** 2 s of the fixture's face, no sound: quick to lip sync. */
  shortFace: string;
  /** A video without a face (test pattern), 2 s. */
  noFace: string;
  /** 61 s: one second over the limit. */
  tooLong: string;
  /** 10 minutes of tone (Opus, 8 kbit/s). */
  tenMinuteAudio: string;
  /** An MP4 holding only the fixture's AAC track (no video stream). */
  audioOnlyMp4: string;
  /** An AVI whose header claims 16384x16384 (a 16x16 raw video, patched). */
  hugeHeader: string;
  /** The fixture cut at 20 KB: headers intact, most frames missing. */
  truncatedMp4: string;
  /** The fixture cut at 2 KB: inside its moov box. */
  headerOnlyMp4: string;
  /** The speech cut at 100 bytes: a WAV header announcing 6 s, no sound. */
  truncatedWav: string;
}

export async function makeHostileMedia(dir: string): Promise<HostileMedia> {
  const file = (name: string) => path.join(dir, name);
  const media: HostileMedia = {
    shortFace: file("short-face.mp4"),
    noFace: file("no-face.mp4"),
    tooLong: file("too-long.mp4"),
    tenMinuteAudio: file("ten-minutes.ogg"),
    audioOnlyMp4: file("audio-only.mp4"),
    hugeHeader: file("huge-header.avi"),
    truncatedMp4: file("truncated.mp4"),
    headerOnlyMp4: file("header-only.mp4"),
    truncatedWav: file("truncated.wav"),
  };
  await ffmpeg("-i", FIXTURE_VIDEO, "-t", "2", "-an", "-c:v", "libx264", "-preset", "ultrafast", media.shortFace);
  await ffmpeg("-f", "lavfi", "-i", "testsrc=size=160x160:rate=10", "-t", "2", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", media.noFace);
  await ffmpeg("-f", "lavfi", "-i", "testsrc=size=64x64:rate=2", "-t", "61", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", media.tooLong);
  await ffmpeg("-f", "lavfi", "-i", "sine=frequency=220:sample_rate=8000", "-t", "600", "-c:a", "libopus", "-b:a", "8k", media.tenMinuteAudio);
  await ffmpeg("-i", FIXTURE_VIDEO, "-vn", "-c:a", "copy", "-f", "mp4", media.audioOnlyMp4);
  await ffmpeg("-f", "lavfi", "-i", "color=size=16x16:rate=5", "-t", "0.2", "-c:v", "rawvideo", "-pix_fmt", "gray", media.hugeHeader);
  await writeFile(media.hugeHeader, claimSize(await readFile(media.hugeHeader), 16384, 16384));
  const video = await readFile(FIXTURE_VIDEO);
  await writeFile(media.truncatedMp4, video.subarray(0, 20_000));
  await writeFile(media.headerOnlyMp4, video.subarray(0, 2_000));
  await writeFile(media.truncatedWav, (await readFile(FIXTURE_SPEECH)).subarray(0, 100));
  return media;
}

/** Rewrites the picture size in an AVI's main header (avih) and stream format (strf BITMAPINFOHEADER). */
function claimSize(avi: Buffer, width: number, height: number): Buffer {
  const patched = Buffer.from(avi);
  const avih = patched.indexOf("avih");
  const strf = patched.indexOf("strf");
  if (avih < 0 || strf < 0) throw new Error("not an AVI with avih and strf chunks");
  // avih: 8 bytes of chunk header, then dwWidth and dwHeight at offsets 32 and 36.
  patched.writeInt32LE(width, avih + 8 + 32);
  patched.writeInt32LE(height, avih + 8 + 36);
  // strf: 8 bytes of chunk header, biSize, then biWidth and biHeight.
  patched.writeInt32LE(width, strf + 12);
  patched.writeInt32LE(height, strf + 16);
  return patched;
}
