import { describe, expect, it } from "vitest";
import { posterCrop } from "@/lib/previews/poster-crop";
import { previewSize } from "@/lib/previews/preview-size";

describe("previewSize", () => {
  it("fits 480p in landscape and portrait, with even sides, never enlarging", () => {
    expect(previewSize(1920, 1080)).toEqual({ width: 854, height: 480 });
    expect(previewSize(1080, 1920)).toEqual({ width: 480, height: 854 });
    expect(previewSize(320, 320)).toEqual({ width: 320, height: 320 });
    expect(previewSize(321, 181)).toEqual({ width: 322, height: 182 });
  });
});

describe("posterCrop", () => {
  it("takes the largest 16:9 region around the face, kept inside the frame", () => {
    // A 1080x1920 portrait with the face high up: the crop moves up to it, not to the chest.
    expect(posterCrop(1080, 1920, { x: 540, y: 500 })).toEqual({ x: 0, y: 197, width: 1080, height: 607 });
    expect(posterCrop(1080, 1920, { x: 540, y: 40 })).toMatchObject({ y: 0 });
    expect(posterCrop(1080, 1920, { x: 540, y: 1900 })).toMatchObject({ y: 1920 - 607 });
    // Wider than 16:9: the crop slides sideways.
    expect(posterCrop(2560, 1080, { x: 2500, y: 500 })).toEqual({ x: 640, y: 0, width: 1920, height: 1080 });
    // No face: the middle.
    expect(posterCrop(1080, 1920, null)).toEqual({ x: 0, y: 657, width: 1080, height: 607 });
  });
});
