import { describe, expect, it } from "vitest";
import { parseByteRange } from "@/lib/api/http/parse-byte-range";

describe("parseByteRange", () => {
  it.each([
    [null, 100, null],
    ["bytes=0-", 100, { start: 0, end: 99 }],
    ["bytes=0-0", 100, { start: 0, end: 0 }],
    ["bytes=10-19", 100, { start: 10, end: 19 }],
    ["bytes=90-200", 100, { start: 90, end: 99 }],
    ["bytes=-10", 100, { start: 90, end: 99 }],
    ["bytes=-1000", 100, { start: 0, end: 99 }],
    ["bytes=100-", 100, "unsatisfiable"],
    ["bytes=-0", 100, "unsatisfiable"],
    ["bytes=0-", 0, "unsatisfiable"],
    ["bytes=20-10", 100, null],
    ["bytes=0-1,5-6", 100, null],
    ["items=0-1", 100, null],
    ["bytes=abc", 100, null],
    ["bytes=-", 100, null],
    ["bytes=99999999999999999999-", 100, "unsatisfiable"],
  ] as const)("%j of %d bytes", (header, size, expected) => {
    expect(parseByteRange(header, size)).toEqual(expected);
  });
});
