import type { SourceMode } from "./source-switch";

/** One input of the form: where its media comes from, and what the browser found out about it. */
export type MediaState = {
  mode: SourceMode;
  file: File | null;
  url: string;
  /** seconds, once the browser has read the file */
  duration: number | null;
  error: string | null;
};

export const EMPTY_MEDIA: MediaState = { mode: "upload", file: null, url: "", duration: null, error: null };
