import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../shared/api';
import { createAppStore } from './store';

/** A fake engine answering by handler name; records what was called; `push` plays a push. */
function fakeApi(answers: Record<string, (args: unknown) => unknown>) {
  const calls: { name: string; args: unknown }[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const answer = async (name: string, args: unknown) => {
    calls.push({ name, args });
    const handler = answers[name];
    if (!handler) throw new Error(`unexpected call ${name}`);
    return handler(args);
  };
  const api = {
    call: answer,
    async callResult(name: string, args: unknown) {
      try {
        return { ok: true, result: await answer(name, args) };
      } catch (error) {
        return { ok: false, error: { code: 'handler_error', message: (error as Error).message } };
      }
    },
    on(event: string, listener: (payload: unknown) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  } as unknown as ApiClient;
  const push = (event: string, payload: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  /** The names called since the last look. */
  const called = () => calls.splice(0).map((call) => call.name);
  return { api, calls, push, called };
}

const summary = {
  id: 'setup',
  name: 'Setup',
  status: 'live',
  updatedAt: '',
  latestVersion: 1,
  hasUnpublishedChanges: false,
};

describe('live runs', () => {
  it('counts people by step, leaving out empty steps', async () => {
    const { api } = fakeApi({
      'runs.overview': () => ({
        nodes: [
          { nodeId: 'wait', active: 3 },
          { nodeId: 'gone', active: 0 },
        ],
        active: 3,
        done: 5,
      }),
    });
    const store = createAppStore(api);
    await store.getState().loadLiveOverview('setup');
    expect(store.getState().liveOverview).toEqual({ journeyId: 'setup', atNode: { wait: 3 }, active: 3, done: 5 });
  });

  it('follows pushes: counts again when people moved in this journey, not in another', async () => {
    const { api, push, called } = fakeApi({ 'runs.overview': () => ({ nodes: [], active: 1, done: 0 }) });
    const store = createAppStore(api);
    const stop = store.getState().watchLiveOverview('setup');
    expect(called()).toEqual(['runs.overview']);
    push('runs.changed', { journeyIds: ['other'], more: false });
    expect(called()).toEqual([]);
    push('runs.changed', { journeyIds: ['other', 'setup'], more: false });
    push('runs.changed', { journeyIds: [], more: true });
    expect(called()).toEqual(['runs.overview', 'runs.overview']);
    stop();
    push('runs.changed', { journeyIds: ['setup'], more: false });
    expect(called()).toEqual([]);
  });

  it('pausing marks the journey paused in the list without waiting for a refetch', async () => {
    const { api, calls } = fakeApi({
      'journey.pause': () => ({ paused: true }),
      'runs.overview': () => ({ nodes: [], active: 0, done: 0 }),
    });
    const store = createAppStore(api);
    store.setState({ journeyList: [summary as never] });
    await store.getState().setJourneyRunning('setup', false);
    expect(store.getState().journeyList[0]?.status).toBe('paused');
    expect(calls[0]).toEqual({ name: 'journey.pause', args: { id: 'setup' } });
  });
});

describe('the dev inbox', () => {
  it('opens the newest email when none is open, and keeps the open one when more arrive', async () => {
    let messages = [{ id: 1, messageId: null, from: 'a', to: 'b', subject: 'First', receivedAt: '' }];
    const { api } = fakeApi({
      'inbox.list': () => ({ messages, total: messages.length }),
      'inbox.get': (args) => ({ id: (args as { id: number }).id, subject: `#${(args as { id: number }).id}` }),
    });
    const store = createAppStore(api);
    await store.getState().loadInbox();
    await expect.poll(() => store.getState().inboxMessage?.id).toBe(1);
    messages = [{ ...messages[0], id: 2, subject: 'Second' } as (typeof messages)[number], ...messages];
    await store.getState().loadInbox();
    expect(store.getState().inboxMessages.map((m) => m.id)).toEqual([2, 1]);
    expect(store.getState().inboxSelectedId).toBe(1);
  });
});

describe('following pushes', () => {
  it('the inbox loads again when an email lands, the SMTP settings when they change', async () => {
    const { api, push, called } = fakeApi({
      'inbox.list': () => ({ messages: [], total: 0 }),
      'mail.settings.get': () => ({ mode: 'dev-inbox' }),
    });
    const store = createAppStore(api);
    const stops = [store.getState().watchInbox(), store.getState().watchMailSettings()];
    expect(called()).toEqual(['inbox.list', 'mail.settings.get']);
    push('inbox.changed', {});
    push('mail.settings.changed', {});
    expect(called()).toEqual(['inbox.list', 'mail.settings.get']);
    for (const stop of stops) stop();
  });

  it('the engine’s counts load again when people or runs change', async () => {
    const { api, push, called } = fakeApi({ 'engine.status': () => ({}) });
    const store = createAppStore(api);
    const stop = store.getState().watchEngineStatus();
    push('people.changed', { userIds: ['ada'], more: false });
    push('runs.changed', { journeyIds: ['setup'], more: false });
    expect(called()).toEqual(['engine.status', 'engine.status', 'engine.status']);
    stop();
  });

  it('people search again on any change; the open person’s story loads again only when theirs changed', async () => {
    const { api, push, called } = fakeApi({
      'users.search': () => ({ users: [] }),
      'user.trace': () => ({ userId: 'ada', traits: {}, runs: [], timeline: [] }),
    });
    const store = createAppStore(api);
    await store.getState().selectPerson('ada');
    const stop = store.getState().watchPeople();
    expect(called()).toEqual(['user.trace', 'users.search', 'user.trace']);
    push('people.changed', { userIds: ['bo'], more: false });
    expect(called()).toEqual(['users.search']);
    push('people.changed', { userIds: ['bo', 'ada'], more: false });
    expect(called()).toEqual(['users.search', 'user.trace']);
    push('people.changed', { userIds: [], more: true });
    expect(called()).toEqual(['users.search', 'user.trace']);
    stop();
  });
});

describe('people', () => {
  it('shows only the answer to the newest search when searches overlap', async () => {
    const release: (() => void)[] = [];
    const { api } = fakeApi({
      'users.search': (args) =>
        new Promise((resolve) =>
          release.push(() =>
            resolve({ users: [{ userId: (args as { query: string }).query, traits: {}, lastSeen: 0 }] }),
          ),
        ),
    });
    const store = createAppStore(api);
    const first = store.getState().searchPeople('a');
    const second = store.getState().searchPeople('ad');
    release[1]?.();
    await second;
    release[0]?.();
    await first;
    expect(store.getState().people.map((p) => p.userId)).toEqual(['ad']);
  });
});

describe('what the host offers', () => {
  it('an engine of several has no dev inbox: the app learns it from app.info', async () => {
    for (const devInbox of [true, false]) {
      const { api } = fakeApi({ 'app.info': () => ({ devInbox }) });
      const store = createAppStore(api);
      expect(store.getState().hostHasDevInbox).toBe(true);
      await store.getState().loadHostInfo();
      expect(store.getState().hostHasDevInbox).toBe(devInbox);
    }
  });
});
