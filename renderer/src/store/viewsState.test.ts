import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../shared/api';
import { createAppStore } from './store';

/** A fake engine answering by handler name; records what was called. */
function fakeApi(answers: Record<string, (args: unknown) => unknown>) {
  const calls: { name: string; args: unknown }[] = [];
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
    on: () => () => {},
  } as unknown as ApiClient;
  return { api, calls };
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
