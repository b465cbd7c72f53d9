import type { TaskStatusName } from "@/lib/api/tasks/schemas";

const STAGES: Record<string, string> = {
  download: "Fetching the inputs",
  probe: "Reading the video",
  track: "Tracking the face",
  audio: "Listening to the speech",
  render: "Drawing the new mouth",
  finalize: "Encoding the result",
  prepare: "Checking the inputs against Kling's limits",
  upload: "Uploading the inputs to useapi.net",
  submit: "Sending the task to Kling",
  upstream: "Running at Kling (useapi.net)",
};

/** The engine's stage in words for people ("Tracking the face"). */
export function describeStage(status: TaskStatusName, stage: string | null): string {
  if (status === "submitted") return "Waiting for a worker";
  return (stage && STAGES[stage]) || "Working";
}
