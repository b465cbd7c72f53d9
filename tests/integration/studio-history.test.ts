/** The history: listStudioTasks (filters, search, pages, order, isolation) and GET /api/studio/tasks. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TASK_STATUS, type TaskStatusName } from "@/lib/api/tasks/schemas";
import { listStudioTasks } from "@/lib/studio/tasks/list-studio-tasks";
import { type StudioTaskQuery, studioTaskQuerySchema } from "@/lib/studio/tasks/studio-task-query";
import { type Stack, signUp, startStack } from "./harness";

const STATUSES: TaskStatusName[] = ["submitted", "processing", "succeed", "failed"];
const query = (input: Partial<StudioTaskQuery> = {}): StudioTaskQuery => ({ q: "", page: 1, ...input });

describe("history", () => {
  let stack: Stack;
  let cookie: string;
  let userId: number;
  let otherUserId: number;
  let ids: number[] = [];
  let otherIds: number[] = [];

  async function seedTasks(owner: number, count: number, name: (index: number) => string): Promise<number[]> {
    const account = await stack.db.account.findFirstOrThrow({ where: { userId: owner } });
    const created: number[] = [];
    for (let index = 0; index < count; index++) {
      const assetId = `asset-${owner}-${index}`;
      await stack.db.asset.create({
        data: { id: assetId, userId: owner, kind: "upload", fileName: name(index), contentType: "video/mp4", size: 1n, storageKey: assetId },
      });
      const task = await stack.db.task.create({
        data: {
          userId: owner,
          accountId: account.id,
          status: TASK_STATUS[STATUSES[index % 4]],
          videoUrl: `http://127.0.0.1/v1/kling/assets/${assetId}/${encodeURIComponent(name(index))}`,
          audioUrl: index === 1 ? "https://cdn.example.com/Voice/Beach-Sunset.mp3" : "http://127.0.0.1/v1/kling/assets/a/speech.wav",
          audioFileName: index === 2 ? "narration_final.wav" : null,
          videoAssetId: assetId,
          duration: index === 3 ? 83.4 : null,
        },
      });
      created.push(task.id);
    }
    return created;
  }

  beforeAll(async () => {
    stack = await startStack({ workers: 0 });
    ({ cookie, userId } = await signUp(stack.baseUrl, { email: "owner@example.com" })); // the first sign-up: the owner
    otherUserId = (await stack.createUser("other@example.com")).userId;
    otherIds = await seedTasks(otherUserId, 3, (index) => `Interview Take ${index}.mp4`);
    ids = await seedTasks(userId, 45, (index) =>
      index === 5 ? "100%_real ünïcode.mp4" : index === 6 ? "under_score.mp4" : `Interview Take ${index}.mp4`,
    );
  });

  afterAll(() => stack?.stop());

  it("lists the user's tasks newest first, 20 a page, and clamps a page past the end", async () => {
    const first = await listStudioTasks(userId, query());
    expect(first).toMatchObject({ page: 1, pageCount: 3, total: 45 });
    expect(first.tasks.map((task) => task.id)).toEqual([...ids].reverse().slice(0, 20));
    expect(first.tasks[0]).toMatchObject({ videoName: "Interview Take 44.mp4", audioName: "speech.wav", coverPath: null });

    const last = await listStudioTasks(userId, query({ page: 3 }));
    expect(last.tasks.map((task) => task.id)).toEqual([...ids].reverse().slice(40));
    expect(await listStudioTasks(userId, query({ page: 99 }))).toEqual(last);
  });

  it("filters by status", async () => {
    for (const status of STATUSES) {
      const page = await listStudioTasks(userId, query({ status }));
      expect(page.total).toBe(ids.filter((_, index) => STATUSES[index % 4] === status).length);
      expect(page.tasks.every((task) => task.status === status)).toBe(true);
    }
  });

  it("searches a number as the exact task id, never another user's", async () => {
    expect((await listStudioTasks(userId, query({ q: String(ids[7]) }))).tasks.map((task) => task.id)).toEqual([ids[7]]);
    expect((await listStudioTasks(userId, query({ q: String(otherIds[0]) }))).total).toBe(0);
    expect((await listStudioTasks(userId, query({ q: "99999999999999" }))).total).toBe(0);
  });

  it("searches file names and URLs in any case, with % and _ as plain characters", async () => {
    const names = async (q: string, status?: TaskStatusName) =>
      (await listStudioTasks(userId, query({ q, status }))).tasks.map((task) => task.videoName).sort();
    expect(await names("interview take 4")).toEqual(["Interview Take 4.mp4", ...Array.from({ length: 5 }, (_, i) => `Interview Take ${40 + i}.mp4`)].sort());
    expect(await names("beach-SUNSET")).toEqual(["Interview Take 1.mp4"]);
    expect(await names("NARRATION_final")).toEqual(["Interview Take 2.mp4"]);
    expect(await names("100%_REAL")).toEqual(["100%_real ünïcode.mp4"]);
    expect(await names("Interview%Take")).toEqual([]);
    expect(await names("Take_1")).toEqual([]);
    expect(await names("ünïcode")).toEqual(["100%_real ünïcode.mp4"]);
    expect(await names("take 1", "processing")).toEqual(["Interview Take 1.mp4", "Interview Take 13.mp4", "Interview Take 17.mp4"]);
  });

  it("never shows another user's tasks, even with the same file names", async () => {
    const other = await listStudioTasks(otherUserId, query({ q: "interview" }));
    expect(other.tasks.map((task) => task.id).sort()).toEqual([...otherIds].sort());
  });

  it("answers GET /api/studio/tasks only with a session, with only the user's tasks", async () => {
    expect((await fetch(`${stack.baseUrl}/api/studio/tasks`)).status).toBe(401);
    expect((await fetch(`${stack.baseUrl}/api/studio/tasks`, { headers: { Cookie: "better-auth.session_token=forged" } })).status).toBe(401);

    const response = await fetch(`${stack.baseUrl}/api/studio/tasks?status=failed&page=2`, { headers: { Cookie: cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as { tasks: Array<{ id: number; status: string }>; page: number; total: number };
    expect(body).toMatchObject({ page: 1, total: 11 });
    expect(body.tasks.every((task) => task.status === "failed" && ids.includes(task.id))).toBe(true);
  });

  it("refuses hostile query values with a 400 that names the parameter", async () => {
    const get = async (search: string) => {
      const response = await fetch(`${stack.baseUrl}/api/studio/tasks?${search}`, { headers: { Cookie: cookie } });
      return { status: response.status, body: (await response.json()) as { error?: string; total?: number } };
    };
    expect(await get("page=-1")).toEqual({ status: 400, body: { error: "Parameter page must be a whole number from 1 to 100000" } });
    expect(await get("page=0")).toMatchObject({ status: 400 });
    expect(await get("page=abc")).toMatchObject({ status: 400, body: { error: expect.stringContaining("Parameter page") } });
    expect(await get("page=1e3")).toMatchObject({ status: 400 });
    expect(await get("status=bogus")).toEqual({ status: 400, body: { error: "Parameter status must be one of all, submitted, processing, succeed, failed" } });
    expect(await get(`q=${"x".repeat(10_000)}`)).toEqual({ status: 400, body: { error: "Parameter q must be at most 200 characters" } });
    expect(await get(`q=${encodeURIComponent("%_ü' OR 1=1 --")}`)).toMatchObject({ status: 200, body: { total: 0 } });
    expect(await get("status=all&q=&page=1")).toMatchObject({ status: 200, body: { total: 45 } });
  });

  it("server-renders the first page, and falls back to defaults for a hand-edited URL", async () => {
    const html = await (await fetch(`${stack.baseUrl}/tasks?page=abc&status=bogus`, { headers: { Cookie: cookie } })).text();
    expect(html).toContain(">History</h1>");
    expect(html).toContain(`Task <!-- -->${ids[44]}`);
    expect(html).not.toContain(`Task <!-- -->${ids[24]}<`);
    const redirected = await fetch(`${stack.baseUrl}/tasks`, { redirect: "manual" });
    expect(redirected.headers.get("location")).toMatch(/\/sign-in\?next=%2Ftasks$/);
  });

  it("parses the API query strictly and the defaults loosely", () => {
    expect(studioTaskQuerySchema.parse({})).toEqual({ q: "", page: 1 });
    expect(studioTaskQuerySchema.parse({ status: "all", q: "  take ", page: "2" })).toEqual({ q: "take", page: 2 });
  });
});
