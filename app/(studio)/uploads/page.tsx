import type { Metadata } from "next";
import { UploadList } from "@/components/uploads/upload-list";
import { requireUser } from "@/lib/auth/require-user";
import { listUploads, UPLOADS_SHOWN } from "@/lib/studio/uploads/list-uploads";

export const metadata: Metadata = { title: "Uploads · Lipsync Studio" };

/** The files the user sent (and the videos tasks downloaded from links): what they are used by, and delete. */
export default async function UploadsPage() {
  const user = await requireUser();
  const { uploads, total } = await listUploads(user.id);
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Uploads</h1>
        <p className="text-sm text-stone-600 dark:text-stone-400">
          The videos and speech you sent, and the files tasks downloaded from links. They stay after their tasks are deleted, so new tasks can use them
          again; delete what you no longer need.
          {total > UPLOADS_SHOWN && ` The ${UPLOADS_SHOWN} newest of ${total} are shown.`}
        </p>
      </div>
      <UploadList uploads={uploads} />
    </div>
  );
}
