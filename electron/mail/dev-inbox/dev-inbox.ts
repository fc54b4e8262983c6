import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { InboxOrigin, InboxRepo } from '../../store/inbox-repo';
import { decodeEncodedWords, readHeaders } from './header-text';

export interface DevInboxOptions {
  inbox: InboxRepo;
  now: () => number;
  /** Loopback only: the dev inbox accepts mail from anyone who can reach it. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  maxMessageBytes?: number;
  /** The journey, step and user a message was sent for, from its Message-ID; none when omitted. */
  originOf?: (messageId: string | null) => InboxOrigin | null;
}

export interface DevInbox {
  /** Listens; resolves with the port. */
  start(): Promise<number>;
  /** The port once started, else null. */
  readonly port: number | null;
  readonly host: string;
  close(): Promise<void>;
}

/**
 * The built-in inbox used until SMTP is configured: a real SMTP server on a loopback port that
 * stores every message, raw, as the recipient would receive it. Nothing leaves the machine.
 * @example const inbox = createDevInbox({ inbox: store.inbox, now: Date.now }); const port = await inbox.start();
 */
export function createDevInbox(options: DevInboxOptions): DevInbox {
  const host = options.host ?? '127.0.0.1';
  const maxBytes = options.maxMessageBytes ?? 25 * 1024 * 1024;
  let port: number | null = null;
  let listening: Promise<number> | undefined;
  let closing: Promise<void> | undefined;

  const server = new SMTPServer({
    name: 'dripagent.local',
    banner: 'DripAgent dev inbox',
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    size: maxBytes,
    logger: false,
    // The pool's idle connections are ours; do not wait 30 s for them on shutdown.
    closeTimeout: 2000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          const error = Object.assign(new Error(`Message larger than ${maxBytes} bytes`), { responseCode: 552 });
          return callback(error);
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const headers = readHeaders(raw);
        const mailFrom = session.envelope.mailFrom;
        try {
          const messageId = headers.get('message-id') ?? null;
          options.inbox.add({
            messageId,
            origin: options.originOf?.(messageId) ?? null,
            mailFrom: mailFrom ? mailFrom.address : '',
            rcptTo: session.envelope.rcptTo.map((r) => r.address).join(', '),
            subject: decodeEncodedWords(headers.get('subject') ?? ''),
            raw,
            receivedAt: options.now(),
          });
        } catch (error) {
          // A closed or locked database: ask the sender to try again rather than lose the message.
          return callback(
            Object.assign(new Error(`Could not store the message: ${(error as Error).message}`), { responseCode: 451 }),
          );
        }
        callback();
      });
    },
  });
  server.on('error', (error) => console.error('Dev inbox error:', error));

  return {
    host,
    get port() {
      return port;
    },
    start() {
      listening ??= new Promise<number>((resolve, reject) => {
        if (closing) return reject(new Error('The dev inbox was closed'));
        server.server.once('error', reject);
        server.listen(options.port ?? 0, host, () => {
          server.server.off('error', reject);
          port = (server.server.address() as AddressInfo).port;
          resolve(port);
        });
      });
      return listening;
    },
    close() {
      // Closing while it starts: wait for the listen, then close, so no server is left behind.
      closing ??= (listening ?? Promise.resolve())
        .catch(() => undefined)
        .then(() => (port === null ? undefined : new Promise<void>((resolve) => server.close(() => resolve()))));
      return closing;
    },
  };
}
