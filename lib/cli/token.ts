/**
 * `npm run token -- create --email you@example.com [--name ci] [--json]`
 * `npm run token -- list --email you@example.com [--json]`
 * `npm run token -- revoke --id <token id>`
 * Manages API tokens in the database of this installation (embedded unless DATABASE_URL is set).
 */
import { Command } from "commander";
import { z } from "zod";

type Output = { json: boolean };

const program = new Command()
  .name("npm run token --")
  .description("Create, list and revoke API tokens (Authorization: Bearer lss_...).")
  .showHelpAfterError();

program
  .command("create")
  .description("create a token; the user (and a default account) are created when missing")
  .requiredOption("--email <email>", "the user's email")
  .option("--name <name>", "what the token is for", "default")
  .option("--json", "print JSON instead of text", false)
  .action((options: { email: string; name: string } & Output) => run(() => create(options)));

program
  .command("list")
  .description("list a user's tokens (never their secret)")
  .requiredOption("--email <email>", "the user's email")
  .option("--json", "print JSON instead of text", false)
  .action((options: { email: string } & Output) => run(() => list(options)));

program
  .command("revoke")
  .description("revoke a token for good")
  .requiredOption("--id <id>", "the token id (from create or list)")
  .action((options: { id: string }) => run(() => revoke(options)));

async function create({ email, name, json }: { email: string; name: string } & Output): Promise<number> {
  const { env } = await import("../env");
  const { ensureUser } = await import("../api/tokens/ensure-user");
  const { createToken } = await import("../api/tokens/create-token");
  const user = await ensureUser({ email: parseEmail(email), defaultMaxJobs: env.DEFAULT_MAX_JOBS });
  const token = await createToken({ userId: user.id, name });
  if (json) {
    console.log(JSON.stringify({ id: token.id, name: token.name, token: token.token, userId: user.id, email: user.email }));
    return 0;
  }
  if (user.created) {
    console.log(`Created user ${user.email} (id ${user.id}) with a default account.`);
    console.log(`Its webhook signing secret (HMAC-SHA256 of deliveries): ${user.webhookSecret}`);
  }
  console.log(`\nAPI token "${token.name}" (id ${token.id}) for ${user.email}:\n\n  ${token.token}\n`);
  console.log("Store it now: it is shown only this once (only its SHA-256 hash is kept).");
  console.log(`Use it as the header  Authorization: Bearer ${token.prefix}...`);
  return 0;
}

async function list({ email, json }: { email: string } & Output): Promise<number> {
  const { db } = await import("../db");
  const { listTokens } = await import("../api/tokens/list-tokens");
  const user = await db.user.findUnique({ where: { email: parseEmail(email).toLowerCase() } });
  if (!user) {
    console.error(`No user with the email ${email}.`);
    return 1;
  }
  const tokens = await listTokens(user.id);
  if (json) {
    console.log(JSON.stringify(tokens));
    return 0;
  }
  if (!tokens.length) console.log(`${user.email} has no tokens.`);
  for (const token of tokens) {
    const state = token.revokedAt ? `revoked ${token.revokedAt.toISOString()}` : "active";
    const used = token.lastUsedAt ? `last used ${token.lastUsedAt.toISOString()}` : "never used";
    console.log(`${token.id}  ${token.prefix}...  ${JSON.stringify(token.name)}  created ${token.createdAt.toISOString()}  ${used}  ${state}`);
  }
  return 0;
}

async function revoke({ id }: { id: string }): Promise<number> {
  const { revokeToken } = await import("../api/tokens/revoke-token");
  if (!(await revokeToken({ id }))) {
    console.error(`No active token with the id ${id}.`);
    return 1;
  }
  console.log(`Revoked token ${id}: requests with it now get 401.`);
  return 0;
}

function parseEmail(email: string): string {
  const parsed = z.email().safeParse(email);
  if (!parsed.success) throw new UsageError(`--email: ${JSON.stringify(email)} is not an email address`);
  return parsed.data;
}

class UsageError extends Error {}

/** Sets up the database (and its migrations), runs the command, then lets the database go. */
async function run(command: () => Promise<number>): Promise<void> {
  let code = 1;
  let release = async () => {};
  try {
    const { ensureDatabase, migrateDatabase, releaseDatabase } = await import("../database/embedded");
    const { disconnectPrisma } = await import("../db");
    release = async () => {
      await disconnectPrisma();
      await releaseDatabase(() => {});
    };
    await migrateDatabase(await ensureDatabase(() => {}), () => {});
    code = await command();
  } catch (error) {
    console.error(error instanceof UsageError || error instanceof Error ? error.message : error);
  } finally {
    await release().catch((error: unknown) => console.error(error));
  }
  process.exitCode = code;
}

program.parseAsync().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
