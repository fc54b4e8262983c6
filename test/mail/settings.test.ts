import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createFileSecretStore, SECRETS_FILE_NAME } from '../../electron/mail/settings/secret-store';
import { parseSmtpUrl, smtpConnectionOptions } from '../../electron/mail/settings/smtp-config';
import { createSafeStorageSecretStore, type SafeStorageLike } from '../../electron/shell/safe-storage-secret-store';
import { ApiCallError } from '../../shared/api/errors';
import { type CoreFixture, emailItem, mailCore, parse, type Sink, startSink, tempStore, waitUntil } from './fixtures';

const PASSWORD = 'pw-secret-123';
let sink: Sink;
let fixture: CoreFixture | undefined;

beforeEach(async () => {
  sink = await startSink({ password: PASSWORD });
});

afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
  await sink.close();
});

async function start(env: Record<string, string> = {}) {
  fixture = mailCore({ env });
  await fixture.core.mail.ready;
  return fixture;
}

async function deliver(f: CoreFixture, item = emailItem()) {
  f.core.store.outbox.add(item, Date.now());
  f.core.mail.sender.poke();
  await waitUntil(() => f.core.store.outbox.counts().pending === 0);
  return f.core.store.outbox.byKey(item.key);
}

const server = (overrides: Record<string, unknown> = {}) => ({
  host: '127.0.0.1',
  port: sink.port,
  secure: false,
  user: 'ada',
  password: PASSWORD,
  ...overrides,
});

describe('DRIPAGENT_SMTP_URL', () => {
  test.each([
    [
      'smtp://ada:pw@mail.example.com:587',
      { host: 'mail.example.com', port: 587, secure: false, user: 'ada', password: 'pw' },
    ],
    ['smtps://mail.example.com', { host: 'mail.example.com', port: 465, secure: true, user: null, password: null }],
    ['smtp://mail.example.com', { host: 'mail.example.com', port: 587, secure: false, user: null, password: null }],
    [
      'smtp://a%40b.io:p%2Fw%3A@[::1]:2525',
      { host: '::1', port: 2525, secure: false, user: 'a@b.io', password: 'p/w:' },
    ],
  ])('%s is read as host, port, TLS mode and decoded credentials', (url, expected) => {
    expect(parseSmtpUrl(url)).toEqual(expected);
  });

  test('TLS options ride in the query string', () => {
    expect(parseSmtpUrl('smtp://h?ignoreTLS=true&rejectUnauthorized=false')).toMatchObject({
      ignoreTLS: true,
      rejectUnauthorized: false,
    });
    expect(parseSmtpUrl('smtp://h?requireTLS=1')).toMatchObject({ requireTLS: true });
  });

  test('a loopback server may use a self-signed certificate, a remote one may not', () => {
    const base = { port: 587, secure: false, user: null, password: null };
    expect(smtpConnectionOptions({ ...base, host: '127.0.0.1' }).tls).toEqual({ rejectUnauthorized: false });
    expect(smtpConnectionOptions({ ...base, host: 'smtp.example.com' }).tls).toEqual({ rejectUnauthorized: true });
    expect(smtpConnectionOptions({ ...base, host: 'smtp.example.com', rejectUnauthorized: false }).tls).toEqual({
      rejectUnauthorized: false,
    });
  });

  test('mail reaches a stock smtp-server on loopback that offers STARTTLS with its own certificate', async () => {
    const stock = new SMTPServer({
      authOptional: true,
      logger: false,
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => callback());
      },
    });
    await new Promise<void>((resolve) => stock.listen(0, '127.0.0.1', resolve));
    const port = (stock.server.address() as AddressInfo).port;
    const f = await start({ DRIPAGENT_SMTP_URL: `smtp://127.0.0.1:${port}` });
    expect((await deliver(f))?.status).toBe('sent');
    await f.close();
    fixture = undefined;
    await new Promise<void>((resolve) => stock.close(() => resolve()));
  });

  test('a URL that is not smtp:// or smtps:// is refused with a message naming the variable', () => {
    expect(() => parseSmtpUrl('http://mail.example.com')).toThrow(/DRIPAGENT_SMTP_URL must start with smtp:\/\//);
    expect(() => parseSmtpUrl('not a url')).toThrow(/DRIPAGENT_SMTP_URL is not a URL/);
  });

  test('it wins over saved settings: mail goes to its server and Settings shows it as the source', async () => {
    const f = await start({ DRIPAGENT_SMTP_URL: `smtp://ada:${PASSWORD}@127.0.0.1:${sink.port}` });
    await f.api.call('mail.settings.save', server({ port: 1 }));
    expect((await deliver(f))?.status).toBe('sent');
    expect(sink.messages).toHaveLength(1);
    expect(f.core.store.inbox.count()).toBe(0);
    const view = await f.api.call('mail.settings.get');
    expect(view).toMatchObject({
      mode: 'smtp',
      source: 'env',
      smtp: { host: '127.0.0.1', user: 'ada', hasPassword: true },
    });
  });

  test('a malformed value stops the core from starting', () => {
    expect(() => mailCore({ env: { DRIPAGENT_SMTP_URL: 'ftp://nope' } })).toThrow(/must start with smtp:\/\//);
  });
});

