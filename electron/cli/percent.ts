/** A rate for the terminal: `42.5%`, or `–` when there is none. */
export const percent = (rate: number | null) => (rate === null ? '–' : `${(rate * 100).toFixed(1)}%`);
