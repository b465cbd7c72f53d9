/**
 * A real S3-protocol server for tests: s3rver (npm), in this process, objects in a temp folder,
 * one bucket, its default credentials (S3RVER / S3RVER). It covers what Lipsync Studio uses
 * (PutObject, multipart uploads, GetObject with Range, HeadObject, DeleteObject, ListObjectsV2,
 * presigned GET URLs) but not ListMultipartUploads or AbortMultipartUpload, versioning, or AWS's
 * exact signature checks.
 *
 *   const s3 = await startS3Server();
 *   startStack({ env: s3.env });   // STORAGE=s3 and the S3_* variables
 *   await s3.stop();
 */
import { rmSync } from "node:fs";
import S3rver from "s3rver";
import { freePort } from "./free-port";
import { tempDir } from "./temp-dir";

export type S3Server = {
  endpoint: string;
  bucket: string;
  /** Objects live in `directory/<bucket>/` as files. */
  directory: string;
  /** STORAGE=s3 and the S3_* variables that point a process at this server. */
  env: Record<string, string>;
  stop(): Promise<void>;
};

export async function startS3Server(bucket = "lipsync-test"): Promise<S3Server> {
  const directory = tempDir("lipsync-s3-");
  const port = await freePort();
  const server = new S3rver({ address: "127.0.0.1", port, silent: true, directory, configureBuckets: [{ name: bucket }] });
  await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    directory,
    env: {
      STORAGE: "s3",
      S3_BUCKET: bucket,
      S3_ENDPOINT: endpoint,
      S3_REGION: "us-east-1",
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: "S3RVER",
      S3_FORCE_PATH_STYLE: "1",
    },
    async stop() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
