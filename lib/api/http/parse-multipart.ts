import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import busboy from "busboy";
import { ApiError } from "@/lib/api/errors";
import { discardRequestBody } from "@/lib/api/http/discard-request-body";

export interface MultipartFile {
  field: string;
  stream: Readable;
  /** As the client sent it: untrusted, sanitise before use. */
  fileName: string | undefined;
}

export interface MultipartOptions {
  /** Field names that may carry files; others are refused. */
  fileFields: readonly string[];
  /** Field names that may carry text; others are refused. */
  textFields: readonly string[];
  signal: AbortSignal;
  /** Consumes one file completely (or throws); parsing waits for it. */
  onFile: (file: MultipartFile) => Promise<void>;
}

const MAX_FIELD_BYTES = 8 * 1024;

/**
 * Streams a multipart/form-data body through busboy: text fields are collected (8 KiB each at
 * most), files are handed to onFile one by one as they arrive, never buffered whole. On any
 * failure every file still being read is destroyed and, only once every onFile has settled, the
 * promise rejects, so the caller can delete whatever was stored.
 */
export async function parseMultipart(req: Request, options: MultipartOptions): Promise<Record<string, string>> {
  const contentType = req.headers.get("content-type") ?? "";
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      defParamCharset: "utf8",
      limits: {
        fieldSize: MAX_FIELD_BYTES,
        fieldNameSize: 100,
        fields: options.textFields.length + 10,
        files: options.fileFields.length,
        parts: options.textFields.length + options.fileFields.length + 10,
        headerPairs: 50,
      },
    });
  } catch (error) {
    throw new ApiError("bad_request", `The multipart/form-data body cannot be read: ${(error as Error).message}.`);
  }
  if (!req.body) throw new ApiError("bad_request", "The multipart/form-data body is empty.");
  const input = Readable.fromWeb(req.body as NodeReadableStream<Uint8Array>);

  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    const seen = new Set<string>();
    const pending: Promise<void>[] = [];
    const active = new Set<Readable>();
    let failure: unknown;

    const fail = (error: unknown) => {
      if (failure !== undefined) return;
      failure = error ?? new Error("multipart parsing failed");
      input.unpipe(parser);
      discardRequestBody(input);
      for (const stream of active) stream.destroy(failure as Error);
      void Promise.allSettled(pending).then(() => reject(failure));
    };
    const once = (name: string) => {
      if (seen.has(name)) fail(new ApiError("bad_request", `Parameter ${name} was sent more than once.`));
      seen.add(name);
    };

    parser.on("field", (name, value, info) => {
      if (failure !== undefined) return;
      if (!options.textFields.includes(name) && !options.fileFields.includes(name)) {
        return fail(new ApiError("bad_request", `Unknown parameter ${name.slice(0, 100)}.`));
      }
      if (info.valueTruncated) {
        return fail(new ApiError("bad_request", `Parameter ${name} is longer than ${MAX_FIELD_BYTES} bytes.`));
      }
      once(name);
      fields[name] = value;
    });

    parser.on("file", (name, stream, info) => {
      if (failure !== undefined || !options.fileFields.includes(name)) {
        stream.resume();
        return fail(new ApiError("bad_request", `Parameter ${name.slice(0, 100)} cannot be a file; files go in ${options.fileFields.join(" or ")}.`));
      }
      once(name);
      active.add(stream);
      const done = options
        .onFile({ field: name, stream, fileName: info.filename })
        .catch((error: unknown) => {
          stream.resume();
          fail(error);
        })
        .finally(() => active.delete(stream));
      pending.push(done);
    });

    const tooMany = () => fail(new ApiError("bad_request", "The form has too many parts."));
    parser.on("filesLimit", tooMany);
    parser.on("fieldsLimit", tooMany);
    parser.on("partsLimit", tooMany);
    parser.on("error", (error: Error) =>
      fail(new ApiError("bad_request", `The multipart/form-data body is malformed: ${error.message}.`)),
    );
    parser.on("close", () => {
      void Promise.all(pending).then(() => {
        if (failure === undefined) resolve(fields);
      });
    });
    input.on("error", (error) => fail(error));
    if (options.signal.aborted) fail(options.signal.reason);
    options.signal.addEventListener("abort", () => fail(options.signal.reason), { once: true });
    input.pipe(parser);
  });
}
