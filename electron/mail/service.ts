import { join } from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { UserEvent } from '../../shared/engine/types';
import type { Route } from '../api/http/router';
import type { Clock } from '../engine/clock';
import type { Store } from '../store';
import { createDevInbox, type DevInbox } from './dev-inbox/dev-inbox';
import { createOriginFinder } from './dev-inbox/origin';
import { createOutboxSender, type OutboxSender, type OutboxSenderOptions } from './outbox/sender';
import {
  createSwitchableTransport,
  createTransporter,
  type SwitchableTransport,
  transportOptions,
} from './outbox/transport';
import { createMailSettings, type MailConfig, type MailEnvironment, type MailSettings } from './settings/mail-settings';
import { createFileSecretStore, SECRETS_FILE_NAME, type SecretStore } from './settings/secret-store';
import { readSendingRate, type SendingRate, saveSendingRate } from './settings/sending-rate';
import { dkimOptions, type SmtpServer } from './settings/smtp-config';
import { verifySmtp } from './settings/verify-smtp';
import { postmarkRoute, webhookSecret } from './suppression/postmark-route';
import { createSuppressions, type Suppressions } from './suppression/suppressions';
import { createHitRecorder } from './tracking/record-click';
import { createTrackingLinks, type TrackingLinks, trackingSecret } from './tracking/tracking-links';
import { trackingRoutes } from './tracking/tracking-routes';
import { createUnsubscribeLinks, type UnsubscribeLinks, unsubscribeSecret } from './unsubscribe/unsubscribe-links';
import { unsubscribeRoutes } from './unsubscribe/unsubscribe-routes';

export type UnsubscribeListener = (userId: string, reason: string) => void;

export interface MailServiceOptions {
  store: Store;
  dataDir: string;
  clock: Clock;
  /** `process.env` by default; see MailEnvironment and DRIPAGENT_PUBLIC_URL. */
  env?: MailEnvironment & { DRIPAGENT_PUBLIC_URL?: string; DRIPAGENT_WEBHOOK_SECRET?: string };
  /** Where passwords go; a 0600 file in the data folder by default (headless). */
  secrets?: SecretStore;
  /** The base of unsubscribe links when it is not the host's own URL (a public domain in front of it). */
  publicBaseUrl?: string;
  /** Tuning and test hooks passed to the sender. */
  sender?: Partial<Omit<OutboxSenderOptions, 'store' | 'clock' | 'transport' | 'links'>>;
  /** Stores events (`email_clicked`, `email_opened`) through the engine, so journeys and People see them. */
  ingest?: (events: UserEvent[]) => void;
}

export interface MailService {
  links: UnsubscribeLinks;
  /** Click and open links of tracked emails. */
  tracking: TrackingLinks;
  /** Addresses never mailed again (bounces, complaints). */
  suppressions: Suppressions;
  /** The sending rate limit in force (see settings/sending-rate.ts). */
  sendingRate(): SendingRate;
  saveSendingRate(rate: SendingRate): SendingRate;
  /** Where Postmark posts bounces and spam complaints (the path carries the webhook secret). */
  webhookUrl(): string;
  settings: MailSettings;
  /** The engine calls `sender.poke()` after committing outbox rows. */
  sender: OutboxSender;
  devInbox: DevInbox;
  /** Resolves when the dev inbox listens and the sender runs; rejects when the dev inbox could not start. */
  ready: Promise<void>;
  /** The public routes: unsubscribe links `/u/:token`, tracked links `/c/:token` and `/o/:token`, the Postmark webhook. */
  routes(): Route[];
  /** The host's URL, once it listens: the base of unsubscribe links unless a public one is configured. */
  setHostUrl(url: string): void;
  baseUrl(): string;
  /** The From used when neither node nor journey sets one (Settings or DRIPAGENT_MAIL_FROM), if any. */
  defaultFrom(): string | null;
  current(): MailConfig;
  /** Builds a new pool from the current settings (after save/clear) and tells `onReconfigure` listeners. */
  reconfigure(): void;
  /** e.g. the engine's default From follows Settings. @returns a function that removes the listener */
  onReconfigure(listener: () => void): () => void;
  /**
   * Sends one message straight through the configured SMTP server or the dev inbox, outside the
   * outbox: nothing is recorded, counted or suppressed (test sends).
   */
  sendDirect(message: SendMailOptions): Promise<{ ok: true; messageId: string } | { ok: false; error: string }>;
  /** Connects and authenticates without sending; `server` tests unsaved settings. */
  testConnection(server?: SmtpServer): Promise<{ ok: true } | { ok: false; error: string }>;
  /** Records the unsubscribe and tells the listeners; returns false when the user already was. */
  unsubscribe(userId: string, reason: string): boolean;
  /** @returns a function that removes the listener */
  onUnsubscribe(listener: UnsubscribeListener): () => void;
  close(): Promise<void>;
}

const FALLBACK_BASE_URL = 'http://127.0.0.1:4010';
const RATE_CACHE_MS = 1000;

/**
 * Mail out for one data folder: settings, the dev inbox, the outbox sender and unsubscribe links.
 * Starts the dev inbox and the sender at once; `close()` stops both and waits for messages in flight.
 * @example
 * const mail = createMailService({ store, dataDir, clock: systemClock });
 * await mail.ready; store.outbox.add(item, Date.now()); mail.sender.poke();
 */
