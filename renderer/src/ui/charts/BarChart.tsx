import './charts.css';
import { AxisBottom } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar } from '@visx/shape';
import { ChartSvg, ValueAxis } from './frame';
import { useWidth } from './useWidth';

export interface BarDatum {
  label: string;
  value: number;
  /** A second line under the bar's value, e.g. the drop-off from the previous bar. */
  note?: string;
}

const MARGIN = { top: 22, right: 12, bottom: 44, left: 48 };

/**
 * Vertical bars with their values written on them. The SVG is an image with a title and a
 * description listing every value; the numbers are also in a table next to each chart.
 */
export function BarChart({
  title,
  data,
  height = 240,
  format = (n) => n.toLocaleString('en-US'),
  testId,
}: {
  title: string;
  data: readonly BarDatum[];
  height?: number;
  format?: (n: number) => string;
  testId?: string;
}) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const innerWidth = Math.max(10, width - MARGIN.left - MARGIN.right);
  const innerHeight = height - MARGIN.top - MARGIN.bottom;
  const x = scaleBand({ domain: data.map((d) => d.label), range: [0, innerWidth], padding: 0.28 });
  const max = Math.max(1, ...data.map((d) => d.value));
  const y = scaleLinear({ domain: [0, max], range: [innerHeight, 0], nice: true });
  const description = data.map((d) => `${d.label}: ${format(d.value)}${d.note ? ` (${d.note})` : ''}`).join('; ');
  return (
    <div className="chart" ref={ref} data-testid={testId}>
      <ChartSvg width={width} height={height} title={title} description={description}>
        <Group left={MARGIN.left} top={MARGIN.top}>
          <ValueAxis scale={y} width={innerWidth} format={format} />
          {data.map((d) => {
            const left = x(d.label) ?? 0;
            const top = y(d.value);
            return (
              <g key={d.label}>
                <Bar className="chart__bar" x={left} y={top} width={x.bandwidth()} height={innerHeight - top} rx={3} />
                <text className="chart__value" x={left + x.bandwidth() / 2} y={top - 6} textAnchor="middle">
                  {format(d.value)}
                </text>
                {d.note && (
                  <text className="chart__note" x={left + x.bandwidth() / 2} y={innerHeight + 32} textAnchor="middle">
                    {d.note}
                  </text>
                )}
              </g>
            );
          })}
          <AxisBottom
            top={innerHeight}
            scale={x}
            hideTicks
            axisLineClassName="chart__axis"
            tickLabelProps={{ className: 'chart__tick', textAnchor: 'middle' }}
          />
        </Group>
      </ChartSvg>
    </div>
  );
}
