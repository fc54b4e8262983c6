/**
 * Card dimensions, shared by the layout (which must know sizes before anything renders) and
 * the card styles. Cards are compact so that journeys drawn on a 300 × 140 grid (as the bundled
 * examples are) keep clear gaps: a header, a two-line summary and, for nodes with several
 * outputs, a row of output labels.
 */
export const CARD_WIDTH = 272;
/** Header and padding around the summary. */
const CARD_CHROME_HEIGHT = 50;
export const SUMMARY_LINE_HEIGHT = 18;
/** The smaller second paragraph some cards have (a trigger's entry rules). */
export const DETAIL_LINE_HEIGHT = 16;
const DETAIL_GAP = 4;
export const CARD_OUTPUTS_HEIGHT = 28;
/** Each labelled output needs this much width so its label stays readable. */
const OUTPUT_MIN_WIDTH = 96;

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
 * @example cardSize(1, 'Wait 1 day') // { width: 272, height: 86, summaryLines: 2, detailLines: 0 }
 */
export function cardSize(outputCount: number, _summary: string, detail?: string): CardSize {
  const labelled = outputCount > 1;
  const width = Math.max(CARD_WIDTH, labelled ? outputCount * OUTPUT_MIN_WIDTH : 0);
  // A steady rhythm: two lines of summary, or one and two of detail.
  const summaryLines = detail ? 1 : 2;
  const detailLines = detail ? 2 : 0;
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
