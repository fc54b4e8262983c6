import './charts.css';
import { AxisBottom } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleLinear, scalePoint } from '@visx/scale';
import { LinePath } from '@visx/shape';
import { ChartSvg, ValueAxis } from './frame';
import { useWidth } from './useWidth';

export interface LinePoint {
  label: string;
  /** Null: nothing to measure at this point (the line skips it). */
  value: number | null;
}

const MARGIN = { top: 20, right: 20, bottom: 32, left: 48 };

/** A line over labelled points (e.g. weeks), with each value written above its dot. */
export function LineChart({
  title,
  data,
  height = 220,
  max = 1,
  format,
  testId,
}: {
  title: string;
  data: readonly LinePoint[];
  height?: number;
  max?: number;
  format: (n: number) => string;
  testId?: string;
}) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const innerWidth = Math.max(10, width - MARGIN.left - MARGIN.right);
  const innerHeight = height - MARGIN.top - MARGIN.bottom;
  const x = scalePoint({ domain: data.map((d) => d.label), range: [0, innerWidth], padding: 0.5 });
  const y = scaleLinear({ domain: [0, max], range: [innerHeight, 0] });
  const points = data.filter((d): d is { label: string; value: number } => d.value !== null);
  // Every label fits at about 64 px each; past that, every n-th one.
  const every = Math.max(1, Math.ceil((data.length * 64) / innerWidth));
  const description = data.map((d) => `${d.label}: ${d.value === null ? 'no data' : format(d.value)}`).join('; ');
  return (
    <div className="chart" ref={ref} data-testid={testId}>
      <ChartSvg width={width} height={height} title={title} description={description}>
        <Group left={MARGIN.left} top={MARGIN.top}>
          <ValueAxis scale={y} width={innerWidth} format={format} />
          <LinePath className="chart__line" data={points} x={(d) => x(d.label) ?? 0} y={(d) => y(d.value)} />
          {points.map((d) => (
            <g key={d.label}>
              <circle className="chart__dot" cx={x(d.label) ?? 0} cy={y(d.value)} r={4} />
              {points.length <= 16 && (
                <text className="chart__value" x={x(d.label) ?? 0} y={y(d.value) - 9} textAnchor="middle">
                  {format(d.value)}
                </text>
              )}
            </g>
          ))}
          <AxisBottom
            top={innerHeight}
            scale={x}
            hideTicks
            axisLineClassName="chart__axis"
            tickFormat={(label) => (data.findIndex((d) => d.label === label) % every === 0 ? String(label) : '')}
            tickLabelProps={{ className: 'chart__tick', textAnchor: 'middle' }}
          />
        </Group>
      </ChartSvg>
    </div>
  );
}
