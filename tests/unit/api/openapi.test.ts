import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/api/openapi/build-openapi-document";

type Json = Record<string, unknown>;
const document = buildOpenApiDocument("https://lipsync.example.com") as Json;

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 with the server under the base URL and bearer security", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(document.servers).toEqual([{ url: "https://lipsync.example.com/v1/kling" }]);
    expect(document.security).toEqual([{ bearer: [] }]);
  });

  it("documents every endpoint of the API", () => {
    const paths = document.paths as Record<string, Json>;
    const operations = Object.entries(paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(operations.sort()).toEqual(
      [
        "POST /videos/lipsync",
        "GET /tasks/{task_id}",
        "DELETE /tasks/{task_id}",
        "GET /tasks/{task_id}/webhooks",
        "POST /assets",
        "GET /assets/{asset_id}/{file_name}",
        "GET /assets/download",
        "GET /accounts",
        "POST /accounts",
        "GET /accounts/{email}",
        "DELETE /accounts/{email}",
      ].sort(),
    );
  });

  it("derives the request schema from the zod schema the route validates with", () => {
    const schemas = (document.components as Json).schemas as Record<string, Json>;
    expect(schemas.LipsyncRequest.required).toEqual(["video", "audio"]);
    expect(Object.keys(schemas.LipsyncRequest.properties as Json)).toEqual(["video", "audio", "email", "maxJobs", "replyUrl", "replyRef", "facePoint"]);
    expect((schemas.LipsyncRequest.properties as Record<string, Json>).maxJobs).toMatchObject({ type: "integer", minimum: 1, maximum: 50 });
    expect(Object.keys(schemas.Task.properties as Json)).toEqual(
      expect.arrayContaining(["task", "works", "status", "status_name", "status_final", "message", "limitation", "userPoints", "userTickets", "editProject"]),
    );
  });

  it("only refers to schemas it defines", () => {
    const defined = new Set(Object.keys(((document.components as Json).schemas as Json)));
    const refs = JSON.stringify(document).match(/#\/components\/schemas\/[A-Za-z]+/g) ?? [];
    for (const ref of refs) expect(defined).toContain(ref.split("/").pop());
  });

  it("shows the seed's error bodies as examples", () => {
    const post = ((document.paths as Json)["/videos/lipsync"] as Json).post as Json;
    const responses = post.responses as Record<string, { content: Record<string, { example: unknown }> }>;
    expect(responses[400].content["application/json"].example).toEqual({ error: "Parameter video is required" });
    expect(responses[401].content["application/json"].example).toEqual({ error: "Unauthorized", code: 401 });
    expect(responses[404].content["application/json"].example).toEqual({
      error: "Sorry, the requested resource was not found (VALID.ResourceNotFound)",
      message: "Not Found",
    });
  });
});
