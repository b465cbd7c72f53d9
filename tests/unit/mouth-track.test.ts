import { describe, expect, it } from "vitest";
import { buildMouthTrack } from "@/lib/lipsync/audio/mouth-track";
import { detectVoiceActivity } from "@/lib/lipsync/audio/voice-activity";
import { smoothZeroPhase } from "@/lib/lipsync/math/smooth";
import { decodeAudio, firstSeconds } from "@/lib/lipsync/media/decode-audio";
import { FIXTURE_SPEECH } from "../helpers/media";

const FPS = 25;

describe("buildMouthTrack", () => {
  it("is closed and still (exactly zero) on silence", async () => {
    const track = await buildMouthTrack(new Float32Array(16000 * 2), FPS, 50);
    expect(Array.from(track.open).every((v) => v === 0)).toBe(true);
    expect(Array.from(track.width).every((v) => v === 0)).toBe(true);
  });

  it("opens during speech, closes in its pauses, and stays within range", async () => {
    const samples = await decodeAudio(FIXTURE_SPEECH, 6);
    const frames = Math.floor((samples.length / 16000) * FPS);
    const track = await buildMouthTrack(samples, FPS, frames);
    const open = Array.from(track.open);
    expect(Math.max(...open)).toBeGreaterThan(0.6);
    expect(open.every((v) => v >= 0 && v <= 1)).toBe(true);
    // Speech opens and closes the mouth repeatedly (syllables), not once.
    const rises = open.filter((v, i) => i > 0 && open[i - 1] < 0.3 && v >= 0.3).length;
    expect(rises).toBeGreaterThan(4);
    // The one-second pause in the fixture (about 3.3-4.2 s) is silent: mouth shut.
    const pause = open.slice(Math.round(3.5 * FPS), Math.round(4.0 * FPS));
    expect(pause.every((v) => v === 0)).toBe(true);
  });

  it("does not depend on the recording level", async () => {
    const samples = await decodeAudio(FIXTURE_SPEECH, 6);
    const quiet = samples.map((v) => v * 0.1);
    const frames = Math.floor((samples.length / 16000) * FPS);
    const [a, b] = await Promise.all([buildMouthTrack(samples, FPS, frames), buildMouthTrack(quiet, FPS, frames)]);
    const diff = Array.from(a.open).map((v, i) => Math.abs(v - b.open[i]));
    expect(Math.max(...diff)).toBeLessThan(0.15);
  });
});

describe("detectVoiceActivity", () => {
  it("bridges a short stop inside speech but keeps a real pause", () => {
    const levels = Float32Array.from([-80, -80, -20, -20, -70, -20, -20, -80, -80, -80, -80, -80, -20, -20, -80]);
    const { voiced } = detectVoiceActivity(levels, 25);
    expect(Array.from(voiced)).toEqual([0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 0]);
  });

  // Syllables of a compressed voice with no pause (levels as measured on such a file: -18 to -11 dB),
  // and the same length of steady noise (within 2 dB).
  const syllables = (swing: number) => Float32Array.from({ length: 100 }, (_, f) => -11 - swing * (0.5 + 0.5 * Math.sin(f * 1.1)));

  it("finds dense speech that has no pauses", () => {
    const { voiced } = detectVoiceActivity(syllables(7), 25);
    expect(voiced.reduce((a, b) => a + b, 0)).toBeGreaterThan(90);
  });

  it("does not take steady noise for speech", () => {
    const { voiced } = detectVoiceActivity(syllables(2), 25);
    expect(voiced.reduce((a, b) => a + b, 0)).toBe(0);
  });
});

describe("smoothZeroPhase", () => {
  it("removes jitter without shifting a step in time", () => {
    const step = Float32Array.from({ length: 40 }, (_, i) => (i < 20 ? 0 : 1));
    const smooth = smoothZeroPhase(step, 2);
    expect(smooth[19] + smooth[20]).toBeCloseTo(1, 1);
    expect(smooth[0]).toBeCloseTo(0, 3);
    expect(smooth[39]).toBeCloseTo(1, 3);
  });
});

describe("firstSeconds", () => {
  it("cuts a longer decode to exactly the samples a decode limited to those seconds gives", async () => {
    const long = await decodeAudio(FIXTURE_SPEECH, 30);
    for (const seconds of [1.2345, 2.5, 4.1666667, 29]) {
      const limited = await decodeAudio(FIXTURE_SPEECH, seconds);
      const cut = firstSeconds(long, seconds);
      expect(cut.length).toBe(limited.length);
      expect(Buffer.from(cut.buffer, cut.byteOffset, cut.byteLength).equals(Buffer.from(limited.buffer))).toBe(true);
    }
  });
});
