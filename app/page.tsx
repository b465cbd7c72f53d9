import { Command } from "@/components/command";

const comingNext = [
  {
    title: "Web studio",
    text: "Upload a video and a speech track, follow the progress, preview and download the result.",
  },
  {
    title: "HTTP API",
    text: "The same lip-sync jobs, scriptable from your own tools.",
  },
];

export default function Home() {
  return (
    <main className="mx-auto flex max-w-2xl flex-col gap-12 px-6 py-16 sm:py-24">
      <header className="flex items-center gap-3">
        <img src="/favicon.svg" alt="" width={32} height={32} />
        <span className="font-semibold tracking-tight">Lipsync Studio</span>
        <span className="rounded-full border border-stone-300 px-2 py-0.5 text-xs text-stone-600 dark:border-stone-700 dark:text-stone-400">
          self-hosted
        </span>
      </header>

      <section className="flex flex-col gap-4">
        <h1 className="text-3xl font-semibold tracking-tight text-balance sm:text-4xl">
          Make the mouth in a video follow a new speech track.
        </h1>
        <p className="text-lg text-stone-600 dark:text-stone-400">
          Lipsync Studio runs on your own server. No external services, fonts or CDNs: your videos stay with you.
        </p>
      </section>

      <section className="flex flex-col gap-4">
        <h2 className="text-xl font-semibold tracking-tight">Available today: the lip-sync engine</h2>
        <p className="text-stone-600 dark:text-stone-400">
          From the project folder, give it a video with a visible face and an audio file with the new speech. It
          writes an MP4 in which the mouth follows that speech.
        </p>
        <Command>npm run lipsync -- --video in.mp4 --audio speech.wav --out out.mp4</Command>
        <p className="text-sm text-stone-500">
          All options: <code className="font-mono">npm run lipsync -- --help</code>
        </p>
      </section>

      <section className="flex flex-col gap-4">
        <h2 className="text-xl font-semibold tracking-tight">Coming next</h2>
        <ul className="grid gap-4 sm:grid-cols-2">
          {comingNext.map((item) => (
            <li key={item.title} className="rounded-xl border border-stone-200 p-5 dark:border-stone-800">
              <h3 className="font-medium">{item.title}</h3>
              <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">{item.text}</p>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
