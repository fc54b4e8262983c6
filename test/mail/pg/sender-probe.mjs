// One engine's sender for pg-sender.test.ts, in its own process so the test can SIGKILL it
// mid-send: drains the outbox of the database at argv[2] to the SMTP server on port argv[3] until
// killed. Claims last argv[4] ms.
import { register } from 'tsx/esm/api';

register();
const nodemailer = (await import('nodemailer')).default;
const { openPostgres } = await import('../../../electron/store/pg/pool.ts');
const { createPgSender } = await import('../../../electron/mail/outbox/pg-sender.ts');
const { smtpTransport } = await import('../../../electron/mail/outbox/transport.ts');
const { createUnsubscribeLinks } = await import('../../../electron/mail/unsubscribe/unsubscribe-links.ts');

const [url, port, claimMs] = process.argv.slice(2);
const pool = openPostgres(url, { size: 4, engineId: `sender-${process.pid}` });
const transporter = nodemailer.createTransport({
  host: '127.0.0.1',
  port: Number(port),
  secure: false,
  ignoreTLS: true,
  pool: true,
  maxConnections: 5,
  maxMessages: Number.POSITIVE_INFINITY,
});
const sender = createPgSender({
  pool,
  senderId: `sender-${process.pid}`,
  clock: { now: () => Date.now() },
  transport: smtpTransport(transporter),
  links: createUnsubscribeLinks({ secret: 'test-secret', baseUrl: 'http://127.0.0.1:4010' }),
  claimMs: Number(claimMs),
  recoverEveryMs: 200,
  pollMs: 100,
});
sender.start();
process.stdout.write('sending\n');