describe('mail settings', () => {
  test('without settings mail goes to the dev inbox, and Settings says so', async () => {
    const f = await start();
    expect(await f.api.call('mail.settings.get')).toMatchObject({
      mode: 'dev-inbox',
      source: 'none',
      smtp: null,
      devInbox: { host: '127.0.0.1', port: f.core.mail.devInbox.port },
      secretStorage: 'file',
    });
  });

  test('mail.settings.save switches delivery from the dev inbox to the SMTP server at once', async () => {
    const f = await start();
    await deliver(f);
    expect(f.core.store.inbox.count()).toBe(1);
    const view = await f.api.call('mail.settings.save', server({ from: 'Acme <hi@acme.test>' }));
    expect(view).toMatchObject({ mode: 'smtp', source: 'settings', from: 'Acme <hi@acme.test>' });
    expect((await deliver(f))?.status).toBe('sent');
    expect(sink.messages).toHaveLength(1);
    expect(f.core.store.inbox.count()).toBe(1);
    expect(f.core.runtime.engine.config().defaultFrom).toBe('Acme <hi@acme.test>');
  });

  test('mail.settings.get never returns the password, only whether one is set', async () => {
    const f = await start();
    const saved = await f.api.call('mail.settings.save', server());
    const read = await f.api.call('mail.settings.get');
    for (const view of [saved, read]) {
      expect(JSON.stringify(view)).not.toContain(PASSWORD);
      expect(view.smtp).toEqual({ host: '127.0.0.1', port: sink.port, secure: false, user: 'ada', hasPassword: true });
    }
  });

  test('the password is kept in a 0600 file in the data folder, never in the database', async () => {
    const f = await start();
    await f.api.call('mail.settings.save', server());
    const file = join(f.dataDir, SECRETS_FILE_NAME);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ 'smtp.password': PASSWORD });
    for (const name of readdirSync(f.dataDir).filter((n) => n.startsWith('dripagent.db'))) {
      expect(readFileSync(join(f.dataDir, name)).includes(PASSWORD)).toBe(false);
    }
  });

  test('saving without a password keeps the stored one; an empty password removes it', async () => {
    const f = await start();
    await f.api.call('mail.settings.save', server());
    const { password: _omitted, ...withoutPassword } = server();
    expect((await f.api.call('mail.settings.save', withoutPassword)).smtp?.hasPassword).toBe(true);
    expect((await deliver(f))?.status).toBe('sent');
    expect((await f.api.call('mail.settings.save', server({ password: '' }))).smtp?.hasPassword).toBe(false);
  });

  test('mail.settings.test says ok for a reachable server and gives the server error for a wrong password', async () => {
    const f = await start();
    expect(await f.api.call('mail.settings.test', { server: server() })).toEqual({ ok: true });
    const wrong = await f.api.call('mail.settings.test', { server: server({ password: 'nope' }) });
    expect(wrong.ok).toBe(false);
    expect(wrong.ok === false && wrong.error).toMatch(/EAUTH.*535/);
  });

  test('mail.settings.test without a server checks what is in use, the dev inbox included', async () => {
    const f = await start();
    expect(await f.api.call('mail.settings.test')).toEqual({ ok: true });
    await f.api.call('mail.settings.save', server());
    expect(await f.api.call('mail.settings.test')).toEqual({ ok: true });
  });

  test('mail.settings.test of a server nobody listens on returns the connection error', async () => {
    const f = await start();
    await sink.close();
    const result = await f.api.call('mail.settings.test', { server: server() });
    expect(result.ok === false && result.error).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    sink = await startSink({ password: PASSWORD });
  });

  test('a wrong password is retried, not failed: fixing Settings lets the mail through', async () => {
    const f = await start();
    await f.api.call('mail.settings.save', server({ password: 'wrong' }));
    const item = emailItem();
    f.core.store.outbox.add(item, Date.now());
    f.core.mail.sender.poke();
    await waitUntil(() => (f.core.store.outbox.byKey(item.key)?.attempts ?? 0) === 1);
    const row = f.core.store.outbox.byKey(item.key);
    expect(row?.status).toBe('pending');
    expect(row?.lastError).toMatch(/EAUTH/);
  });

  test('mail.settings.clear forgets the server and password and goes back to the dev inbox', async () => {
    const f = await start();
    await f.api.call('mail.settings.save', server({ from: 'Acme <hi@acme.test>' }));
    const view = await f.api.call('mail.settings.clear');
    expect(view).toMatchObject({ mode: 'dev-inbox', source: 'none', smtp: null, from: 'Acme <hi@acme.test>' });
    expect(JSON.parse(readFileSync(join(f.dataDir, SECRETS_FILE_NAME), 'utf8'))).toEqual({});
    await deliver(f);
    expect(sink.messages).toHaveLength(0);
    expect(f.core.store.inbox.count()).toBe(1);
  });

  test('with a DKIM key saved, messages carry a DKIM-Signature that covers both unsubscribe headers', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const f = await start();
    const view = await f.api.call(
      'mail.settings.save',
      server({ dkim: { domain: 'acme.test', selector: 'drip', privateKey: pem } }),
    );
    expect(view.dkim).toEqual({ domain: 'acme.test', selector: 'drip', hasPrivateKey: true, source: 'settings' });
    expect(JSON.stringify(view)).not.toContain('PRIVATE KEY');
    await deliver(f);
    const parsed = await parse(sink.messages[0]?.raw ?? '');
    const signature = parsed.headerLines.find((h) => h.key === 'dkim-signature')?.line.replace(/\s+/g, '') ?? '';
    expect(signature).toContain('d=acme.test;');
    expect(signature).toContain('s=drip;');
    expect(signature.toLowerCase()).toMatch(/h=[^;]*list-unsubscribe:[^;]*list-unsubscribe-post/);
  });

  test('DKIM set by environment variables signs messages, with the key read from its PEM file', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyDir = mkdtempSync(join(tmpdir(), 'dripagent-dkim-'));
    const keyFile = join(keyDir, 'dkim.pem');
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    try {
      const f = await start({
        DRIPAGENT_SMTP_URL: `smtp://ada:${PASSWORD}@127.0.0.1:${sink.port}`,
        DRIPAGENT_DKIM_DOMAIN: 'env.test',
        DRIPAGENT_DKIM_SELECTOR: 'mail2026',
        DRIPAGENT_DKIM_PRIVATE_KEY_FILE: keyFile,
      });
      const view = await f.api.call('mail.settings.get');
      expect(view.dkim).toMatchObject({ domain: 'env.test', selector: 'mail2026', source: 'env' });
      await deliver(f);
      const parsed = await parse(sink.messages[0]?.raw ?? '');
      const signature = parsed.headerLines.find((h) => h.key === 'dkim-signature')?.line.replace(/\s+/g, '') ?? '';
      expect(signature).toContain('d=env.test;');
      expect(signature).toContain('s=mail2026;');
    } finally {
      rmSync(keyDir, { recursive: true, force: true });
    }
  });

  test('a DKIM key that is not a private key is refused', async () => {
    const f = await start();
    const bad = '-----BEGIN PRIVATE KEY-----\nnot base64\n-----END PRIVATE KEY-----';
    const error = await f.api
      .call('mail.settings.save', server({ dkim: { domain: 'acme.test', selector: 'drip', privateKey: bad } }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect((error as ApiCallError).error.message).toMatch(/DKIM private key could not be read/);
  });
});

