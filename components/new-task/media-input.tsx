"use client";

import { useRef } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { checkMediaDuration } from "@/lib/studio/new-task/check-media-duration";
import { checkMediaFile } from "@/lib/studio/new-task/check-media-file";
import { checkMediaUrl } from "@/lib/studio/new-task/check-media-url";
import { formatBytes } from "@/lib/format/format-bytes";
import { formatDuration } from "@/lib/format/format-duration";
import { inspectMediaFile } from "@/lib/studio/new-task/inspect-media-file";
import type { MediaKind } from "@/lib/studio/new-task/media-kind";
import { FileDropZone } from "./file-drop-zone";
import { LinkPreview } from "./link-preview";
import { MediaPreview } from "./media-preview";
import type { MediaState } from "./media-state";
import { type SourceMode, SourceSwitch } from "./source-switch";
import { useObjectUrl } from "./use-object-url";

const TEXT = {
  video: {
    title: "Video",
    description: "The face whose mouth will move.",
    accept: "video/*,.mp4,.m4v,.mov,.webm,.mkv,.avi",
    prompt: "Drop a video here",
    formats: "MP4, MOV or WebM",
    unreadable: "This file is not a video we can read. Use MP4, MOV or WebM.",
    placeholder: "https://example.com/face.mp4",
    emptyLink: "Paste a link to an MP4, MOV or WebM file below.",
  },
  audio: {
    title: "Audio",
    description: "The speech the face will say.",
    accept: "audio/*,video/*,.mp3,.wav,.m4a,.aac,.ogg,.oga,.opus,.flac,.mp4,.mov,.webm",
    prompt: "Drop the speech here",
    formats: "MP3, WAV, M4A, OGG, FLAC, or a video’s sound",
    unreadable: "This file is not audio we can read. Use MP3, WAV, M4A, OGG or FLAC.",
    placeholder: "https://example.com/speech.mp3",
    emptyLink: "Paste a link to an audio file (or a video whose sound you want) below.",
  },
} as const;

