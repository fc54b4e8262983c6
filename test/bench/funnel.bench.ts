import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEmailRoleIndex } from '../../electron/metrics/email-role-index';
import { runFunnelReport } from '../../electron/metrics/funnel-report';
import { openStore } from '../../electron/store';
import { openDatabase } from '../../electron/store/database';
import { storeFunnelData } from './funnel-data';

const DAY = 86_400_000;

/**
 * `npm run bench -- funnel [USERS] [EVENTS_PER_USER]`: 100k generated users with 10 events each
 * (1M events), then the funnel report (by role, with an activation event) against a raw scan of
 * the same rows: every stored event's user, name, time and body, in storage order, through
 * better-sqlite3 on the same database, in the same run. Last line: {"ratio","events_per_s"}.
 */
export async function main(args: string[]): Promise<void> {
  const users = Number(args[0] ?? 100_000);
  const perUser = Number(args[1] ?? 10);
  const dir = mkdtempSync(join(tmpdir(), 'dripagent-bench-funnel-'));
  const start = Date.parse('2026-01-01T00:00:00Z');
  const span = 60 * DAY;
  try {
    const store = openStore(dir);
    const loadStart = performance.now();
    const events = storeFunnelData(store, users, perUser, start, span);
    console.log(
      `stored ${events.toLocaleString()} events of ${users.toLocaleString()} users in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`,
    );
    store.close();

    // Both sides read a freshly opened database, one after the other, twice; the better run counts.
    const scan = () => {
      const db = openDatabase(join(dir, 'dripagent.db'));
      const t = performance.now();
      let rows = 0;
      let bytes = 0;
      for (const row of db.prepare('SELECT user_id, name, ts, body FROM events ORDER BY seq').raw().iterate()) {
        rows++;
        bytes += (row as [string, string, number, string])[3].length;
      }
      const seconds = (performance.now() - t) / 1000;
      db.close();
      return { seconds, rows, bytes };
    };
    const report = async () => {
      const reader = openStore(dir);
      const t = performance.now();
      const result = await runFunnelReport(reader.reports.funnel, await buildEmailRoleIndex(reader.journeys), {
        from: start - DAY,
        to: start + span + DAY,
        by: 'role',
        activationEvent: 'sync_completed',
      });
      const seconds = (performance.now() - t) / 1000;
      reader.close();
      return { seconds, result };
    };
    let scanSeconds = Number.POSITIVE_INFINITY;
    let reportSeconds = Number.POSITIVE_INFINITY;
    let last: Awaited<ReturnType<typeof report>>['result'] | undefined;
    for (let round = 0; round < 2; round++) {
      const s = scan();
      scanSeconds = Math.min(scanSeconds, s.seconds);
      console.log(`raw ordered scan: ${s.rows.toLocaleString()} rows in ${s.seconds.toFixed(2)} s`);
      const r = await report();
      reportSeconds = Math.min(reportSeconds, r.seconds);
      last = r.result;
      console.log(`funnel report by role: ${r.seconds.toFixed(2)} s`);
    }
    for (const g of last?.report.groups ?? []) {
      console.log(
        `  ${g.key}: started ${g.started}, connected ${g.connected} (${((g.start_to_connected_rate ?? 0) * 100).toFixed(1)}%), median sign-up→connected ${((g.signup_to_connected_ms.median ?? 0) / 3_600_000).toFixed(1)} h`,
      );
    }
    const ratio = reportSeconds / scanSeconds;
    console.log(`ratio report / scan: ${ratio.toFixed(2)} (goal <= 3)`);
    console.log(JSON.stringify({ ratio: Number(ratio.toFixed(3)), events_per_s: Math.round(events / reportSeconds) }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
