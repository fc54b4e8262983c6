import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import nodemailer, { type Transporter } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { type AppCore, createAppCore } from '../../electron/app/core';
import type { Clock } from '../../electron/engine/clock';
import { readHeaders } from '../../electron/mail/dev-inbox/header-text';
import { createOutboxSender, type OutboxSender, type OutboxSenderOptions } from '../../electron/mail/outbox/sender';
import { createUnsubscribeLinks } from '../../electron/mail/unsubscribe/unsubscribe-links';
import { type NewOutboxItem, openStore, type Store } from '../../electron/store';
import { type ApiClient, createApiClient } from '../../shared/api/client';
import type { UserEvent } from '../../shared/engine/types';

export const T0 = Date.parse('2026-03-02T09:00:00Z');

/**
 * The whole app on `dataDir` (the repository's resources, no scheduler: time moves by hand), mailing
 * through the SMTP sink. Publishing journeys and closing are the caller's.
 */
export function sinkCore(dataDir: string, clock: Clock, sink: Pick<Sink, 'port'>, env: Record<string, string> = {}) {
  return createAppCore({
    dataDir,
    resourcesDir: join(import.meta.dirname, '../../resources'),
    host: 'server',
    clock,
    startScheduler: false,
    env: { DRIPAGENT_SMTP_URL: `smtp://127.0.0.1:${sink.port}`, ...env },
  });
}

/** A user who signed up at `at` and starts an integration then: the seed journey mails them at once. */
export const startsIntegration = (userId: string, email: string, at = T0): UserEvent[] => [
  {
    type: 'identify',
    userId,
    timestamp: at,
    traits: { email, createdAt: new Date(at).toISOString() },
    messageId: `i-${userId}`,
  },
  { type: 'track', event: 'integration_started', userId, timestamp: at, properties: {}, messageId: `s-${userId}` },
];

