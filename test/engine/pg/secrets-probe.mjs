// One "engine start" for pg-shared.test.ts: reads or creates the host's secrets on the database at
// argv[2] and prints them as JSON. Run as its own process, as engines are.
import { register } from 'tsx/esm/api';

register();
const { openPostgres } = await import('../../../electron/store/pg/pool.ts');
const { withSharedMeta } = await import('../../../electron/store/pg/shared-meta.ts');
const { hostSecrets } = await import('../../../electron/app/host-secrets.ts');
const pool = openPostgres(process.argv[2], { size: 1, engineId: `probe-${process.pid}` });
try {
  // Connected, then wait for the test's "go": the three starts then race for real.
  (await pool.connect()).release();
  process.stderr.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  process.stdin.destroy();
  process.stdout.write(JSON.stringify(await withSharedMeta(pool, (meta) => hostSecrets(meta, {}))));
} finally {
  await pool.end();
}
