/**
 * Card dimensions, shared by the layout (which must know sizes before anything renders) and
 * the card styles. A card has a header, a summary of two to four lines and, for nodes with
 * several outputs, a row of output labels.
 */
export const CARD_WIDTH = 312;
/** Header and padding around the summary. */
const CARD_CHROME_HEIGHT = 60;
export const SUMMARY_LINE_HEIGHT = 18;
/** The smaller second paragraph some cards have (a trigger's entry rules). */
export const DETAIL_LINE_HEIGHT = 16;
const DETAIL_GAP = 4;
export const CARD_OUTPUTS_HEIGHT = 34;
/** Each labelled output needs this much width so its label stays readable. */
const OUTPUT_MIN_WIDTH = 112;
/** A cautious count of summary characters per line at 13px in the card's text width. */
const CHARS_PER_LINE = 38;

export interface CardSize {
  width: number;
  height: number;
  /** How many summary lines the card makes room for; longer text is cut with an ellipsis. */
  summaryLines: number;
  /** Likewise for the detail paragraph; 0 without one. */
  detailLines: number;
}

/**
 * The size of a card from what it shows. Outputs are only labelled when there are two or more.
 * @example cardSize(1, 'Wait 1 day') // { width: 312, height: 96, summaryLines: 2, detailLines: 0 }
 */
export function cardSize(outputCount: number, summary: string, detail?: string): CardSize {
  const labelled = outputCount > 1;
  const width = Math.max(CARD_WIDTH, labelled ? outputCount * OUTPUT_MIN_WIDTH : 0);
  const charsPerLine = Math.floor((CHARS_PER_LINE * width) / CARD_WIDTH);
  // Two lines at least keep cards in a steady rhythm; a detail paragraph fills that space instead.
  const summaryLines = Math.min(4, Math.max(detail ? 1 : 2, Math.ceil(summary.length / charsPerLine)));
  // The detail is set smaller, so more of it fits on a line; it is never more than three lines.
  const detailLines = detail ? Math.min(3, Math.ceil(detail.length / Math.floor(charsPerLine * 1.1))) : 0;
  return {
    width,
    height:
      CARD_CHROME_HEIGHT +
      summaryLines * SUMMARY_LINE_HEIGHT +
      (detailLines > 0 ? DETAIL_GAP + detailLines * DETAIL_LINE_HEIGHT : 0) +
      (labelled ? CARD_OUTPUTS_HEIGHT : 0),
    summaryLines,
    detailLines,
  };
}
