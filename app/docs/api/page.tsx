import type { Metadata } from "next";
import { buildOpenApiDocument } from "@/lib/api/openapi/build-openapi-document";
import { getRequestBaseUrl } from "@/lib/api/request-base-url";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "API reference · Lipsync Studio",
  description: "The lip-sync HTTP API: endpoints, parameters, responses and errors.",
};

type Json = Record<string, unknown>;

interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  parameters?: Array<{ name: string; in: string; required?: boolean; description?: string; schema?: Json }>;
  requestBody?: { content: Record<string, { schema?: Json; example?: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { example?: unknown; schema?: Json }> }>;
}

/** Follows a local $ref into components.schemas. */
function resolve(document: Json, schema: Json | undefined): Json | undefined {
  const ref = schema?.$ref;
  if (typeof ref !== "string") return schema;
  const name = ref.split("/").pop() ?? "";
  return ((document.components as Json).schemas as Json)[name] as Json;
}

function Code({ children }: { children: string }) {
  return (
    <pre className="overflow-x-auto rounded-lg bg-stone-900 px-4 py-3 font-mono text-xs leading-relaxed text-stone-100 dark:bg-black/60">
      <code>{children}</code>
    </pre>
  );
}

function Properties({ schema }: { schema: Json }) {
  const properties = (schema.properties ?? {}) as Record<string, Json>;
  const required = new Set((schema.required ?? []) as string[]);
  return (
    <table className="w-full text-left text-sm">
      <thead className="text-stone-500">
        <tr>
          <th className="py-1 pr-4 font-medium">Field</th>
          <th className="py-1 pr-4 font-medium">Type</th>
          <th className="py-1 font-medium">Meaning</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(properties).map(([name, property]) => (
          <tr key={name} className="border-t border-stone-200 align-top dark:border-stone-800">
            <td className="py-1 pr-4 font-mono">
              {name}
              {required.has(name) ? <span className="text-red-600"> *</span> : null}
            </td>
            <td className="py-1 pr-4 font-mono text-stone-500">{describeType(property)}</td>
            <td className="py-1">{String(property.description ?? "")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function describeType(schema: Json): string {
  if (Array.isArray(schema.oneOf)) return "file or URL";
  const format = typeof schema.format === "string" ? ` (${schema.format})` : "";
  return `${String(schema.type ?? "any")}${format}`;
}

function OperationSection({ document, method, path, operation }: { document: Json; method: string; path: string; operation: Operation }) {
  return (
    <section id={operation.operationId} className="flex scroll-mt-6 flex-col gap-3 border-t border-stone-200 pt-8 dark:border-stone-800">
      <h3 className="flex flex-wrap items-baseline gap-3 text-lg font-semibold">
        <span className="rounded bg-stone-200 px-2 py-0.5 font-mono text-sm dark:bg-stone-800">{method.toUpperCase()}</span>
        <code className="font-mono text-base">/v1/kling{path}</code>
        <span className="font-normal text-stone-600 dark:text-stone-400">{operation.summary}</span>
      </h3>
      {operation.description ? <p className="text-stone-700 dark:text-stone-300">{operation.description}</p> : null}
      {operation.parameters?.length ? (
        <div>
          <h4 className="mb-1 font-medium">Parameters</h4>
          <ul className="list-disc pl-6 text-sm">
            {operation.parameters.map((parameter) => (
              <li key={`${parameter.in}-${parameter.name}`}>
                <code className="font-mono">{parameter.name}</code> ({parameter.in}
                {parameter.required ? ", required" : ""}){parameter.description ? `: ${parameter.description}` : ""}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {operation.requestBody
        ? Object.entries(operation.requestBody.content).map(([type, body]) => {
            const schema = resolve(document, body.schema);
            return (
              <div key={type} className="flex flex-col gap-2">
                <h4 className="font-medium">
                  Body: <code className="font-mono text-sm">{type}</code>
                </h4>
                {schema?.properties ? <Properties schema={schema} /> : null}
                {body.example ? <Code>{JSON.stringify(body.example, null, 2)}</Code> : null}
              </div>
            );
          })
        : null}
      <div>
        <h4 className="mb-1 font-medium">Responses</h4>
        <ul className="flex flex-col gap-2 text-sm">
          {Object.entries(operation.responses).map(([status, response]) => {
            const example = Object.values(response.content ?? {})[0]?.example;
            return (
              <li key={status}>
                <span className="font-mono font-semibold">{status}</span> {response.description}
                {example ? <Code>{JSON.stringify(example)}</Code> : null}
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}

export default async function ApiDocsPage() {
  const baseUrl = await getRequestBaseUrl();
  const document = buildOpenApiDocument(baseUrl) as Json;
  const info = document.info as { title: string; description: string };
  const paths = document.paths as Record<string, Record<string, Operation>>;
  const operations = Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
  );
  const task = resolve(document, { $ref: "#/components/schemas/Task" });

  return (
    <main className="mx-auto flex max-w-4xl flex-col gap-8 px-6 py-12">
      <header className="flex flex-col gap-3">
        <a href="/" className="text-sm text-stone-500 hover:underline">
          ← Lipsync Studio
        </a>
        <h1 className="text-3xl font-semibold tracking-tight">{info.title}</h1>
        <p className="text-stone-700 dark:text-stone-300">{info.description}</p>
        <p className="text-sm text-stone-600 dark:text-stone-400">
          Base URL <code className="font-mono">{baseUrl}/v1/kling</code> · machine-readable:{" "}
          <a className="underline" href="/v1/openapi.json">
            /v1/openapi.json
          </a>{" "}
          (OpenAPI 3.1)
        </p>
      </header>

      <section className="flex flex-col gap-3">
        <h2 className="text-xl font-semibold tracking-tight">Quick start</h2>
        <p>
          Submit a task with two URLs, then poll it until status_final is true. The answer&apos;s <code className="font-mono">task.id</code>{" "}
          is the <code className="font-mono">$TASK_ID</code> to poll.
        </p>
        <Code>{`curl -X POST "${baseUrl}/v1/kling/videos/lipsync" \\
  -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \\
  -d '{"video": "https://example.com/video.mp4", "audio": "https://example.com/audio.mp3"}'

curl "${baseUrl}/v1/kling/tasks/$TASK_ID" -H "Authorization: Bearer $TOKEN"`}</Code>
        <p>Or send your own files in one request:</p>
        <Code>{`curl -X POST "${baseUrl}/v1/kling/videos/lipsync" -H "Authorization: Bearer $TOKEN" \\
  -F video=@talk.mp4 -F audio=@speech.wav`}</Code>
      </section>

      <section id="webhooks" className="flex scroll-mt-6 flex-col gap-3">
        <h2 className="text-xl font-semibold tracking-tight">Results and webhooks</h2>
        <p>
          <code className="font-mono">works[0].resource.resource</code>, the cover and the <code className="font-mono">cdnUrl</code> of
          GET /assets/download are signed links: a plain GET downloads the file, no token, until they expire (every answer signs them
          afresh). With <code className="font-mono">replyUrl</code>, the task is also POSTed to you at each change, signed with your webhook
          secret:{" "}
          <a className="underline" href="/docs/webhooks">
            the webhook guide
          </a>{" "}
          shows how to check the signature (Node.js, Python), and how retries and ordering work.
        </p>
      </section>

      <nav className="flex flex-col gap-1 text-sm">
        <h2 className="text-xl font-semibold tracking-tight">Endpoints</h2>
        {operations.map(({ path, method, operation }) => (
          <a key={operation.operationId} href={`#${operation.operationId}`} className="hover:underline">
            <span className="inline-block w-16 font-mono text-stone-500">{method.toUpperCase()}</span>
            <span className="font-mono">/v1/kling{path}</span> · {operation.summary}
          </a>
        ))}
      </nav>

      <section className="flex flex-col gap-3">
        <h2 className="text-xl font-semibold tracking-tight">Errors</h2>
        <p>
          Errors keep the Kling API&apos;s shapes: <code className="font-mono">{`{"error": "..."}`}</code> for bad input
          (400, 408, 409, 413, 415), <code className="font-mono">{`{"error":"Unauthorized","code":401}`}</code>,{" "}
          <code className="font-mono">{`{"error": "...", "message": "Not Found"}`}</code> for 404 (another user&apos;s task or
          asset is reported exactly like a missing one), and <code className="font-mono">{`{"error": "...", "code": 429}`}</code>{" "}
          with a <code className="font-mono">Retry-After</code> header when a token makes too many requests.
        </p>
      </section>

      {operations.map(({ path, method, operation }) => (
        <OperationSection key={operation.operationId} document={document} method={method} path={path} operation={operation} />
      ))}

      {task ? (
        <section className="flex flex-col gap-3 border-t border-stone-200 pt-8 dark:border-stone-800">
          <h2 className="text-xl font-semibold tracking-tight">Task model</h2>
          <Properties schema={task} />
        </section>
      ) : null}
    </main>
  );
}
