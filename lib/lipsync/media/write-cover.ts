import { spawn } from "node:child_process";
import { stat } from "node:fs/promises";
import { LipsyncError } from "../errors";
import { ffmpegPath } from "./binaries";
import { OUTPUT_WRITE_FAILED } from "./encode-video";

/** Encodes one yuv420p frame as a JPEG cover image. */
export function writeCover(frame: Buffer, width: number, height: number, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      ffmpegPath(),
      ["-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", `${width}x${height}`, "-i", "pipe:0", "-frames:v", "1", "-q:v", "3", file],
      { stdio: ["pipe", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.on("error", () => undefined);
    child.on("error", (error) => reject(new LipsyncError("ENGINE_FAILURE", `Could not write the cover: ${error.message}`)));
    // ffmpeg's image writer exits with 0 even when the disk was full: check what it left.
    child.on("close", async (code) => {
      const size = (await stat(file).catch(() => null))?.size ?? 0;
      if (code === 0 && size > 0 && !OUTPUT_WRITE_FAILED.test(stderr)) return resolve();
      const reason = stderr.trim().slice(-300) || "ffmpeg wrote an empty file (no space left on the device?)";
      reject(new LipsyncError("ENGINE_FAILURE", `Could not write the cover: ${reason}`));
    });
    child.stdin.end(frame);
  });
}
