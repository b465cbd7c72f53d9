import { describe, expect, it } from "vitest";
import { rangeStarts } from "@/lib/lipsync/face/track-parallel";

describe("rangeStarts: where each tracker's range begins", () => {
  it("covers every frame once, in order, from the first to the last", () => {
    for (const [frames, parts] of [[300, 2], [1800, 2], [600, 4], [61, 1], [120, 2]]) {
      const starts = rangeStarts(frames, parts);
      expect(starts).toHaveLength(parts + 1);
      expect(starts[0]).toBe(0);
      expect(starts[parts]).toBe(frames);
      for (let k = 0; k < parts; k++) expect(starts[k + 1]).toBeGreaterThan(starts[k]);
    }
  });

  it("makes later ranges shorter, so skipping to them and tracking them takes each tracker about as long", () => {
    const starts = rangeStarts(600, 4);
    const lengths = starts.slice(1).map((start, k) => start - starts[k]);
    for (let k = 1; k < lengths.length; k++) expect(lengths[k]).toBeLessThan(lengths[k - 1]);
    // Skipping a frame costs 0.3 of tracking one (the module's model of a tracker's time).
    const work = lengths.map((length, k) => 0.3 * starts[k] + length);
    for (const w of work) expect(Math.abs(w - work[0])).toBeLessThanOrEqual(1);
  });

  it("gives one tracker the whole video", () => {
    expect(rangeStarts(300, 1)).toEqual([0, 300]);
  });
});
