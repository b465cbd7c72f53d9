"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/lib/auth/require-user";
import { type ActionResult, runStudioAction } from "@/lib/studio/run-studio-action";
import { deleteUpload } from "@/lib/studio/uploads/delete-upload";

const uploadInput = z.object({ assetId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

export async function deleteUploadAction(input: { assetId: string }): Promise<ActionResult<null>> {
  const user = await requireUser();
  const result = await runStudioAction(async () => {
    await deleteUpload(user.id, uploadInput.parse(input).assetId);
    return null;
  });
  if (result.ok) revalidatePath("/uploads");
  return result;
}
