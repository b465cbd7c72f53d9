"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useRef, useState } from "react";
import { checkNewTaskLinksAction, createLipsyncTask } from "@/app/(studio)/new/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { checkMediaUrl } from "@/lib/studio/new-task/check-media-url";
import type { NewTaskOptions } from "@/lib/studio/new-task/load-new-task-options";
import type { MediaKind } from "@/lib/studio/new-task/media-kind";
import type { LinkCheckResult } from "@/lib/studio/new-task/check-new-task-links";
import type { NewTaskField } from "@/lib/studio/new-task/parse-new-task-input";
import type { NewTaskResult } from "@/lib/studio/new-task/submit-new-task";
import type { FacePoint } from "@/lib/studio/new-task/parse-new-task-input";
import { uploadAsset } from "@/lib/studio/new-task/upload-asset";
import { AccountSelect } from "./account-select";
import { FacePointPicker } from "./face-point-picker";
import { MediaInput } from "./media-input";
import { EMPTY_MEDIA, type MediaState } from "./media-state";
import { UploadProgress } from "./upload-progress";

type Stage =
  | { step: "idle" }
  | { step: "checking" }
  | { step: "uploading"; kinds: MediaKind[]; percent: number }
  | { step: "creating" }
  | { step: "opening" };

const uploadLabel = (kinds: MediaKind[]) => `Uploading ${kinds.join(" and ")}`;

function stageText(stage: Stage): string {
  switch (stage.step) {
    case "checking":
      return "Checking the links…";
    case "uploading":
      return `${uploadLabel(stage.kinds)} ${Math.round(stage.percent)}%`;
    case "creating":
      return "Creating task…";
    case "opening":
      return "Opening the task…";
    default:
      return "";
  }
}

/** What keeps an input from being sent, or null. */
function missingMedia(kind: MediaKind, state: MediaState): string | null {
  if (state.error) return state.error;
  if (state.mode === "upload") return state.file ? null : `Choose a${kind === "audio" ? "n audio" : " video"} file, or switch to Link to use a URL.`;
  if (!state.url.trim()) return `Enter the ${kind}’s URL, or switch to Upload to send a file.`;
  return checkMediaUrl(state.url);
}

