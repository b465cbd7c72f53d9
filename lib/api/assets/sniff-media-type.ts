/** What the first bytes of a file say it is. */
export type SniffedMedia =
  | { supported: true; kind: "video" | "audio"; format: MediaFormat; contentType: string; extension: string }
  | { supported: false; description: string };

export type MediaFormat = "mp4" | "mov" | "webm" | "mkv" | "avi" | "mp3" | "wav" | "m4a" | "aac" | "ogg" | "opus" | "flac";

/** Bytes sniffMediaType looks at, at most. */
export const SNIFF_BYTES = 4096;

const FORMATS: Record<MediaFormat, { kind: "video" | "audio"; contentType: string }> = {
  mp4: { kind: "video", contentType: "video/mp4" },
  mov: { kind: "video", contentType: "video/quicktime" },
  webm: { kind: "video", contentType: "video/webm" },
  mkv: { kind: "video", contentType: "video/x-matroska" },
  avi: { kind: "video", contentType: "video/x-msvideo" },
  mp3: { kind: "audio", contentType: "audio/mpeg" },
  wav: { kind: "audio", contentType: "audio/wav" },
  m4a: { kind: "audio", contentType: "audio/mp4" },
  aac: { kind: "audio", contentType: "audio/aac" },
  ogg: { kind: "audio", contentType: "audio/ogg" },
  opus: { kind: "audio", contentType: "audio/ogg" },
  flac: { kind: "audio", contentType: "audio/flac" },
};

/** The file types the API accepts, for messages and docs. */
export const SUPPORTED_MEDIA_TEXT =
  "a video (MP4, MOV, WebM, MKV, AVI) or an audio file (MP3, WAV, M4A, AAC, OGG, Opus, FLAC)";

function media(format: MediaFormat): SniffedMedia {
  return { supported: true, format, extension: format, ...FORMATS[format] };
}

function unsupported(description: string): SniffedMedia {
  return { supported: false, description };
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

function startsWith(bytes: Uint8Array, signature: number[], offset = 0): boolean {
  return signature.every((byte, i) => bytes[offset + i] === byte);
}

function findAscii(bytes: Uint8Array, text: string, limit: number): boolean {
  return ascii(bytes, 0, Math.min(bytes.length, limit)).includes(text);
}

const QUICKTIME_ATOMS = new Set(["moov", "mdat", "wide", "free", "skip", "pnot"]);
const IMAGE_BRANDS = new Set(["heic", "heix", "hevc", "heim", "heis", "mif1", "msf1", "avif", "avis", "crx "]);
const AUDIO_BRANDS = new Set(["M4A ", "M4B ", "M4P ", "F4A ", "F4B "]);

/** An MPEG audio frame header (sync word, no reserved values); `layer3` means MP3, else ADTS AAC. */
function mpegAudioFrame(bytes: Uint8Array): "mp3" | "aac" | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || (bytes[1] & 0xe0) !== 0xe0) return null;
  const layer = (bytes[1] >> 1) & 0x3;
  if ((bytes[1] & 0xf0) === 0xf0 && layer === 0) {
    // ADTS: 12-bit sync, layer 00; sampling index 13-15 reserved.
    return ((bytes[2] >> 2) & 0xf) < 13 ? "aac" : null;
  }
  const version = (bytes[1] >> 3) & 0x3;
  const bitrate = bytes[2] >> 4;
  const sampleRate = (bytes[2] >> 2) & 0x3;
  if (layer !== 1 || version === 1 || bitrate === 0xf || bitrate === 0 || sampleRate === 3) return null;
  return "mp3";
}

/**
 * Decides a file's type from its first bytes (magic numbers), never from its name or the
 * client's Content-Type. Pass at least SNIFF_BYTES bytes when the file has them.
 */
export function sniffMediaType(bytes: Uint8Array): SniffedMedia {
  if (bytes.length === 0) return unsupported("an empty file");
  if (bytes.length < 4) return unsupported(`a ${bytes.length}-byte file, too short to be media`);

  // ISO base media (MP4, MOV, M4A) and QuickTime without ftyp.
  const box = ascii(bytes, 4, 4);
  if (box === "ftyp" && bytes.length >= 12) {
    const brand = ascii(bytes, 8, 4);
    if (brand === "qt  ") return media("mov");
    if (AUDIO_BRANDS.has(brand)) return media("m4a");
    if (IMAGE_BRANDS.has(brand)) return unsupported(`a HEIF/AVIF image (brand "${brand.trim()}")`);
    return media("mp4");
  }
  if (QUICKTIME_ATOMS.has(box) && bytes[0] < 0x80) return media("mov");

  // EBML: Matroska or WebM, told apart by the DocType.
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) {
    if (findAscii(bytes, "webm", 256)) return media("webm");
    if (findAscii(bytes, "matroska", 256)) return media("mkv");
    return unsupported("an EBML file that is neither Matroska nor WebM");
  }

  // RIFF containers.
  if (ascii(bytes, 0, 4) === "RIFF" || ascii(bytes, 0, 4) === "RF64") {
    const form = ascii(bytes, 8, 4);
    if (form === "WAVE") return media("wav");
    if (form === "AVI ") return media("avi");
    if (form === "WEBP") return unsupported("a WebP image");
    return unsupported(`a RIFF file of type "${form.replace(/[^\x20-\x7e]/g, "?")}"`);
  }

  if (ascii(bytes, 0, 4) === "fLaC") return media("flac");
  if (ascii(bytes, 0, 4) === "OggS") {
    if (findAscii(bytes, "OpusHead", 128)) return media("opus");
    if (findAscii(bytes, "theora", 128)) return unsupported("an Ogg Theora video (use MP4 or WebM)");
    return media("ogg");
  }
  if (ascii(bytes, 0, 3) === "ID3") {
    // An ID3v2 tag: skip it (syncsafe size) and look at what follows when we have it.
    const size = ((bytes[6] & 0x7f) << 21) | ((bytes[7] & 0x7f) << 14) | ((bytes[8] & 0x7f) << 7) | (bytes[9] & 0x7f);
    const after = bytes.subarray(10 + size);
    if (after.length >= 4) {
      if (ascii(after, 0, 4) === "fLaC") return media("flac");
      if (mpegAudioFrame(after) === "aac") return media("aac");
    }
    return media("mp3");
  }
  const frame = mpegAudioFrame(bytes);
  if (frame) return media(frame);

  // Recognisable files we do not take, named so the error can say what was sent.
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return unsupported("a PNG image");
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return unsupported("a JPEG image");
  if (ascii(bytes, 0, 4) === "GIF8") return unsupported("a GIF image");
  if (ascii(bytes, 0, 5) === "%PDF-") return unsupported("a PDF document");
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return unsupported("a ZIP archive");
  if (startsWith(bytes, [0x1f, 0x8b])) return unsupported("a gzip archive");
  if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return unsupported("an executable (ELF)");
  if (bytes[0] === 0x47 && bytes.length > 188 && bytes[188] === 0x47) {
    return unsupported("an MPEG transport stream (remux it to MP4)");
  }
  const head = ascii(bytes, 0, Math.min(bytes.length, 64)).trimStart().toLowerCase();
  if (head.startsWith("<!doctype html") || head.startsWith("<html")) return unsupported("an HTML page");
  if (head.startsWith("{") || head.startsWith("[")) return unsupported("a JSON or text file");
  if (bytes.subarray(0, 512).every((b) => b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f))) {
    return unsupported("a text file");
  }
  return unsupported("an unrecognised file type");
}
