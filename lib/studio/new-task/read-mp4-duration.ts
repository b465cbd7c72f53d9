type Box = { start: number; end: number };

async function readView(file: Blob, start: number, length: number): Promise<DataView> {
  return new DataView(await file.slice(start, start + length).arrayBuffer());
}

/** The payload of the first box of `type` among the boxes between start and end, or null. */
async function findBox(file: Blob, start: number, end: number, type: string): Promise<Box | null> {
  let offset = start;
  // A bound on the walk: a damaged file must not loop for long.
  for (let boxes = 0; offset + 8 <= end && boxes < 10_000; boxes++) {
    const header = await readView(file, offset, 16);
    let size = header.getUint32(0);
    const name = String.fromCharCode(header.getUint8(4), header.getUint8(5), header.getUint8(6), header.getUint8(7));
    let headerSize = 8;
    if (size === 1) {
      if (header.byteLength < 16) return null;
      size = Number(header.getBigUint64(8));
      headerSize = 16;
    } else if (size === 0) {
      size = end - offset;
    }
    if (size < headerSize || offset + size > end) return null;
    if (name === type) return { start: offset + headerSize, end: offset + size };
    offset += size;
  }
  return null;
}

/**
 * Seconds from the movie header (moov/mvhd) of an MP4, MOV or M4A file, or null when it has
 * none. Reads a few small slices, wherever the moov box is (ffmpeg writes it at the end).
 */
export async function readMp4Duration(file: Blob): Promise<number | null> {
  const moov = await findBox(file, 0, file.size, "moov");
  const mvhd = moov && (await findBox(file, moov.start, moov.end, "mvhd"));
  if (!mvhd) return null;
  const view = await readView(file, mvhd.start, 32);
  if (view.byteLength < 32) return null;
  const version = view.getUint8(0);
  const timescale = version === 1 ? view.getUint32(20) : view.getUint32(12);
  const duration = version === 1 ? Number(view.getBigUint64(24)) : view.getUint32(16);
  const unknown = version === 1 ? view.getBigUint64(24) === 0xffffffffffffffffn : duration === 0xffffffff;
  return timescale > 0 && !unknown ? duration / timescale : null;
}
