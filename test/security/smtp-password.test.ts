import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ApiCallError } from '../../shared/api/errors';
import { type CoreFixture, mailCore, type Sink, startSink } from '../mail/fixtures';

const PASSWORD = 'pw-secret-123';

/** An SMTP server that records every password it is offered, as a server an attacker runs would. */
async function startRecorder() {
  const offered: string[] = [];
  const server = new SMTPServer({
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      offered.push(auth.password ?? '');
      callback(null, { user: auth.username });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, offered, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let sink: Sink;
let recorder: Awaited<ReturnType<typeof startRecorder>>;
let fixture: CoreFixture;

beforeEach(async () => {
  sink = await startSink({ password: PASSWORD });
  recorder = await startRecorder();
  fixture = mailCore();
  await fixture.core.mail.ready;
  await fixture.api.call('mail.settings.save', {
    host: '127.0.0.1',
    port: sink.port,
    secure: false,
    user: 'ada',
    password: PASSWORD,
  });
});
afterEach(async () => {
  await fixture.close();
  await sink.close();
  await recorder.close();
});

describe('the saved SMTP password stays with its server', () => {
  test('testing another host or port without typing a password never sends the saved one there', async () => {
    const result = await fixture.api.call('mail.settings.test', {
      server: { host: 'localhost', port: recorder.port, secure: false, user: 'ada' },
    });
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/only sent to the server it was saved for/) });
    expect(recorder.offered).toEqual([]);
  });

  test('another user name on the same server does not get it either', async () => {
    const result = await fixture.api.call('mail.settings.test', {
      server: { host: '127.0.0.1', port: sink.port, secure: false, user: 'mallory' },
    });
    expect(result.ok).toBe(false);
  });

  test('the same host, port and user still reuse it', async () => {
    expect(
      await fixture.api.call('mail.settings.test', {
        server: { host: '127.0.0.1', port: sink.port, secure: false, user: 'ada' },
      }),
    ).toEqual({ ok: true });
  });

  test('a typed password is used as typed', async () => {
    await fixture.api.call('mail.settings.test', {
      server: { host: '127.0.0.1', port: recorder.port, secure: false, user: 'ada', password: 'typed-now' },
    });
    expect(recorder.offered).toEqual(['typed-now']);
  });

  test('saving another server while keeping the saved password is refused, and nothing changes', async () => {
    const refused = await fixture.api
      .call('mail.settings.save', { host: '127.0.0.1', port: recorder.port, secure: false, user: 'ada' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiCallError);
    expect((refused as ApiCallError).error.code).toBe('conflict');
    const view = await fixture.api.call('mail.settings.get');
    expect(view.smtp).toMatchObject({ host: '127.0.0.1', port: sink.port, hasPassword: true });
  });
});
