#!/usr/bin/env node
// A real SMTP server in its own process for benchmarks and crash tests. Prints one JSON line per
// accepted message: {"t": receive time in ms, "messageId", "to", "subject"}, and "ready PORT" first.
import { SMTPServer } from 'smtp-server';

const port = Number(process.argv[2] ?? 0);
// Optional: wait this long before answering a message's DATA, like a slow remote server.
const replyDelayMs = Number(process.argv[3] ?? 0);
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onAuth: (_auth, _session, callback) => callback(null, { user: 'bench' }),
  onData(stream, session, callback) {
    let head = '';
    stream.on('data', (chunk) => {
      if (head.length < 8192) head += chunk.toString('utf8');
    });
    stream.on('end', () => {
      const header = head.split(/\r?\n\r?\n/)[0] ?? '';
      const unfolded = header.replace(/\r?\n[ \t]+/g, ' ');
      const field = (name) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(unfolded)?.[1]?.trim() ?? null;
      process.stdout.write(
        `${JSON.stringify({ t: Date.now(), messageId: field('Message-ID'), to: session.envelope.rcptTo.map((r) => r.address).join(','), subject: field('Subject') })}\n`,
      );
      if (replyDelayMs > 0) setTimeout(callback, replyDelayMs);
      else callback();
    });
  },
});
// A client killed mid-session resets its connection: that must not take the sink down.
server.on('error', () => {});
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`ready ${server.server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
