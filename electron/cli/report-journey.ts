import type { JourneyResults } from '../../shared/metrics/journey-results-types';
import { journeyResults } from '../metrics/journey-results';
import { percent } from './percent';
import { periodFromFlags } from './period';
import { withReportSources } from './report-sources';

/** `dripagent report journey ID`: who entered, how they left, what each email did, and the lift. */
export async function reportJourney(id: string | undefined, flags: Record<string, string[]>): Promise<number> {
  if (!id) {
    process.stderr.write('Usage: dripagent report journey ID [--data DIR] [--from ISO] [--to ISO] [--json]\n');
    return 1;
  }
  let period: { from: number; to: number };
  try {
    period = periodFromFlags(flags, Date.now());
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
  return withReportSources(flags, async ({ sources }) => {
    const results = await journeyResults(sources.reports.journey, sources.journeys, { journeyId: id, ...period });
    if (!results) {
      const known = (await sources.journeys.list()).map((j) => j.id);
      process.stderr.write(`There is no journey "${id}". Journeys: ${known.join(', ') || 'none'}.\n`);
      return 1;
    }
    process.stdout.write(flags.json ? `${JSON.stringify(results)}\n` : resultsText(results));
    return 0;
  });
}

function resultsText(r: JourneyResults): string {
  const lines = [
    `${r.journey.name} (${r.journey.id}): people who entered in [${r.from}, ${r.to})`,
    `  entered ${r.entered}, still in it ${r.active}, finished ${r.finished}`,
  ];
  for (const exit of r.exits) {
    lines.push(
      `  left: ${exit.reason} ${exit.runs} (${exit.endReasons.map((e) => `${e.endReason} ${e.runs}`).join(', ')})`,
    );
  }
  for (const held of r.held_back)
    lines.push(`  held back: ${held.reason} ${held.users} users (${held.reasons.join(', ')})`);
  lines.push(r.goal ? `Goal: ${r.goal.event} within ${r.goal.within}` : 'Goal: none set (Settings → Goal)');
  for (const m of r.messages) {
    const skipped = m.skipped.map((s) => `${s.reason} ${s.count}`).join(', ');
    const goal = m.recipients === null ? '' : `, goal ${m.converted}/${m.recipients} (${percent(m.conversion_rate)})`;
    const clicked = m.clicks?.count ? `, clicked by ${m.clicks.people} (${percent(m.clicks.rate)})` : '';
    lines.push(
      `  ${m.kind} ${m.nodeId}: sent ${m.sent}, delivered ${m.delivered}, failed ${m.failed}, pending ${m.pending}${skipped ? `, skipped ${skipped}` : ''}${goal}${clicked}`,
    );
    for (const link of m.clicks?.links ?? []) lines.push(`    ${link.url}: ${link.clicks} clicks by ${link.people}`);
  }
  if (r.holdout) {
    lines.push(`Holdout ${r.holdout.percent}%: ${r.holdout.comparison?.sentence ?? 'set a goal to compare.'}`);
  }
  for (const split of r.splits) for (const c of split.comparisons) lines.push(`Split ${split.nodeId}: ${c.sentence}`);
  return `${lines.join('\n')}\n`;
}
