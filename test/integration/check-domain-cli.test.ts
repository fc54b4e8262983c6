import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dkimPublicKey } from '../../electron/mail/domain/check-domain';
import { type DnsServer, startDnsServer } from '../dns/dns-server';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'electron/bin/dripagent.mjs');
const dir = mkdtempSync(join(tmpdir(), 'dripagent-check-domain-'));
const key = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
const keyFile = join(dir, 'dkim.pem');
writeFileSync(keyFile, key);
const p = dkimPublicKey(key);

let dns: DnsServer;
beforeAll(async () => {
  dns = await startDnsServer({
    'acme.test': { TXT: ['v=spf1 a:smtp.mailer.test -all'], MX: [{ exchange: 'mx.acme.test', priority: 10 }] },
    'smtp.mailer.test': { A: ['192.0.2.10'] },
    'mail._domainkey.acme.test': { TXT: [[`v=DKIM1; k=rsa; p=${p.slice(0, 180)}`, p.slice(180)]] },
    '_dmarc.acme.test': { TXT: ['v=DMARC1; p=quarantine'] },
    'beta.test': { TXT: ['v=spf1 ip4:198.51.100.1 -all'] },
  });
});
afterAll(async () => {
  await dns.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The CLI as a child process; async, so this process's DNS server keeps answering meanwhile. */
async function cli(...args: string[]) {
  const env = {
    ...process.env,
    DRIPAGENT_SMTP_URL: 'smtp://smtp.mailer.test:587',
    DRIPAGENT_DKIM_DOMAIN: 'acme.test',
    DRIPAGENT_DKIM_SELECTOR: 'mail',
    DRIPAGENT_DKIM_PRIVATE_KEY_FILE: keyFile,
  };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, 'check-domain', ...args], {
      cwd: root,
      env,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

it('check-domain --json reports each record against the configuration in force and exits 0 when all pass', async () => {
  const { code, stdout } = await cli('acme.test', '--dns', dns.address, '--json', '--data', join(dir, 'data'));
  expect(code).toBe(0);
  const report = JSON.parse(stdout);
  expect(Object.keys(report)).toEqual(['domain', 'spf', 'dkim', 'dmarc', 'mx']);
  expect(report.domain).toBe('acme.test');
  for (const name of ['spf', 'dkim', 'dmarc', 'mx']) {
    expect(report[name]).toMatchObject({ status: 'pass', record: expect.any(String), advice: expect.any(String) });
  }
  expect(report.dkim.record).toBe(`v=DKIM1; k=rsa; p=${p}`);
});

it('check-domain exits 1 and says what to add when something fails', async () => {
  const { code, stdout } = await cli(
    'beta.test',
    '--dns',
    dns.address,
    '--selector',
    'mail',
    '--data',
    join(dir, 'data'),
  );
  expect(code).toBe(1);
  expect(stdout).toContain('Sending domain beta.test: SMTP host smtp.mailer.test, DKIM selector mail');
  expect(stdout).toMatch(/SPF +FAIL +v=spf1 ip4:198\.51\.100\.1 -all/);
  expect(stdout).toContain('Add: beta.test TXT "v=spf1 ip4:198.51.100.1 a:smtp.mailer.test -all"');
  expect(stdout).toMatch(/DMARC +MISSING/);
  expect(stdout).toContain('Add: _dmarc.beta.test TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@beta.test"');
});

it('check-domain names a bad --dns value', async () => {
  const { code, stderr } = await cli('acme.test', '--dns', 'my-dns', '--data', join(dir, 'data'));
  expect(code).toBe(1);
  expect(stderr).toContain('"my-dns" is not a DNS server address');
});
