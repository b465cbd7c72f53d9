"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Copies `getText()`'s text; says so in a polite status (the button keeps its name for assistive tech). */
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
    <span className="inline-flex items-center gap-2">
      <Button variant="secondary" onClick={copy}>
        {copied ? <Check aria-hidden className="size-4" /> : <Copy aria-hidden className="size-4" />}
        Copy
      </Button>
      <span role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
        {copied ? "Copied" : ""}
      </span>
    </span>
  );
}