export function createMailService(options: MailServiceOptions): MailService {
  const { store, clock } = options;
  const env = options.env ?? (process.env as MailServiceOptions['env'] & object);
  const secrets = options.secrets ?? createFileSecretStore(join(options.dataDir, SECRETS_FILE_NAME));
  const settings = createMailSettings({ meta: store.meta, secrets, env });
  // Fail at startup, not at the first send, when DRIPAGENT_SMTP_URL is malformed.
  settings.resolve();
  let hostUrl: string | undefined;
  // Read once: every email asks for it, and process.env is slow to read.
  const publicUrl = env.DRIPAGENT_PUBLIC_URL;
  const baseUrl = () => publicUrl || options.publicBaseUrl || hostUrl || FALLBACK_BASE_URL;
  const links = createUnsubscribeLinks({ secret: unsubscribeSecret(store.meta), baseUrl });
  const tracking = createTrackingLinks({ secret: trackingSecret(store.meta), baseUrl });
  // Tracked links must reach the host from the recipient's mail client: only with a public address
  // (or in the dev inbox, read on this machine). Otherwise links go out as written, never dead.
  let route: MailConfig['route']['kind'] = 'dev-inbox';
  const trackLinks = () => Boolean(publicUrl || options.publicBaseUrl) || route === 'dev-inbox';
  const suppressions = createSuppressions({ store, clock });
  const hookSecret = webhookSecret(store.meta, env);
  // Read before every email: cached for a second, which also picks up a save by another process.
  let rate = { value: readSendingRate(store.meta), readAt: Date.now() };
  const sendingRate = () => {
    if (Date.now() - rate.readAt > RATE_CACHE_MS) rate = { value: readSendingRate(store.meta), readAt: Date.now() };
    return rate.value;
  };
  const devInbox = createDevInbox({ inbox: store.inbox, now: () => clock.now(), originOf: createOriginFinder(store) });
  const listeners = new Set<UnsubscribeListener>();
  const reconfigureListeners = new Set<() => void>();

  let transport: SwitchableTransport | undefined;
  const build = (pool: boolean, config = settings.resolve()) =>
    createTransporter(transportOptions(config, devInbox.port, pool));

  // Until the dev inbox listens there is nothing to send to: the sender only starts once it does.
  const sender = createOutboxSender({
    ...options.sender,
    store,
    clock,
    links,
    tracking,
    trackLinks,
    suppressions,
    rate: sendingRate,
    transport: {
      send: (message, onHandoff, callback) =>
        transport ? transport.send(message, onHandoff, callback) : callback(new Error('Mail is not ready yet')),
    },
  });

  let closed = false;
  // A dev inbox that cannot listen only matters while mail goes there (then building the transport throws).
  const ready = devInbox
    .start()
    .then(
      () => undefined,
      (error: unknown) => console.error('The dev inbox could not start:', error),
    )
    .then(() => {
      if (closed) return;
      const config = settings.resolve();
      route = config.route.kind;
      transport = createSwitchableTransport(build(true, config), config.dkim);
      sender.start();
    });
  ready.catch((error: unknown) => console.error('Mail is not sent:', error));

  const record = createHitRecorder({ store, clock, ingest: (events) => options.ingest?.(events) });
  const service: MailService = {
    links,
    tracking,
    suppressions,
    sendingRate,
    saveSendingRate(next) {
      rate = { value: saveSendingRate(store.meta, next), readAt: Date.now() };
      sender.poke();
      return next;
    },
    webhookUrl: () => `${baseUrl().replace(/\/+$/, '')}/webhooks/postmark/${hookSecret}`,
    settings,
    sender,
    devInbox,
    ready,
    routes: () => [
      ...unsubscribeRoutes({ links, unsubscribe: (userId, reason) => service.unsubscribe(userId, reason) }),
      ...trackingRoutes({ links: tracking, record }),
      postmarkRoute({ secret: () => hookSecret, suppressions }),
    ],
    setHostUrl(url) {
      hostUrl = url;
    },
    baseUrl,
    defaultFrom: () => settings.resolve().from,
    current: () => settings.resolve(),
    reconfigure() {
      if (transport) {
        const config = settings.resolve();
        route = config.route.kind;
        transport.replace(build(true, config), config.dkim);
      }
      for (const listener of [...reconfigureListeners]) listener();
      sender.poke();
    },
    onReconfigure(listener) {
      reconfigureListeners.add(listener);
      return () => reconfigureListeners.delete(listener);
    },
    async sendDirect(message) {
      let transporter: ReturnType<typeof build> | undefined;
      try {
        const config = settings.resolve();
        // Signed like real mail, so a test shows what receivers will see.
        const dkim = config.dkim ? { dkim: dkimOptions(config.dkim) } : {};
        transporter = nodemailer.createTransport({ ...transportOptions(config, devInbox.port, false), ...dkim });
        const info = (await transporter.sendMail(message)) as { messageId?: string };
        return { ok: true, messageId: info.messageId ?? '' };
      } catch (error) {
        const e = error as Error & { response?: string; code?: string };
        return { ok: false, error: [e.code, e.response ?? e.message].filter(Boolean).join(': ') };
      } finally {
        transporter?.close();
      }
    },
    testConnection(server) {
      const current = settings.resolve();
      const config: MailConfig = server ? { ...current, route: { kind: 'smtp', source: 'settings', server } } : current;
      return verifySmtp(config, devInbox.port);
    },
    unsubscribe(userId, reason) {
      const added = store.unsubscribes.add(userId, reason, clock.now());
      if (added) {
        for (const listener of [...listeners]) {
          try {
            listener(userId, reason);
          } catch (error) {
            console.error(`An unsubscribe listener failed for ${userId}:`, error);
          }
        }
      }
      return added;
    },
    onUnsubscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      await sender.stop();
      await transport?.close();
      await devInbox.close();
    },
  };
  return service;
}