/** A clock that only moves when told to (structurally the engine's ManualClock). */
export class TestClock {
  constructor(public time = T0) {}
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

export interface SinkMessage {
  raw: string;
  from: string;
  to: string[];
  messageId: string | undefined;
}

/** What the sink answers to the next DATA: a reply code and text, e.g. `[451, '4.3.0 Try later']`. */
export type SinkRejection = [code: number, text: string];

/**
 * A real SMTP server on 127.0.0.1 that keeps what it accepts. `rejectNext` queues refusals;
 * `attempts` records the Message-ID of every DATA, accepted or not.
 */
export interface Sink {
  port: number;
  messages: SinkMessage[];
  attempts: (string | undefined)[];
  rejectNext(...rejections: SinkRejection[]): void;
  rejectAll(rejection: SinkRejection | undefined): void;
  /** Refuses RCPT TO for this address (e.g. `[550, '5.1.1 No such user']`) until told otherwise. */
  rejectRecipient(address: string, rejection: SinkRejection | undefined): void;
  /** Holds every RCPT TO (or the reply to DATA's final `.`) until `release()`; `reached` resolves when one waits. */
  hold(stage: 'rcpt' | 'data'): { reached: Promise<void>; release(): void };
  waitFor(count: number, timeoutMs?: number): Promise<SinkMessage[]>;
  close(): Promise<void>;
}

export async function startSink(options: { password?: string } = {}): Promise<Sink> {
  const messages: SinkMessage[] = [];
  const attempts: (string | undefined)[] = [];
  const queued: SinkRejection[] = [];
  let always: SinkRejection | undefined;
  const refusedRecipients = new Map<string, SinkRejection>();
  const holds: Partial<Record<'rcpt' | 'data', { gate: Promise<void>; arrived: () => void }>> = {};
  const wait = (stage: 'rcpt' | 'data') => {
    const hold = holds[stage];
    if (!hold) return Promise.resolve();
    hold.arrived();
    return hold.gate;
  };
  const server = new SMTPServer({
    authOptional: options.password === undefined,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 500,
    onAuth(auth, _session, callback) {
      if (auth.password === options.password) return callback(null, { user: auth.username });
      callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      void wait('rcpt').then(() => {
        const refused = refusedRecipients.get(address.address.toLowerCase());
        if (refused) return callback(Object.assign(new Error(refused[1]), { responseCode: refused[0] }));
        callback();
      });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        await wait('data');
        const raw = Buffer.concat(chunks).toString('utf8');
        const messageId = readHeaders(raw).get('message-id');
        attempts.push(messageId);
        const rejection = queued.shift() ?? always;
        if (rejection) return callback(Object.assign(new Error(rejection[1]), { responseCode: rejection[0] }));
        const mailFrom = session.envelope.mailFrom;
        messages.push({
          raw,
          from: mailFrom ? mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          messageId,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    messages,
    attempts,
    rejectNext: (...rejections) => void queued.push(...rejections),
    rejectAll(rejection) {
      always = rejection;
    },
    rejectRecipient(address, rejection) {
      if (rejection) refusedRecipients.set(address.toLowerCase(), rejection);
      else refusedRecipients.delete(address.toLowerCase());
    },
    hold(stage) {
      let release = () => {};
      let arrived = () => {};
      const gate = new Promise<void>((resolve) => {
        release = () => {
          delete holds[stage];
          resolve();
        };
      });
      const reached = new Promise<void>((resolve) => {
        arrived = resolve;
      });
      holds[stage] = { gate, arrived };
      return { reached, release };
    },
    waitFor: (count, timeoutMs = 10_000) =>
      waitUntil(() => messages.length >= count, timeoutMs, `${count} messages at the sink`).then(() => messages),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Polls `condition` every 10 ms. */
export async function waitUntil(condition: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function pooledTransporter(port: number, extra: Record<string, unknown> = {}): Transporter {
  return nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: 5,
    maxMessages: Number.POSITIVE_INFINITY,
    ...extra,
  });
}

export function tempStore(): { store: Store; dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'dripagent-mail-'));
  const store = openStore(dir);
  return {
    store,
    dir,
    cleanup() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let counter = 0;

export function emailItem(overrides: Partial<NewOutboxItem> & { to?: string; subject?: string } = {}): NewOutboxItem {
  const n = ++counter;
  const { to, subject, ...rest } = overrides;
  return {
    key: `run-${n}:hello:1`,
    runId: `run-${n}`,
    userId: `user-${n}`,
    journeyId: 'welcome',
    nodeId: 'hello',
    at: T0,
    payload: {
      kind: 'email',
      to: to ?? `user-${n}@example.com`,
      from: 'Acme <hello@acme.test>',
      subject: subject ?? `Welcome ${n}`,
      html: `<p>Hello ${n}</p>`,
      text: `Hello ${n}`,
    },
    ...rest,
  };
}

export function webhookItem(url: string, overrides: Partial<NewOutboxItem> = {}): NewOutboxItem {
  const n = ++counter;
  return {
    key: `run-${n}:hook:1`,
    runId: `run-${n}`,
    userId: `user-${n}`,
    journeyId: 'welcome',
    nodeId: 'hook',
    at: T0,
    payload: { kind: 'webhook', url, body: JSON.stringify({ n }), headers: { 'x-custom': 'yes' } },
    ...overrides,
  };
}

export const links = createUnsubscribeLinks({ secret: 'test-secret', baseUrl: 'http://127.0.0.1:4010' });

/** A sender on `store` with test-friendly defaults: no jitter, 1 s base backoff, no lease. */
export function testSender(
  store: Store,
  clock: TestClock,
  transport: OutboxSenderOptions['transport'],
  options: Partial<OutboxSenderOptions> = {},
): OutboxSender {
  return createOutboxSender({
    store,
    clock,
    transport,
    links,
    useLease: false,
    retry: { baseMs: 1000, maxMs: 60_000, maxAttempts: 5, jitter: 0 },
    ...options,
  });
}

export const parse = (raw: string) => simpleParser(raw);

export interface HookServer {
  url: string;
  requests: { headers: IncomingMessage['headers']; body: string }[];
  /** Answers in order; the last one repeats. */
  respond(...statuses: (number | 'hang')[]): void;
  close(): Promise<void>;
}

/** A node:http server that records POSTs and answers with queued statuses (or never). */
export async function startHookServer(): Promise<HookServer> {
  const requests: HookServer['requests'] = [];
  let statuses: (number | 'hang')[] = [200];
  const hanging: ServerResponse[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = statuses.length > 1 ? statuses.shift() : statuses[0];
      if (status === 'hang' || status === undefined) return void hanging.push(res);
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status >= 400 ? `status ${status}` : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    requests,
    respond(...next) {
      statuses = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface CoreFixture {
  core: AppCore;
  api: ApiClient;
  dataDir: string;
  close(): Promise<void>;
}

/** A whole app core (engine, mail, handlers) on a temp folder without example journeys, with a fixed environment. */
export function mailCore(options: { env?: Record<string, string>; clock?: TestClock } = {}): CoreFixture {
  const dir = mkdtempSync(join(tmpdir(), 'dripagent-mail-core-'));
  mkdirSync(join(dir, 'resources', 'journeys'), { recursive: true });
  const dataDir = join(dir, 'data');
  const core = createAppCore({
    dataDir,
    resourcesDir: join(dir, 'resources'),
    host: 'server',
    env: options.env ?? {},
    startScheduler: false,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const api = createApiClient({ call: (name, args) => core.registry.dispatch(name, args) });
  return {
    core,
    api,
    dataDir,
    async close() {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Adds outbox rows the way the engine does (then pokes) and waits until they are delivered. */
export async function deliverOutbox(core: AppCore, ...items: NewOutboxItem[]): Promise<void> {
  for (const item of items) core.store.outbox.add(item, Date.now());
  core.mail.sender.poke();
  await waitUntil(() => core.store.outbox.counts().pending === 0);
}
