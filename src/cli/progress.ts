/**
 * Progress of a long run (a plan of 100,000 systems, a preview of 10,000 resources) on
 * one self-rewriting line of stderr, only when stderr is a terminal: logs, pipes and CI
 * get nothing, so output stays byte-identical. The clock only paces the redraws.
 */
export interface Progress {
  /** A step that starts now ("planning 100,000 systems"). */
  step(text: string): void;
  /** A count within a step; redrawn at most every 100 ms. */
  count(text: string, done: number, total?: number): void;
  /** Clears the line (call before printing results or errors). */
  clear(): void;
}

const SILENT: Progress = { step() {}, count() {}, clear() {} };

export function terminalProgress(command: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY !== true) return SILENT;
  let shown = false;
  let lastDraw = 0;
  const draw = (text: string) => {
    stream.write(`\r\x1b[K${command}: ${text}…`);
    shown = true;
  };
  return {
    step(text) {
      draw(text);
      lastDraw = Date.now();
    },
    count(text, done, total) {
      const now = Date.now();
      if (now - lastDraw < 100 && done !== total) return;
      lastDraw = now;
      draw(`${text} ${done.toLocaleString("en")}${total === undefined ? "" : `/${total.toLocaleString("en")}`}`);
    },
    clear() {
      if (shown) stream.write("\r\x1b[K");
      shown = false;
    },
  };
}
