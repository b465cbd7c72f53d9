import { describe, expect, it } from "vitest";
import { taskResponseSchema } from "@/lib/api/tasks/schemas";
import { type SerializableTask, serializeTask } from "@/lib/api/tasks/serialize-task";

const base = "https://lipsync.example.com";
const created = new Date(1745376611075);

function row(overrides: Partial<SerializableTask> = {}): SerializableTask {
  return {
    id: 123456789,
    userId: 12345,
    status: 5,
    stage: null,
    progress: 0,
    error: null,
    errorCode: null,
    videoUrl: "https://example.com/video.mp4",
    audioUrl: "https://example.com/audio.mp3",
    audioFileName: null,
    replyUrl: null,
    replyRef: null,
    resultAssetId: null,
    coverAssetId: null,
    width: null,
    height: null,
    duration: null,
    createdAt: created,
    updatedAt: created,
    finishedAt: null,
    linkVersion: 0,
    ...overrides,
  };
}

/** A signed URL of the asset: task id, expiry (unix seconds) and a 256-bit base64url signature. */
const signed = (assetId: string, fileName: string) =>
  new RegExp(`^${base}/v1/kling/assets/${assetId}/${fileName.replace(".", "\\.")}\\?task=123456789&expires=\\d{10}&signature=[\\w-]{43}$`);

const account = { email: "jane@example.com", taskLimit: 10000, tasksUsed: 0 };

/** The seed's example response, with the arguments our engine reports for a remote audio URL. */
const seedExample = {
  task: {
    id: 123456789,
    userId: 12345,
    type: "m2v_video_lip_sync",
    scene: "NORMAL_CREATION",
    status: 5,
    status_name: "submitted",
    status_final: false,
    taskInfo: {
      type: "m2v_video_lip_sync",
      inputs: [
        { name: "video", inputType: "URL", token: null, blobStorage: null, url: "https://example.com/video.mp4", cover: null, fromWorkId: null },
        { name: "audio", inputType: "URL", token: null, blobStorage: null, url: "https://example.com/audio.mp3", cover: null, fromWorkId: null },
      ],
      arguments: [
        { name: "__filename", value: "audio.mp3" },
        { name: "__isLocalAudio", value: "false" },
        { name: "biz", value: "klingai" },
      ],
      extraArgs: {},
      callbackPayloads: [],
      scene: "NORMAL_CREATION",
    },
    favored: false,
    deleted: false,
    viewed: false,
    createTime: 1745376611075,
    updateTime: 1745376611075,
  },
  works: [],
  status: 5,
  status_name: "submitted",
  status_final: false,
  message: "",
  limitation: { type: "m2v_video_lip_sync", remaining: 10000, limit: 10000 },
  userPoints: { points: [], total: 0 },
  userTickets: { ticket: [] },
  editProject: null,
};

describe("serializeTask", () => {
  it("produces the seed's submitted model, plus progress, stage and email", () => {
    const model = serializeTask(row(), account, base);
    expect(model).toEqual({ ...seedExample, progress: 0, stage: null, email: "jane@example.com" });
    expect(taskResponseSchema.strict().parse(model)).toBeTruthy();
  });

  it("marks an uploaded audio as local and names its file", () => {
    const model = serializeTask(
      row({ audioFileName: "speech.wav", audioUrl: `${base}/v1/kling/assets/a1/speech.wav` }),
      account,
      base,
    );
    expect(model.task.taskInfo.arguments.slice(0, 2)).toEqual([
      { name: "__filename", value: "speech.wav" },
      { name: "__isLocalAudio", value: "true" },
    ]);
  });

  it("does not call an audio URL local once the worker has kept its download as an asset", () => {
    const model = serializeTask(row({ audioFileName: null, audioUrl: "https://example.com/audio.mp3" }), account, base);
    expect(model.task.taskInfo.arguments[1]).toEqual({ name: "__isLocalAudio", value: "false" });
  });

  it("reports progress and stage while processing", () => {
    const model = serializeTask(row({ status: 10, progress: 41.6, stage: "render" }), account, base);
    expect(model).toMatchObject({ status: 10, status_name: "processing", status_final: false, progress: 42, stage: "render", works: [] });
  });

  it("gives the result and cover URLs on success", () => {
    const finished = new Date(1745376700000);
    const model = serializeTask(
      row({ status: 99, progress: 100, resultAssetId: "r1", coverAssetId: "c1", width: 640, height: 360, duration: 5.04, finishedAt: finished }),
      { ...account, tasksUsed: 3 },
      base,
    );
    expect(model).toMatchObject({ status: 99, status_name: "succeed", status_final: true, progress: 100, stage: null });
    expect(model.works).toEqual([
      {
        workId: 123456789,
        type: "m2v_video_lip_sync",
        status: 99,
        contentType: "video/mp4",
        resource: { resource: expect.stringMatching(signed("r1", "lipsync-123456789.mp4")), width: 640, height: 360, duration: 5040 },
        cover: { resource: expect.stringMatching(signed("c1", "lipsync-123456789.jpg")), width: 640, height: 360 },
        createTime: finished.getTime(),
      },
    ]);
    expect(model.limitation).toEqual({ type: "m2v_video_lip_sync", remaining: 9997, limit: 10000 });
    expect(model).not.toHaveProperty("error");
    taskResponseSchema.strict().parse(model);
  });

  it("says what went wrong on failure", () => {
    const model = serializeTask(
      row({ status: 50, error: "No face was found in the video. Send a video with a clear frontal face.", errorCode: "NO_FACE_FOUND", stage: "track" }),
      account,
      base,
    );
    expect(model).toMatchObject({
      status: 50,
      status_name: "failed",
      status_final: true,
      error: "No face was found in the video. Send a video with a clear frontal face.",
      errorCode: "NO_FACE_FOUND",
      stage: null,
      works: [],
    });
  });

  it("is a pure function of its inputs", () => {
    expect(serializeTask(row(), account, base)).toEqual(serializeTask(row(), account, base));
  });
});
