/** A shell command; the prompt is left out when the text is selected and copied. */
export function Command({ children }: { children: string }) {
  return (
    <pre className="overflow-x-auto rounded-lg bg-stone-900 px-4 py-3 font-mono text-sm text-stone-100 dark:bg-black/60">
      <code>
        <span aria-hidden="true" className="text-stone-500 select-none">
          ${" "}
        </span>
        {children}
      </code>
    </pre>
  );
}