/** The Video or Audio input: an upload (dropped or picked) or a link, previewed and checked in the browser. */
export function MediaInput({ kind, state, onChange, maxUploadBytes, maxDurationSeconds, uploading, disabled }: {
  kind: MediaKind;
  state: MediaState;
  onChange: (patch: Partial<MediaState>) => void;
  maxUploadBytes: number;
  maxDurationSeconds: number;
  /** this file is being sent (the form shows the progress of both) */
  uploading: boolean;
  disabled: boolean;
}) {
  const text = TEXT[kind];
  const fileInput = useRef<HTMLInputElement>(null);
  // The file chosen last: a slower check of an earlier one must not overwrite its state.
  const chosen = useRef<File | null>(null);
  const objectUrl = useObjectUrl(state.file);
  const fileId = `${kind}-file`;
  const urlId = `${kind}-url`;
  const titleId = `${kind}-title`;

  const durationError = (seconds: number) => (kind === "video" ? checkMediaDuration(seconds, maxDurationSeconds) : null);
  const chooseFile = async (file: File) => {
    chosen.current = file;
    const error = checkMediaFile(kind, file, maxUploadBytes);
    onChange({ file: error ? null : file, duration: null, error });
    if (error) return;
    const { problem, duration } = await inspectMediaFile(kind, file).catch(() => ({ problem: "unreadable" as const, duration: null }));
    if (chosen.current !== file) return;
    if (problem === "unreadable") onChange({ file: null, duration: null, error: text.unreadable });
    else if (problem === "audio-only") onChange({ file: null, duration: null, error: `“${file.name}” is an audio file, not a video. Choose a video that shows a face.` });
    else if (duration !== null) onChange({ duration, error: durationError(duration) });
  };
  const onDuration = (seconds: number) => {
    if (chosen.current === state.file) onChange({ duration: seconds, error: durationError(seconds) });
  };
  // A kept file's own problem (too long) comes back with it; others are about the input left.
  const switchMode = (mode: SourceMode) => {
    const fileError = mode === "upload" && state.file && state.duration !== null ? checkMediaDuration(state.duration, maxDurationSeconds) : null;
    onChange({ mode, error: kind === "video" ? fileError : null });
  };
  const limits = `${text.formats} · up to ${formatBytes(maxUploadBytes)}${kind === "video" ? ` · at most ${maxDurationSeconds} s` : ""}`;

  return (
    <Card role="group" aria-labelledby={titleId} className="flex flex-col gap-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id={titleId} className="text-base font-semibold">
            {text.title}
          </h2>
          <p className="text-sm text-stone-600 dark:text-stone-400">{text.description}</p>
        </div>
        <SourceSwitch name={`${kind}-source`} value={state.mode} onChange={switchMode} disabled={disabled} />
      </div>

      {state.mode === "upload" ? (
        <Field id={fileId} label={<span className="sr-only">{text.title} file</span>} error={state.error}>
          <input
            ref={fileInput}
            id={fileId}
            type="file"
            accept={text.accept}
            tabIndex={-1}
            className="sr-only"
            disabled={disabled}
            aria-invalid={state.error ? true : undefined}
            aria-describedby={state.error ? `${fileId}-error` : undefined}
            onChange={(event) => {
              const file = event.target.files?.[0];
              // Cleared so that choosing the same file again (after fixing it) counts as a change.
              event.target.value = "";
              if (file) chooseFile(file);
            }}
          />
          <div className="aspect-video">
            {objectUrl && state.file ? (
              <MediaPreview key={objectUrl} kind={kind} src={objectUrl} onDuration={onDuration} />
            ) : (
              <FileDropZone
                prompt={text.prompt}
                details={limits}
                invalid={Boolean(state.error)}
                disabled={disabled}
                describedBy={state.error ? `${fileId}-error` : undefined}
                onChoose={() => fileInput.current?.click()}
                onFile={chooseFile}
              />
            )}
          </div>
          <div className="flex min-h-10 flex-wrap items-center gap-x-3 gap-y-1">
            {state.file ? (
              <>
                <div className="min-w-0 flex-1 text-sm">
                  <p className="truncate font-medium" title={state.file.name}>
                    {state.file.name}
                  </p>
                  <p className="text-stone-500 dark:text-stone-400">
                    {formatBytes(state.file.size)}
                    {state.duration !== null && Number.isFinite(state.duration) && ` · ${formatDuration(state.duration)}`}
                    {kind === "audio" && state.file.type.startsWith("video/") && " · its sound is used"}
                    {uploading && " · uploading…"}
                  </p>
                </div>
                <Button variant="secondary" className="min-h-8 px-3" onClick={() => fileInput.current?.click()} disabled={disabled}>
                  Replace
                </Button>
                <Button
                  variant="ghost"
                  className="min-h-8 px-3"
                  onClick={() => {
                    chosen.current = null;
                    onChange({ file: null, duration: null, error: null });
                  }}
                  disabled={disabled}
                >
                  Remove
                </Button>
              </>
            ) : (
              !state.error && <p className="text-sm text-stone-500 dark:text-stone-400">No file chosen.</p>
            )}
          </div>
        </Field>
      ) : (
        <>
          <div className="aspect-video">
            <LinkPreview url={state.url} empty={text.emptyLink} />
          </div>
          <Field id={urlId} label={`${text.title} URL`} error={state.error}>
            <Input
              id={urlId}
              type="url"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              placeholder={text.placeholder}
              value={state.url}
              disabled={disabled}
              aria-invalid={state.error ? true : undefined}
              aria-describedby={state.error ? `${urlId}-error` : undefined}
              onChange={(event) => onChange({ url: event.target.value, error: null })}
              onBlur={() => onChange({ error: checkMediaUrl(state.url) })}
            />
          </Field>
        </>
      )}
    </Card>
  );
}
