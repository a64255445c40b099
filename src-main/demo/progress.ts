/**
 * A progress bar for command-line runs: redrawn in place on a terminal, one line per 10% when stderr is a
 * file or pipe (CI logs stay readable).
 */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): { update(done: number, total: number, step?: string): void; finish(): void } {
  let lastTenth = -1;
  let drawn = false;
  return {
    update(done, total, step) {
      const fraction = total ? done / total : 1;
      const percent = Math.floor(fraction * 100);
      if (stream.isTTY) {
        const width = 30;
        const filled = Math.round(fraction * width);
        // The step names what is under way; counts are shown only where they mean something to the reader.
        const detail = step ?? `${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`;
        stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(percent).padStart(3)}% ${detail}\x1b[K`);
        drawn = true;
      } else if (Math.floor(percent / 10) > lastTenth) {
        lastTenth = Math.floor(percent / 10);
        stream.write(`${label}: ${percent}% (${step ?? `${done}/${total}`})\n`);
      }
    },
    finish() {
      if (drawn) stream.write('\n');
    },
  };
}
