import './charts.css';

/** A row of tiny bars (e.g. events per day), with its numbers in words for screen readers. */
export function Sparkbars({
  values,
  label,
  width = 140,
  height = 28,
}: {
  values: readonly number[];
  label: string;
  width?: number;
  height?: number;
}) {
  const max = Math.max(1, ...values);
  const step = width / Math.max(1, values.length);
  const bar = Math.max(1, step - (values.length > 40 ? 0.5 : 1.5));
  return (
    <svg className="sparkbars" width={width} height={height} role="img" aria-label={label}>
      {values.map((value, i) => {
        const h = value === 0 ? 0 : Math.max(1.5, (value / max) * (height - 2));
        // biome-ignore lint/suspicious/noArrayIndexKey: one bar per day, in order.
        return <rect key={i} className="sparkbars__bar" x={i * step} y={height - h} width={bar} height={h} rx={0.5} />;
      })}
      <line className="chart__axis" x1={0} x2={width} y1={height - 0.5} y2={height - 0.5} />
    </svg>
  );
}
