import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type CoreFixture, deliverOutbox, emailItem, mailCore } from './fixtures';

let fixture: CoreFixture;

beforeEach(async () => {
  fixture = mailCore();
  await fixture.core.mail.ready;
  // The journey the emails below come from, with a title on its email step.
  const nodes = [{ id: 'hello', type: 'email', title: 'Say hello', position: { x: 0, y: 0 }, config: {} }];
  fixture.core.store.journeys.saveDraft({ id: 'welcome', name: 'Welcome series', json: JSON.stringify({ nodes }) });
});

afterEach(() => fixture.close());

const deliver = (...items: ReturnType<typeof emailItem>[]) => deliverOutbox(fixture.core, ...items);

describe('the dev inbox knows where each email came from', () => {
  test('each message names its journey, step and user', async () => {
    await deliver(emailItem({ userId: 'ada', to: 'ada@example.com', subject: 'Welcome, Ada' }));
    const { messages } = await fixture.api.call('inbox.list');
    expect(messages[0]?.origin).toEqual({
      journeyId: 'welcome',
      journeyName: 'Welcome series',
      nodeId: 'hello',
      stepTitle: 'Say hello',
      userId: 'ada',
    });
  });

  test('a message from a journey that no longer exists shows its ids', async () => {
    await deliver(emailItem({ journeyId: 'gone', nodeId: 'last_call', userId: 'bo' }));
    const { messages } = await fixture.api.call('inbox.list');
    expect(messages[0]?.origin).toMatchObject({ journeyName: 'gone', stepTitle: 'last_call', userId: 'bo' });
  });

  test('lists by journey, by user, and by words in the subject or recipient, with the matching total', async () => {
    await deliver(
      emailItem({ userId: 'ada', to: 'ada@example.com', subject: 'Welcome, Ada' }),
      emailItem({ userId: 'bo', to: 'bo@example.com', subject: 'Your API key' }),
      emailItem({ userId: 'ada', to: 'ada@example.com', subject: 'Your API key', journeyId: 'setup', nodeId: 'help' }),
    );
    const subjects = async (filter: { search?: string; journeyId?: string; userId?: string }) => {
      const { messages, total } = await fixture.api.call('inbox.list', filter);
      return { subjects: messages.map((m) => `${m.origin?.userId} ${m.subject}`), total };
    };
    expect(await subjects({ journeyId: 'welcome' })).toEqual({
      subjects: ['bo Your API key', 'ada Welcome, Ada'],
      total: 2,
    });
    expect(await subjects({ userId: 'ada' })).toEqual({ subjects: ['ada Your API key', 'ada Welcome, Ada'], total: 2 });
    expect(await subjects({ search: 'api KEY' })).toMatchObject({ total: 2 });
    expect(await subjects({ search: 'bo@' })).toEqual({ subjects: ['bo Your API key'], total: 1 });
    expect(await subjects({ search: 'key', journeyId: 'setup', userId: 'ada' })).toMatchObject({ total: 1 });
    // Wildcards typed in the box mean themselves.
    expect(await subjects({ search: '%' })).toMatchObject({ total: 0 });
  });
});
