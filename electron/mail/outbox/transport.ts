import { Readable } from 'node:stream';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import DKIMModule from 'nodemailer/lib/dkim';
import type { MailConfig } from '../settings/mail-settings';
import { type DkimKey, dkimOptions, SMTP_TIMEOUTS, smtpConnectionOptions } from '../settings/smtp-config';

/**
 * Sends one message. `onHandoff` runs synchronously once the whole message is handed over and just
 * before the end of DATA (the final `.`) is written: the server cannot have accepted the message
 * before it ran. If it throws, the message is abandoned without the final `.`, so it is not delivered
 * (the attempt then fails as a timeout and is retried).
 */
/**
 * What runs right before a message's final `.`: a plain function records the handoff in the few
 * microseconds before the `.` (SQLite, same process); `beforeDot` holds the `.` until its promise
 * settles, and a rejection abandons the message (a database across the network, whose answer
 * also says whether this sender may still send it).
 */
export type Handoff = (() => void) | { beforeDot: () => Promise<void> };

export interface MailTransport {
  send(message: SendMailOptions, onHandoff: Handoff, callback: (error: Error | null) => void): void;
}

/**
 * nodemailer's DKIM signer. Under Node's ESM loader (tests, `dripagent serve`) the default import is
 * the class; in the esbuild CommonJS bundle of the desktop app it is the module object holding it.
 */
const DKIM = (DKIMModule as unknown as { default?: typeof DKIMModule }).default ?? DKIMModule;

/**
 * 10 parallel connections; 100 messages per connection before it is replaced (servers often cap a
 * session). A session sends one message at a time, a round trip per command: 5 carried about 350
 * emails/s here, so after a burst at 300 emails/s the backlog took ten seconds to drain (`npm run
 * bench -- latency 30 3000`: p99 1.0–2.4 s; with 10, 0.66–1.1 s).
 */
export const SMTP_POOL = { maxConnections: 10, maxMessages: 100 };
/** Our own loopback server has no per-session limit: reconnecting would only cost time. */
export const DEV_INBOX_POOL = { ...SMTP_POOL, maxMessages: Number.POSITIVE_INFINITY };

/** nodemailer options for where `config` says mail goes; `devInboxPort` when that is the dev inbox. */
export function transportOptions(config: MailConfig, devInboxPort: number | null, pool: boolean) {
  if (config.route.kind === 'smtp') {
    return { ...smtpConnectionOptions(config.route.server), ...(pool ? { pool, ...SMTP_POOL } : {}) };
  }
  if (devInboxPort === null) throw new Error('The dev inbox is not running');
  return {
    host: '127.0.0.1',
    port: devInboxPort,
    secure: false,
    ignoreTLS: true,
    ...SMTP_TIMEOUTS,
    ...(pool ? { pool, ...DEV_INBOX_POOL } : {}),
  };
}

export const createTransporter = (options: ReturnType<typeof transportOptions>): Transporter =>
  nodemailer.createTransport(options);

/**
 * The last stage of a message stream: passes `input` on only as fast as the SMTP connection reads
 * it (which starts after the server's `354`), and calls `onHandoff` as it ends. The connection pipes
 * this stream into nodemailer's DATA encoder, whose end writes the final `.`; our `end` listener runs
 * first, so `onHandoff` returns a few microseconds before the `.` reaches the socket (measured here:
 * ~4 µs median, ~10 µs p99, against ~30-600 µs when called from `_read` before `push(null)`).
 */
