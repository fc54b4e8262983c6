import './charts.css';
import { Group } from '@visx/group';
import { scaleLinear } from '@visx/scale';
import { Bar } from '@visx/shape';
import { wilsonInterval } from '../../../../shared/metrics/interval';
import { ChartSvg } from './frame';
import { useWidth } from './useWidth';

export interface RateRow {
  label: string;
  users: number;
  converted: number;
}

const LABEL = 150;
const ROW = 34;

/**
 * Horizontal bars of conversion rates, each with its 95% interval (Wilson) as a whisker: how sure
 * each group's rate is, at a glance.
 */
export function RateBars({ title, rows, testId }: { title: string; rows: readonly RateRow[]; testId?: string }) {
  const [ref, width] = useWidth<HTMLDivElement>(320);
  const inner = Math.max(40, width - LABEL - 56);
  const x = scaleLinear({ domain: [0, 1], range: [0, inner] });
  const height = rows.length * ROW + 8;
  const pct = (n: number) => `${Math.round(n * 100)}%`;
  const description = rows
    .map((r) => {
      const ci = wilsonInterval(r.converted, r.users);
      return `${r.label}: ${r.users > 0 ? pct(r.converted / r.users) : 'no users'} of ${r.users} (95% interval ${pct(ci.lower)} to ${pct(ci.upper)})`;
    })
    .join('; ');
  return (
    <div className="chart" ref={ref} data-testid={testId}>
      <ChartSvg width={width} height={height} title={title} description={description}>
        {rows.map((r, i) => {
          const rate = r.users > 0 ? r.converted / r.users : 0;
          const ci = wilsonInterval(r.converted, r.users);
          const mid = i * ROW + ROW / 2;
          return (
            <Group key={r.label} top={0}>
              <text className="chart__label" x={0} y={mid + 4}>
                {r.label}
              </text>
              <rect className="chart__track" x={LABEL} y={mid - 8} width={inner} height={16} rx={3} />
              <Bar className={`chart__bar chart__bar--${i}`} x={LABEL} y={mid - 8} width={x(rate)} height={16} rx={3} />
              {r.users > 0 && (
                <g className="chart__whisker">
                  <line x1={LABEL + x(ci.lower)} x2={LABEL + x(ci.upper)} y1={mid} y2={mid} />
                  <line x1={LABEL + x(ci.lower)} x2={LABEL + x(ci.lower)} y1={mid - 5} y2={mid + 5} />
                  <line x1={LABEL + x(ci.upper)} x2={LABEL + x(ci.upper)} y1={mid - 5} y2={mid + 5} />
                </g>
              )}
              <text className="chart__value" x={LABEL + inner + 8} y={mid + 4}>
                {r.users > 0 ? pct(rate) : '–'}
              </text>
            </Group>
          );
        })}
      </ChartSvg>
    </div>
  );
}
