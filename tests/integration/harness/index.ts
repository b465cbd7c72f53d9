export { startStack, type Stack, type StackOptions, type StackUser, type WebServer } from "./start-stack";
export { freePort } from "./free-port";
export { signUp } from "./sign-up";
export { tempDir } from "./temp-dir";
export { startTestDatabase, type TestDatabase } from "./test-database";
export { type S3Server, startS3Server } from "./s3-server";
