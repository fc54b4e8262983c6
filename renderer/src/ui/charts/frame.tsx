import { AxisLeft } from '@visx/axis';
import type { scaleLinear } from '@visx/scale';
import { type ReactNode, useId } from 'react';

type LinearScale = ReturnType<typeof scaleLinear<number>>;

/** A chart's SVG: an image named by its title and described by its numbers in words, for screen readers. */
export function ChartSvg({
  width,
  height,
  title,
  description,
  children,
}: {
  width: number;
  height: number;
  title: string;
  description: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <svg width={width} height={height} role="img" aria-labelledby={`${id}-t ${id}-d`}>
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{description}</desc>
      {children}
    </svg>
  );
}

/** Horizontal grid lines and the value axis on the left, four ticks. */
export function ValueAxis({
  scale,
  width,
  format,
}: {
  scale: LinearScale;
  width: number;
  format: (n: number) => string;
}) {
  return (
    <>
      {scale.ticks(4).map((tick) => (
        <line key={tick} className="chart__grid" x1={0} x2={width} y1={scale(tick)} y2={scale(tick)} />
      ))}
      <AxisLeft
        scale={scale}
        numTicks={4}
        tickFormat={(v) => format(Number(v))}
        hideAxisLine
        hideTicks
        tickLabelProps={{ className: 'chart__tick', textAnchor: 'end', dx: -4, dy: 3 }}
      />
    </>
  );
}
