import './BarChart.css';

/** One stacked part of every bar, e.g. one email step's emails per day. */
export interface ChartSeries {
  key: string;
  label: string;
  values: readonly number[];
}

export const CHART_COLORS = ['#4f46e5', '#0ea5e9', '#f59e0b', '#10b981', '#e11d48', '#8b5cf6', '#64748b', '#84cc16'];

const HEIGHT = 170;
const AXIS = 28;
const TOP = 10;

/**
 * A small stacked bar chart per day, drawn in SVG: one bar per day, one colour per series, an
 * optional outline above each bar (an upper bound), the largest value on the axis and a legend
 * with each series' total.
 */
export function BarChart({
  days,
  series,
  outline,
  label,
  testId,
  format = (n) => n.toLocaleString(),
  width = 640,
}: {
  days: readonly string[];
  series: readonly ChartSeries[];
  outline?: readonly number[];
  label: string;
  testId: string;
  format?: (n: number) => string;
  /** The drawing's width in pixels: the width it is shown at, so its text is the size of the page's. */
  width?: number;
}) {
  const totals = days.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const max = Math.max(1, ...totals, ...(outline ?? []));
  const slot = (width - AXIS) / Math.max(1, days.length);
  const bar = Math.max(2, Math.min(28, slot * 0.7));
  const y = (value: number) => TOP + (HEIGHT - TOP - 20) * (1 - value / max);
  const xLabels = days.length <= 1 ? days.map((_, i) => i) : [0, Math.floor((days.length - 1) / 2), days.length - 1];
  return (
    <figure className="bar-chart" data-testid={testId}>
      <svg viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-label={label}>
        <line className="bar-chart__grid" x1={AXIS} x2={width} y1={y(max)} y2={y(max)} />
        <line className="bar-chart__axis" x1={AXIS} x2={width} y1={y(0)} y2={y(0)} />
        <text className="bar-chart__tick" x={AXIS - 4} y={y(max) + 4} textAnchor="end">
          {format(max)}
        </text>
        {days.map((day, i) => {
          const x = AXIS + slot * i + (slot - bar) / 2;
          let base = 0;
          return (
            <g key={day} data-testid={`${testId}-bar`} data-day={day} data-total={round(totals[i] ?? 0)}>
              <title>{`${day}: ${format(totals[i] ?? 0)}${outline ? ` (if nobody acts: ${format(outline[i] ?? 0)})` : ''}`}</title>
              {outline && (outline[i] ?? 0) > 0 && (
                <rect
                  className="bar-chart__outline"
                  x={x}
                  width={bar}
                  y={y(outline[i] ?? 0)}
                  height={y(0) - y(outline[i] ?? 0)}
                />
              )}
              {series.map((s, k) => {
                const value = s.values[i] ?? 0;
                if (value <= 0) return null;
                const top = y(base + value);
                const height = y(base) - top;
                base += value;
                return (
                  <rect
                    key={s.key}
                    x={x}
                    width={bar}
                    y={top}
                    height={height}
                    fill={CHART_COLORS[k % CHART_COLORS.length]}
                  />
                );
              })}
            </g>
          );
        })}
        {xLabels.map((i) => (
          <text
            key={i}
            className="bar-chart__tick"
            x={AXIS + slot * i + slot / 2}
            y={HEIGHT - 4}
            textAnchor={
              i === 0 && days.length > 1 ? 'start' : i === days.length - 1 && days.length > 1 ? 'end' : 'middle'
            }
          >
            {shortDay(days[i] ?? '')}
          </text>
        ))}
      </svg>
      <figcaption className="bar-chart__legend">
        {series.map((s, k) => (
          <span key={s.key} className="bar-chart__key">
            <span className="bar-chart__swatch" style={{ background: CHART_COLORS[k % CHART_COLORS.length] }} />
            {s.label} <strong>{format(s.values.reduce((a, b) => a + b, 0))}</strong>
          </span>
        ))}
        {outline && (
          <span className="bar-chart__key">
            <span className="bar-chart__swatch bar-chart__swatch--outline" />
            if nobody acts
          </span>
        )}
      </figcaption>
    </figure>
  );
}

const round = (n: number) => Math.round(n * 100) / 100;

/** `2026-03-08` as `Mar 8`. */
function shortDay(day: string): string {
  const at = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(at)
    ? day
    : new Date(at).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
}