export function handoffStage(input: Readable, onHandoff: Handoff): Readable {
  let inputEnded = false;
  let waiting = false;
  let destination: NodeJS.WritableStream | undefined;
  const output = new Readable({
    read: () => drain(),
    destroy(error, callback) {
      input.destroy(error ?? undefined);
      callback(error);
    },
  });
  // Remember who reads us, to withhold the final `.` from it when the handoff cannot be recorded.
  const pipe = output.pipe.bind(output);
  output.pipe = <T extends NodeJS.WritableStream>(target: T, options?: { end?: boolean }): T => {
    destination = target;
    return pipe(target, options);
  };
  const abandon = (error: unknown) => {
    // Destroyed before its end, the encoder never writes the `.`: the server discards the message,
    // the connection times out and the row is retried.
    console.error('Could not record a handoff; the message is abandoned:', error);
    (destination as unknown as { destroy?: () => void } | undefined)?.destroy?.();
  };
  if (typeof onHandoff === 'function') {
    output.prependListener('end', () => {
      try {
        onHandoff();
      } catch (error) {
        abandon(error);
      }
    });
  }
  let ending = false;
  const end = () => {
    if (typeof onHandoff === 'function') return output.push(null);
    // The body is all through; the `.` waits for the handoff to be recorded.
    if (ending) return;
    ending = true;
    onHandoff.beforeDot().then(
      () => output.push(null),
      (error: unknown) => abandon(error),
    );
  };
  const drain = () => {
    waiting = false;
    for (let chunk = input.read() as Buffer | null; chunk !== null; chunk = input.read() as Buffer | null) {
      if (!output.push(chunk)) return;
    }
    if (inputEnded) end();
    else waiting = true;
  };
  input.on('readable', () => waiting && drain());
  input.once('end', () => {
    inputEnded = true;
    if (waiting) drain();
  });
  input.once('error', (error) => output.destroy(error));
  return output;
}

/** Where a message's handoff callback rides through nodemailer, from sendMail to the stream plugin. */
const HANDOFF_KEY = 'dripagentOnHandoff';

/**
 * Makes `handoffStage` the last stage of every message sent with a handoff callback, after the DKIM
 * signature. DKIM is signed here rather than through nodemailer's `dkim` option: that one would run
 * after our stage and read it to the end long before the server's `354`.
 */
function installHandoffPlugin(transporter: Transporter, dkim: DkimKey | null): void {
  const signer = dkim ? new DKIM(dkimOptions(dkim)) : undefined;
  transporter.use('stream', (mail, done) => {
    const onHandoff = (mail.data as Record<string, unknown>)[HANDOFF_KEY];
    if (typeof onHandoff === 'function' || (typeof onHandoff === 'object' && onHandoff !== null)) {
      if (signer) mail.message.processFunc((input: Readable) => signer.sign(input) as unknown as Readable);
      mail.message.processFunc((input: Readable) => handoffStage(input, onHandoff as Handoff));
    }
    done();
  });
}

/** A nodemailer transporter (pooled, usually) as a MailTransport, signing with `dkim` when given. */
export function smtpTransport(transporter: Transporter, dkim: DkimKey | null = null): MailTransport {
  installHandoffPlugin(transporter, dkim);
  return {
    send(message, onHandoff, callback) {
      transporter.sendMail({ ...message, [HANDOFF_KEY]: onHandoff } as SendMailOptions, (error) => callback(error));
    },
  };
}

/**
 * The sender's transport, swappable while it runs: after a settings change new messages take the
 * new pool and the old one closes once its messages are through.
 */
export interface SwitchableTransport extends MailTransport {
  replace(next: Transporter, dkim: DkimKey | null): void;
  close(): Promise<void>;
}

const RETIRE_CHECK_MS = 100;
const RETIRE_LIMIT_MS = 60_000;

export function createSwitchableTransport(initial: Transporter, dkim: DkimKey | null): SwitchableTransport {
  let current = { transporter: initial, transport: smtpTransport(initial, dkim) };
  const pending = new Map<Transporter, number>();
  const settle = (transporter: Transporter, delta: number) =>
    pending.set(transporter, (pending.get(transporter) ?? 0) + delta);

  const retire = (transporter: Transporter) =>
    new Promise<void>((resolve) => {
      const started = Date.now();
      const check = () => {
        if ((pending.get(transporter) ?? 0) === 0 || Date.now() - started > RETIRE_LIMIT_MS) {
          transporter.close();
          pending.delete(transporter);
          return resolve();
        }
        setTimeout(check, RETIRE_CHECK_MS).unref();
      };
      check();
    });

  return {
    send(message, onHandoff, callback) {
      const { transporter, transport } = current;
      settle(transporter, 1);
      transport.send(message, onHandoff, (error) => {
        settle(transporter, -1);
        callback(error);
      });
    },
    replace(next, nextDkim) {
      const previous = current.transporter;
      current = { transporter: next, transport: smtpTransport(next, nextDkim) };
      void retire(previous);
    },
    close: () => retire(current.transporter),
  };
}
