import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/auth/safe-next-path";

describe("safeNextPath", () => {
  it("keeps a path of this site, with its query", () => {
    expect(safeNextPath("/tasks/2")).toBe("/tasks/2");
    expect(safeNextPath("/tasks?status=failed&q=a")).toBe("/tasks?status=failed&q=a");
  });

  it("refuses anything that could lead to another site (no open redirect)", () => {
    for (const next of [
      "https://evil.example/",
      "//evil.example/x",
      "/\\evil.example",
      "\\\\evil.example",
      "/\t/evil.example",
      "javascript:alert(1)",
      "tasks/2",
      "",
      undefined,
      ["/tasks/2"],
      `/${"a".repeat(3000)}`,
    ]) {
      expect(safeNextPath(next), String(next)).toBe("/new");
    }
  });
});
