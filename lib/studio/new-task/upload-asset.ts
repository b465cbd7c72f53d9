import { z } from "zod";

const assetSchema = z.object({ url: z.string(), fileName: z.string(), type: z.enum(["video", "audio"]) });
const errorBodySchema = z.object({ error: z.string() });

export type UploadedAsset = z.output<typeof assetSchema>;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function failureMessage(status: number, body: unknown): string {
  if (status === 401) return "Your session has ended. Sign in again in another tab, then retry.";
  const parsed = errorBodySchema.safeParse(body);
  if (parsed.success) return parsed.data.error;
  return `The upload failed (HTTP ${status}). Try again; if it persists, check the server log.`;
}

/**
 * Sends a file to POST /v1/kling/assets as the raw body (the studio's session cookie
 * authenticates it), reporting progress 0..100. Rejects with the API's message when refused,
 * or with an AbortError when `signal` aborts.
 */
export function uploadAsset({ file, onProgress, signal }: { file: File; onProgress: (percent: number) => void; signal: AbortSignal }): Promise<UploadedAsset> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new DOMException("The upload was cancelled.", "AbortError"));
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/v1/kling/assets?fileName=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader("Content-Type", file.type || "application/octet-stream");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress((event.loaded / event.total) * 100);
    };
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      const asset = assetSchema.safeParse(body);
      if (xhr.status >= 200 && xhr.status < 300 && asset.success) resolve(asset.data);
      else reject(new Error(failureMessage(xhr.status, body)));
    };
    xhr.onerror = () => reject(new Error("The upload failed: the connection to the server was lost. Check your network and try again."));
    xhr.onabort = () => reject(new DOMException("The upload was cancelled.", "AbortError"));
    signal.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