/** The new lip-sync form: checks its links, uploads both files at once with one progress, then creates the task and opens it. */
export function NewTaskForm({ options }: { options: NewTaskOptions }) {
  const router = useRouter();
  const [media, setMedia] = useState<Record<MediaKind, MediaState>>({ video: EMPTY_MEDIA, audio: EMPTY_MEDIA });
  const [email, setEmail] = useState(options.accounts[0]?.email ?? "");
  const [emailError, setEmailError] = useState<string | null>(null);
  const [replyUrl, setReplyUrl] = useState("");
  const [replyUrlError, setReplyUrlError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [facePoint, setFacePoint] = useState<FacePoint | null>(null);
  const [stage, setStage] = useState<Stage>({ step: "idle" });
  const upload = useRef<AbortController | null>(null);
  // A file already uploaded is not sent again when the task is refused and the user retries.
  const uploadedUrls = useRef(new WeakMap<File, string>());
  const busy = stage.step !== "idle";
  // Known problems are fixed first: the button stays off until then.
  const blocked = Boolean(media.video.error || media.audio.error || replyUrlError);

  const patchMedia = (kind: MediaKind, patch: Partial<MediaState>) => setMedia((current) => ({ ...current, [kind]: { ...current[kind], ...patch } }));

  /**
   * The URLs to send: links as typed, files uploaded together (one progress over both, by bytes).
   * The first failure cancels the other upload; null then (the error is shown at its input).
   */
  async function mediaUrls(controller: AbortController): Promise<Record<MediaKind, string> | null> {
    const kinds = (["video", "audio"] as const).filter((kind) => media[kind].mode === "upload" && !uploadedUrls.current.has(media[kind].file!));
    const sizes = kinds.map((kind) => media[kind].file!.size);
    const total = sizes.reduce((sum, size) => sum + size, 0);
    const sent = kinds.map(() => 0);
    const report = () => setStage({ step: "uploading", kinds, percent: total > 0 ? (sent.reduce((sum, bytes) => sum + bytes, 0) / total) * 100 : 0 });
    if (kinds.length > 0) report();
    const uploads = kinds.map(async (kind, index) => {
      const file = media[kind].file!;
      try {
        const asset = await uploadAsset({
          file,
          signal: controller.signal,
          onProgress: (percent) => {
            sent[index] = (percent / 100) * sizes[index];
            report();
          },
        });
        uploadedUrls.current.set(file, asset.url);
        return true;
      } catch (error) {
        if (!(error instanceof DOMException && error.name === "AbortError")) patchMedia(kind, { error: (error as Error).message });
        controller.abort();
        return false;
      }
    });
    if (!(await Promise.all(uploads)).every(Boolean)) return null;
    const url = (kind: MediaKind) => (media[kind].mode === "link" ? media[kind].url.trim() : uploadedUrls.current.get(media[kind].file!)!);
    return { video: url("video"), audio: url("audio") };
  }

  /** Refuses a bad link before any file is sent, so that it leaves no upload behind. */
  async function linksAccepted(): Promise<boolean> {
    const link = (kind: MediaKind) => (media[kind].mode === "link" ? media[kind].url.trim() : null);
    if (link("video") === null && link("audio") === null && !replyUrl.trim()) return true;
    setStage({ step: "checking" });
    const result: LinkCheckResult = await checkNewTaskLinksAction({ video: link("video"), audio: link("audio"), replyUrl: replyUrl.trim() || undefined }).catch(() => ({
      ok: false,
      error: "The server could not be reached. Check your connection and try again.",
    }));
    if (!result.ok) showRefusal(result);
    return result.ok;
  }

  function showRefusal(result: { error: string; field?: NewTaskField }) {
    if (result.field === "video" || result.field === "audio") patchMedia(result.field, { error: result.error });
    else if (result.field === "replyUrl") setReplyUrlError(result.error);
    else if (result.field === "email" && options.accounts.length > 1) setEmailError(result.error);
    else setFormError(result.error);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const problems = { video: missingMedia("video", media.video), audio: missingMedia("audio", media.audio) };
    const replyProblem = checkMediaUrl(replyUrl);
    patchMedia("video", { error: problems.video });
    patchMedia("audio", { error: problems.audio });
    setReplyUrlError(replyProblem);
    setEmailError(null);
    setFormError(null);
    if (problems.video || problems.audio || replyProblem) return;

    if (!(await linksAccepted())) {
      setStage({ step: "idle" });
      return;
    }
    const controller = new AbortController();
    upload.current = controller;
    const urls = await mediaUrls(controller);
    if (!urls) {
      setStage({ step: "idle" });
      return;
    }

    setStage({ step: "creating" });
    const result: NewTaskResult = await createLipsyncTask({
      ...urls,
      email: options.accounts.length > 1 ? email : undefined,
      replyUrl: replyUrl.trim() || undefined,
      facePoint,
    }).catch(() => ({ ok: false, error: "The server could not be reached. Check your connection and try again." }));
    if (result.ok) {
      setStage({ step: "opening" });
      router.push(`/tasks/${result.taskId}`);
      return;
    }
    setStage({ step: "idle" });
    showRefusal(result);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-6">
      <div className="grid gap-6 md:grid-cols-2">
        {(["video", "audio"] as const).map((kind) => (
          <MediaInput
            key={kind}
            kind={kind}
            state={media[kind]}
            onChange={(patch) => patchMedia(kind, patch)}
            maxUploadBytes={options.maxUploadBytes}
            maxDurationSeconds={options.maxDurationSeconds}
            uploading={stage.step === "uploading" && stage.kinds.includes(kind)}
            disabled={busy}
          />
        ))}
      </div>

      <FacePointPicker video={media.video} value={facePoint} onChange={setFacePoint} disabled={busy} />

      <Card className="grid gap-4 md:grid-cols-2">
        {options.accounts.length > 1 && (
          <AccountSelect accounts={options.accounts} value={email} onChange={setEmail} error={emailError} disabled={busy} />
        )}
        <Field
          id="reply-url"
          label="Webhook URL (optional)"
          hint={
            <>
              Receives a signed POST with the task each time its status changes.{" "}
              <a href="/docs/webhooks" target="_blank" className="underline underline-offset-2">
                How to verify the signature
              </a>
            </>
          }
          error={replyUrlError}
        >
          <Input
            id="reply-url"
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            placeholder="https://example.com/lipsync-webhook"
            value={replyUrl}
            disabled={busy}
            aria-invalid={replyUrlError ? true : undefined}
            aria-describedby={replyUrlError ? "reply-url-hint reply-url-error" : "reply-url-hint"}
            onChange={(event) => {
              setReplyUrl(event.target.value);
              setReplyUrlError(null);
            }}
            onBlur={() => setReplyUrlError(checkMediaUrl(replyUrl))}
          />
        </Field>
      </Card>

      {formError && <Alert tone="error">{formError}</Alert>}

      {stage.step === "uploading" && (
        <UploadProgress label={uploadLabel(stage.kinds)} percent={stage.percent} onCancel={() => upload.current?.abort()} />
      )}

      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" disabled={busy || blocked} className="px-6">
          Start lip sync
        </Button>
        <p role="status" aria-live="polite" className="text-sm tabular-nums text-stone-600 dark:text-stone-400">
          {stageText(stage)}
        </p>
      </div>
    </form>
  );
}
