import { afterEach, describe, expect, test } from 'vitest';
import { traceUser } from '../../electron/engine/trace';
import { isSingleAddress } from '../../shared/engine/email-address';
import { engineFixture, identify, track } from '../engine/harness';
import { emailItem, mailCore, type Sink, startSink, waitUntil } from '../mail/fixtures';

describe('the email trait is exactly one address', () => {
  test.each([
    ['ann@example.com', true],
    ['ann.lee+setup@mail.example.co.uk', true],
    ['a@example.com>, <victim@evil.example', false],
    ['a@example.com, victim@evil.example', false],
    ['Ann <ann@example.com>', false],
    ['not-an-email', false],
    ['ann@localhost', false],
    ['nul\u0000@example.com', false],
    ['bell\u0007@example.com', false],
    ['del\u007f@example.com', false],
    ['ann @example.com', false],
    ['ann@example.com\r\nBcc: victim@evil.example', false],
    [`${'a'.repeat(250)}@example.com`, false],
  ])('%s → %s', (value, expected) => {
    expect(isSingleAddress(value)).toBe(expected);
  });

  test('a list in the trait is not sent, with reason invalid_email in the trace', () => {
    const fixture = engineFixture(['integration-setup']);
    try {
      fixture.engine.ingest([
        identify('mallory', { email: 'a@example.com>, <victim@evil.example' }),
        track('mallory', 'integration_started', 1000, { integration_type: 'stripe' }),
        identify('plain', { email: 'not-an-email' }),
        track('plain', 'integration_started', 1000, { integration_type: 'stripe' }),
      ]);
      expect(fixture.store.outbox.counts().pending).toBe(0);
      for (const userId of ['mallory', 'plain']) {
        const trace = traceUser(fixture.store, userId);
        expect(trace.outcomes).toContainEqual(expect.objectContaining({ type: 'skip', reason: 'invalid_email' }));
        expect(JSON.stringify(trace)).toMatch(/is not a valid email address/);
      }
    } finally {
      fixture.close();
    }
  });
});

describe('the sender refuses a queued list address', () => {
  let sink: Sink | undefined;
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    await sink?.close();
  });

  test('a row queued with two recipients fails without reaching the SMTP server', async () => {
    sink = await startSink();
    const fixture = mailCore({ env: { DRIPAGENT_SMTP_URL: `smtp://127.0.0.1:${sink.port}` } });
    close = fixture.close;
    await fixture.core.mail.ready;
    const item = emailItem({ to: 'a@example.com>, <victim@evil.example' });
    fixture.core.store.outbox.add(item, Date.now());
    fixture.core.mail.sender.poke();
    await waitUntil(() => fixture.core.store.outbox.byKey(item.key)?.status === 'failed');
    expect(fixture.core.store.outbox.byKey(item.key)?.lastError).toMatch(/not one valid address/);
    expect(sink.messages).toEqual([]);
  });
});
