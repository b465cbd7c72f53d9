"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Copies `getText()`'s text; shows a check and says so in a status (the button keeps its name). */
export function CopyButton({ getText, onError }: { getText: () => string | Promise<string | null>; onError: (message: string) => void }) {
  const [copied, setCopied] = useState(false);

  async function copy() {
    const text = await getText();
    if (text === null) return;
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 2_000);
    } catch {
      onError("The browser did not allow copying: select the text and copy it yourself.");
    }
  }

  return (
    <>
      <Button variant="secondary" onClick={copy}>
        {copied ? <Check aria-hidden className="size-4 text-emerald-600 dark:text-emerald-400" /> : <Copy aria-hidden className="size-4" />}
        Copy
      </Button>
      <span role="status" className="sr-only">
        {copied ? "Copied to the clipboard" : ""}
      </span>
    </>
  );
}
