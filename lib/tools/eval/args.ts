import { z } from "zod";

const list = z
  .string()
  .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean));

export const evalArgsSchema = z
  .strictObject({
    calibrate: z.boolean().default(false),
    speechTargets: z.boolean().default(false),
    strip: z.boolean().default(false),
    video: z.string().optional(),
    audio: z.string().optional(),
    output: z.string().optional(),
    /** Strip: seconds, comma-separated. */
    at: list.transform((xs) => xs.map(Number)).pipe(z.array(z.number().nonnegative()).min(1)).optional(),
    /** Strip: PNG path. */
    out: z.string().optional(),
    /** Markdown file whose section gets the report ("Calibration" or "Engine results"). */
    write: z.string().optional(),
    clips: list.default([]),
    speech: list.default([]),
    speechCount: z.coerce.number().int().positive().default(3),
    reuse: z.boolean().default(false),
    help: z.boolean().default(false),
  })
  .superRefine((a, ctx) => {
    if (a.strip && (!a.video || !a.at || !a.out)) ctx.addIssue({ code: "custom", message: "--strip needs --video, --at and --out" });
    const single = [a.video, a.audio, a.output].filter(Boolean).length;
    if (!a.strip && single > 0 && single < 3) ctx.addIssue({ code: "custom", message: "scoring one output needs --video, --audio and --output" });
  });

export type EvalArgs = z.output<typeof evalArgsSchema>;

const BOOLEAN_FLAGS = new Set(["calibrate", "speechTargets", "strip", "reuse", "help"]);

/** --flag value / --flag=value / --bool, with kebab-case names mapped to camelCase. */
export function parseEvalArgs(argv: string[]): EvalArgs {
  const raw: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new Error(`unexpected argument: ${argv[i]}`);
    const key = m[1].replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    if (BOOLEAN_FLAGS.has(key)) raw[key] = true;
    else if (m[2] !== undefined) raw[key] = m[2];
    else if (i + 1 < argv.length) raw[key] = argv[++i];
    else throw new Error(`--${m[1]} needs a value`);
  }
  const parsed = evalArgsSchema.safeParse(raw);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join(".") || "args"}: ${i.message}`).join("; "));
  return parsed.data;
}
