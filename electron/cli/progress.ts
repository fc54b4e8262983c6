/**
 * A one-line progress bar on a terminal; a few plain lines otherwise (CI logs, pipes).
 * @example const progress = progressBar('events'); progress(500, 2000); // [#######.......] 25% 500/2000 events
 */
export function progressBar(unit: string): (done: number, total: number) => void {
  const tty = process.stderr.isTTY;
  let lastShown = -1;
  return (done, total) => {
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (tty) {
      const width = 30;
      const filled = Math.round((percent / 100) * width);
      process.stderr.write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}% ${done}/${total} ${unit}`,
      );
      if (done >= total) process.stderr.write('\n');
    } else if (percent >= lastShown + 25 || done >= total) {
      lastShown = percent;
      process.stderr.write(`${percent}% (${done}/${total} ${unit})\n`);
    }
  };
}
