import { describe, expect, test } from 'vitest';
import { bounceOf, classifySmtpError } from '../../electron/mail/outbox/delivery-result';
import { messageIdFor } from '../../electron/mail/outbox/message-id';
import { retryDelay } from '../../electron/mail/outbox/retry';

describe('SMTP errors', () => {
  test.each([
    [{ code: 'EMESSAGE', responseCode: 451, response: '451 4.3.0 Try later' }, 'transient'],
    [{ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 No such user' }, 'permanent'],
    [{ code: 'EMESSAGE', responseCode: 554, response: '554 5.7.1 Rejected as spam' }, 'permanent'],
    [{ code: 'EPROTOCOL', responseCode: 503, response: '503 Bad sequence' }, 'transient'],
    [{ code: 'EAUTH', responseCode: 535, response: '535 Invalid login' }, 'transient'],
    [{ code: 'ECONNECTION', message: 'connect ECONNREFUSED 127.0.0.1:1' }, 'transient'],
    [{ code: 'ETIMEDOUT', message: 'Greeting never received' }, 'transient'],
    [{ code: 'EENVELOPE', message: 'No recipients defined' }, 'permanent'],
    [new Error('something else'), 'transient'],
  ])('%j is %s', (error, outcome) => {
    expect(classifySmtpError(error).outcome).toBe(outcome);
  });

  test("the recorded error names the code, the command and the server's reply", () => {
    const error = { code: 'EENVELOPE', command: 'RCPT TO', responseCode: 550, response: '550 5.1.1 No such user' };
    expect(classifySmtpError(error).error).toBe('EENVELOPE (RCPT TO) 550 5.1.1 No such user');
  });
});

describe('bounces', () => {
  test.each([
    ['RCPT TO', 550, '550 5.1.1 No such user', 'hard'],
    ['RCPT TO', 550, '550 No such user', 'hard'],
    ['RCPT TO', 452, '452 4.2.2 Mailbox full', 'soft'],
    ['RCPT TO', 554, '554 5.7.1 Rejected as spam', undefined],
    ['DATA', 552, '552 5.2.2 Mailbox full', 'hard'],
    // A refusal of the message's content says nothing of the address: never a reason to suppress it.
    ['DATA', 554, '554 Message rejected: content', undefined],
    ['DATA', 550, '550 5.6.0 Bad content', undefined],
  ] as const)('%s %i "%s" is %s', (command, responseCode, response, expected) => {
    expect(bounceOf({ command, responseCode, response })).toBe(expected);
  });
});

describe('backoff', () => {
  const policy = { baseMs: 30_000, maxMs: 3_600_000, maxAttempts: 10, jitter: 0.2 };

  test('doubles from the base after each failure and stops at the maximum', () => {
    const exact = { ...policy, jitter: 0 };
    expect([1, 2, 3, 4, 10].map((n) => retryDelay(n, exact))).toEqual([30_000, 60_000, 120_000, 240_000, 3_600_000]);
  });

  test('jitter spreads a delay by at most the configured fraction', () => {
    expect(retryDelay(1, policy, () => 0)).toBe(24_000);
    expect(retryDelay(1, policy, () => 1)).toBe(36_000);
  });
});

describe('Message-ID', () => {
  test("is the same for the same key, differs between keys and uses the sender's domain", () => {
    expect(messageIdFor('run-1:a:1', 'hi@acme.io')).toBe(messageIdFor('run-1:a:1', 'Acme <hi@acme.io>'));
    expect(messageIdFor('run-1:a:1', 'hi@acme.io')).not.toBe(messageIdFor('run-1:a:2', 'hi@acme.io'));
    expect(messageIdFor('k', 'Acme <hi@ACME.io>')).toMatch(/^<[0-9a-f]{32}@acme\.io>$/);
    expect(messageIdFor('k', 'nobody')).toMatch(/@dripagent\.local>$/);
  });
});
