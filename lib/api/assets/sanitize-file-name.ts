/** Longest base name kept (in characters, before the extension). */
const MAX_BASE_LENGTH = 100;

/**
 * A safe display name for a stored file: the last path segment of what the client sent, without
 * control, format (bidi override) or reserved characters, trimmed to a sane length, with the
 * extension of the type the bytes showed (a ".mp4" name on a WAV becomes ".wav").
 */
export function sanitizeFileName(raw: string | null | undefined, extension: string, fallbackBase: string): string {
  let name = (raw ?? "").normalize("NFC");
  name = name.split(/[/\\]/).pop() ?? "";
  name = name
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/gu, "")
    .replace(/[<>:"|?*%#]/g, "_")
    .replace(/\s+/gu, " ")
    .trim()
    .replace(/^[.\s]+/, "");
  // Drop the client's extension: the bytes decide the type.
  name = name.replace(/\.[\p{L}\p{N}]{1,8}$/u, "").replace(/[.\s]+$/, "");
  const chars = Array.from(name);
  if (chars.length > MAX_BASE_LENGTH) name = chars.slice(0, MAX_BASE_LENGTH).join("").trim();
  if (!name) name = fallbackBase;
  return `${name}.${extension}`;
}