describe('secret stores', () => {
  test('a secrets file found with wider permissions is narrowed to 0600 when opened', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dripagent-secrets-'));
    const file = join(dir, SECRETS_FILE_NAME);
    writeFileSync(file, '{"smtp.password":"x"}');
    chmodSync(file, 0o644);
    const secrets = createFileSecretStore(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(secrets.get('smtp.password')).toBe('x');
    rmSync(dir, { recursive: true, force: true });
  });

  test('the safeStorage store keeps only ciphertext in app_meta and decrypts it back', () => {
    const data = tempStore();
    const fake: SafeStorageLike = {
      isEncryptionAvailable: () => true,
      encryptString: (text) => Buffer.from(`enc:${[...text].reverse().join('')}`),
      decryptString: (buffer) => [...buffer.toString().slice(4)].reverse().join(''),
    };
    const fallback = createFileSecretStore(join(data.dir, SECRETS_FILE_NAME));
    const secrets = createSafeStorageSecretStore(fake, data.store.meta, fallback);
    expect(secrets.kind).toBe('safe-storage');
    secrets.set('smtp.password', PASSWORD);
    expect(data.store.meta.get('secret.smtp.password')).toBe(
      Buffer.from(`enc:${[...PASSWORD].reverse().join('')}`).toString('base64'),
    );
    expect(secrets.get('smtp.password')).toBe(PASSWORD);
    secrets.delete('smtp.password');
    expect(secrets.get('smtp.password')).toBeUndefined();
    data.cleanup();
  });

  test('without OS encryption the safeStorage store falls back to the 0600 file', () => {
    const data = tempStore();
    const fallback = createFileSecretStore(join(data.dir, SECRETS_FILE_NAME));
    const unavailable: SafeStorageLike = {
      isEncryptionAvailable: () => false,
      encryptString: () => Buffer.alloc(0),
      decryptString: () => '',
    };
    expect(createSafeStorageSecretStore(unavailable, data.store.meta, fallback)).toBe(fallback);
    data.cleanup();
  });
});
