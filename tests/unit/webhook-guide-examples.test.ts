/**
 * The signature checks of docs/webhooks.md (Node.js and Python) accept what the server signs and
 * refuse a changed body, a wrong secret and an old timestamp: the guide's code, run as written.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { signPayload } from "@/lib/webhooks/sign-payload";

const guide = readFileSync(path.resolve("docs/webhooks.md"), "utf8");
const block = (lang: string) => guide.match(new RegExp("```" + lang + "\\n([\\s\\S]*?)\\n```"))![1];

const secret = "whsec_guide_example";
const body = JSON.stringify({ task: { id: 42 }, status_name: "succeed", replyRef: "ünïcode ✓" });
const now = Math.floor(Date.now() / 1000);
const cases = [
  { name: "a genuine callback", secret, header: signPayload(secret, body), body, expected: true },
  { name: "a changed body", secret, header: signPayload(secret, body), body: body.replace("42", "43"), expected: false },
  { name: "another secret", secret: "whsec_other", header: signPayload(secret, body), body, expected: false },
  { name: "a timestamp 10 minutes old", secret, header: signPayload(secret, body, now - 600), body, expected: false },
  { name: "a malformed header", secret, header: "v1=abc", body, expected: false },
];

describe("docs/webhooks.md signature checks", () => {
  it("Node.js: verifyLipsyncSignature", async () => {
    const source = block("js");
    const fn = source.slice(source.indexOf("function verifyLipsyncSignature"), source.indexOf("createServer((req"));
    const { createHmac, timingSafeEqual } = await import("node:crypto");
    const verify = new Function("createHmac", "timingSafeEqual", `${fn}; return verifyLipsyncSignature;`)(createHmac, timingSafeEqual) as (
      secret: string,
      header: string,
      rawBody: string,
    ) => boolean;
    for (const example of cases) expect(verify(example.secret, example.header, example.body), example.name).toBe(example.expected);
  });

  it("Python: verify_lipsync_signature", () => {
    const source = block("python");
    const fn = source.slice(source.indexOf("def verify_lipsync_signature"), source.indexOf("@app.post"));
    const script = `import hashlib, hmac, json, sys, time\n${fn}\ncases = json.load(sys.stdin)\nprint(json.dumps([verify_lipsync_signature(c["secret"], c["header"], c["body"].encode()) for c in cases]))\n`;
    const output = execFileSync("python3", ["-c", script], { input: JSON.stringify(cases), encoding: "utf8" });
    expect(JSON.parse(output)).toEqual(cases.map((example) => example.expected));
  });
});
