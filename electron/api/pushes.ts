import { MAX_PUSHED_IDS } from '../../shared/api/events';
import type { Touched } from '../engine/engine';
import type { StoreChanges } from '../store';
import type { EventBus } from './events';

/** Changes gather this long before one push per kind goes out: a burst of events is one push. */
export const PUSH_DELAY_MS = 250;
/** How often to look for writes by another process on the same data folder. */
export const ELSEWHERE_CHECK_MS = 2_000;
/** Where the SMTP settings are kept (electron/mail/settings.ts); test/api/pushes.test.ts checks it. */
const MAIL_SETTINGS_KEY = 'mail.settings';

export interface PushesOptions {
  delayMs?: number;
  elsewhereMs?: number;
}

/** Turns what was written into the pushes windows listen to (see shared/api/events.ts). */
export interface Pushes {
  /** What one engine commit changed (events, traits, runs, emails). */
  engineChanged(touched: Touched): void;
  close(): void;
}

/** A set of ids that gives up listing past MAX_PUSHED_IDS and says `more` instead. */
function idSet() {
  let ids = new Set<string>();
  let more = false;
  return {
    add(id: string) {
      if (more) return;
      ids.add(id);
      if (ids.size > MAX_PUSHED_IDS) {
        more = true;
        ids = new Set();
      }
    },
    all() {
      more = true;
      ids = new Set();
    },
    /** What gathered since the last take, or undefined when nothing did. */
    take(): { ids: string[]; more: boolean } | undefined {
      if (!more && ids.size === 0) return undefined;
      const taken = { ids: [...ids], more };
      ids = new Set();
      more = false;
      return taken;
    },
  };
}

/**
 * Pushes data changes to open windows instead of having them poll: the engine's commits and the
 * store's other writes (deliveries, the dev inbox, SMTP settings) gather for `delayMs`, then go
 * out as at most one `people.changed`, `runs.changed`, `inbox.changed` and `mail.settings.changed`.
 * Writes by another process on the data folder are noticed every `elsewhereMs` and refresh all.
 * @example
 * const pushes = startPushes(bus, store.changes);
 * createEngine({ store, clock, onChanged: (touched) => pushes.engineChanged(touched) });
 */
export function startPushes(bus: EventBus, changes: StoreChanges, options: PushesOptions = {}): Pushes {
  const delayMs = options.delayMs ?? PUSH_DELAY_MS;
  const users = idSet();
  const journeys = idSet();
  let inbox = false;
  let mailSettings = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    timer = undefined;
    const people = users.take();
    if (people) bus.emit('people.changed', { userIds: people.ids, more: people.more });
    const runs = journeys.take();
    if (runs) bus.emit('runs.changed', { journeyIds: runs.ids, more: runs.more });
    if (inbox) bus.emit('inbox.changed', {});
    if (mailSettings) bus.emit('mail.settings.changed', {});
    inbox = false;
    mailSettings = false;
  };
  const soon = () => {
    if (timer) return;
    timer = setTimeout(flush, delayMs);
    // A push on its way never keeps a finishing process (a CLI import) alive.
    timer.unref();
  };

  const unsubscribe = changes.subscribe((change) => {
    if (change.kind === 'person') {
      users.add(change.userId);
      // A delivery in a journey changes what its live view counts (failing webhooks).
      if (change.journeyId !== undefined) journeys.add(change.journeyId);
    } else if (change.kind === 'inbox') inbox = true;
    else if (change.key === MAIL_SETTINGS_KEY) mailSettings = true;
    else return;
    soon();
  });
  const elsewhere = setInterval(() => {
    let changed: boolean;
    try {
      changed = changes.changedElsewhere();
    } catch (error) {
      // A timer must never take the host down: stop looking, windows still hear this process's writes.
      clearInterval(elsewhere);
      console.error('Pushes stopped looking for writes by other processes:', error);
      return;
    }
    if (!changed) return;
    users.all();
    journeys.all();
    inbox = true;
    mailSettings = true;
    soon();
  }, options.elsewhereMs ?? ELSEWHERE_CHECK_MS);
  elsewhere.unref();

  return {
    engineChanged(touched) {
      for (const userId of touched.users) users.add(userId);
      for (const journeyId of touched.journeys) journeys.add(journeyId);
      soon();
    },
    close() {
      unsubscribe();
      clearInterval(elsewhere);
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
