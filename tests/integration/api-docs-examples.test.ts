/**
 * docs/api.md can be followed literally: every curl and fetch example in it runs, in order,
 * against a real server (with $BASE, $TOKEN, $TASK_ID and $RESULT_URL filled in from the
 * server and from earlier answers), and its documented answer is checked: the status, every
 * documented field with its JSON type, and the values that do not vary (EXACT below).
 */
import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_SPEECH, FIXTURE_VIDEO } from "@/tests/api/helpers";
import { startStack, type Stack } from "./harness";

const run = promisify(execFile);

/** Documented values that must come back as they are (ids, sizes, times and URLs vary). */
const EXACT = new Set(["status", "status_name", "status_final", "error", "type", "contentType", "format", "fileName", "message", "maxJobs", "limit", "used", "deliveries"]);

type Example = { line: number; lang: "sh" | "js"; code: string; status?: number; finished: boolean; answer?: unknown };

/** The sh (with a curl) and js blocks of the markdown, each with the "Answer (NNN)" and JSON block after it. */
function parseExamples(markdown: string): Example[] {
  const lines = markdown.split("\n");
  const examples: Example[] = [];
  let current: Example | undefined;
  for (let i = 0; i < lines.length; i++) {
    const fence = lines[i].match(/^```(\w*)$/);
    if (fence) {
      const end = lines.indexOf("```", i + 1);
      const body = lines.slice(i + 1, end).join("\n");
      if ((fence[1] === "sh" && body.includes("curl")) || fence[1] === "js") {
        current = { line: i + 1, lang: fence[1] as "sh" | "js", code: body, finished: false };
        examples.push(current);
      } else if (fence[1] === "json" && current?.status !== undefined && current.answer === undefined) {
        current.answer = JSON.parse(body);
        current = undefined;
      } else if (fence[1] === "sh") {
        current = undefined;
      }
      i = end;
      continue;
    }
    const answer = lines[i].match(/^Answer \((\d{3})(, once finished)?\)/);
    if (answer && current && current.status === undefined) {
      current.status = Number(answer[1]);
      current.finished = Boolean(answer[2]);
    }
  }
  return examples;
}

/** Every field of `documented` is in `actual` with the same JSON type; EXACT ones with the same value. */
function expectDocumented(documented: unknown, actual: unknown, where: string): void {
  if (Array.isArray(documented)) {
    expect(Array.isArray(actual), `${where} is an array`).toBe(true);
    if (documented.length > 0) {
      expect((actual as unknown[]).length, `${where} is not empty`).toBeGreaterThan(0);
      expectDocumented(documented[0], (actual as unknown[])[0], `${where}[0]`);
    }
    return;
  }
  if (documented !== null && typeof documented === "object") {
    expect(actual !== null && typeof actual === "object" && !Array.isArray(actual), `${where} is an object`).toBe(true);
    for (const [key, value] of Object.entries(documented)) {
      const inner = (actual as Record<string, unknown>)[key];
      expect(inner, `${where}.${key} is in the answer`).not.toBeUndefined();
      if (EXACT.has(key)) expect(inner, `${where}.${key}`).toEqual(value);
      else expectDocumented(value, inner, `${where}.${key}`);
    }
    return;
  }
  expect(actual === null ? "null" : typeof actual, `type of ${where}`).toBe(documented === null ? "null" : typeof documented);
}

/** A reader's shell: no DATABASE_URL, AUTH_SECRET or other variables of this test process. */
function sandboxEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production" } as NodeJS.ProcessEnv;
}

let stack: Stack;
let scratch: string;
const vars: Record<string, string> = {};

async function runSh(code: string): Promise<{ status: number; body: string }> {
  const headers = path.join(scratch, "headers.txt");
  writeFileSync(headers, "");
  // Like a reader's shell, with the status line kept aside (-D) so the example's own -o still works.
  const script = `set -e\ncurl() { command curl -sS -D "${headers}" "$@"; }\n${code.replaceAll("http://localhost:3000", "$BASE")}`;
  const { stdout } = await run("bash", ["-c", script], { cwd: scratch, env: { ...sandboxEnv(), ...vars }, maxBuffer: 16 * 1024 * 1024 });
  const statuses = [...readFileSync(headers, "utf8").matchAll(/^HTTP\/[\d.]+ (\d{3})/gm)];
  return { status: Number(statuses.at(-1)?.[1]), body: stdout };
}

beforeAll(async () => {
  stack = await startStack({ workers: 1 });
  const user = await stack.createUser(`docs-${Date.now()}@example.com`);
  Object.assign(vars, { BASE: stack.baseUrl, TOKEN: user.token });
  scratch = mkdtempSync(path.join(tmpdir(), "api-docs-"));
  copyFileSync(FIXTURE_VIDEO, path.join(scratch, "talk.mp4"));
  copyFileSync(FIXTURE_SPEECH, path.join(scratch, "speech.wav"));
}, 900_000);

afterAll(async () => {
  await stack?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("docs/api.md examples", () => {
  const examples = parseExamples(readFileSync(path.resolve("docs/api.md"), "utf8"));

  it("has curl and fetch examples, each curl with a documented answer", () => {
    expect(examples.filter((example) => example.lang === "sh").length).toBeGreaterThanOrEqual(10);
    expect(examples.some((example) => example.lang === "js" && example.code.includes("fetch("))).toBe(true);
    for (const example of examples.filter((candidate) => candidate.lang === "sh")) {
      expect(example.status, `docs/api.md:${example.line} has an "Answer (NNN)" line`).toBeDefined();
    }
  });

  it("run against a real server and answer as documented", async () => {
    for (const example of examples) {
      const where = `docs/api.md:${example.line}`;
      if (example.lang === "js") {
        const file = path.join(scratch, `example-${example.line}.mjs`);
        writeFileSync(file, example.code);
        rmSync(path.join(scratch, "result.mp4"), { force: true });
        await run(process.execPath, [file], { cwd: scratch, env: { ...sandboxEnv(), ...vars }, timeout: 600_000 });
        if (example.code.includes("result.mp4")) {
          expect(readFileSync(path.join(scratch, "result.mp4")).subarray(4, 8).toString("latin1"), where).toBe("ftyp");
        }
        continue;
      }
      let result = await runSh(example.code);
      const deadline = Date.now() + 600_000;
      while (example.finished && !JSON.parse(result.body).status_final && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 2000));
        result = await runSh(example.code);
      }
      expect(result.status, `${where}: ${result.body.slice(0, 300)}`).toBe(example.status);
      if (example.answer !== undefined) expectDocumented(example.answer, JSON.parse(result.body), where);
      if (example.code.includes("-o result.mp4")) {
        expect(readFileSync(path.join(scratch, "result.mp4")).subarray(4, 8).toString("latin1"), where).toBe("ftyp");
      }
      // The quick start's variables: the first task's id, its result link.
      const parsed = result.body.startsWith("{") ? JSON.parse(result.body) : undefined;
      if (parsed?.task?.id && !vars.TASK_ID) vars.TASK_ID = String(parsed.task.id);
      if (parsed?.works?.[0]?.resource?.resource && String(parsed.task.id) === vars.TASK_ID) vars.RESULT_URL = parsed.works[0].resource.resource;
    }
    expect(vars.RESULT_URL).toBeDefined();
  });
});
