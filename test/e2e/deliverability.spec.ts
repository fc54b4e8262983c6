import { generateKeyPairSync } from 'node:crypto';
import { dkimPublicKey } from '../../electron/mail/domain/check-domain';
import { startDnsServer } from '../dns/dns-server';
import { callApi, postBatch, SETUP_SUBJECT } from './engine';
import { expect, test } from './fixtures';
import { DomainCheckPage } from './pages/DomainCheckPage';
import { InboxPage } from './pages/InboxPage';
import { NavPage } from './pages/NavPage';

const WIDTHS = [1280, 1440];

test('the domain check shows a failing domain with the records to add, then a passing one; the journey list warns only while it fails', async ({
  app,
  server,
}, testInfo) => {
  const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  const p = dkimPublicKey(privateKey);
  // Mail goes out through 127.0.0.1 and is signed with selector `drip`; nothing is sent in this test.
  await callApi(server, 'mail.settings.save', {
    host: '127.0.0.1',
    port: 2525,
    secure: false,
    from: 'Acme <hello@acme.test>',
    dkim: { domain: 'acme.test', selector: 'drip', privateKey },
  });
  const dns = await startDnsServer({
    'beta.test': { TXT: ['v=spf1 ip4:198.51.100.7 -all'] },
    'acme.test': { TXT: ['v=spf1 ip4:127.0.0.1 -all'], MX: [{ exchange: 'mx.acme.test', priority: 10 }] },
    'drip._domainkey.acme.test': { TXT: [[`v=DKIM1; k=rsa; p=${p.slice(0, 200)}`, p.slice(200)]] },
    '_dmarc.acme.test': { TXT: ['v=DMARC1; p=reject; rua=mailto:dmarc@acme.test'] },
  });
  try {
    await app.open();
    await expect(app.page.getByTestId('domain-warning')).toHaveCount(0);
    const domain = new DomainCheckPage(app.page);
    await domain.open();
    await domain.check({ domain: 'beta.test', dns: dns.address });
    await expect(domain.record('spf')).toHaveAttribute('data-status', 'fail');
    await expect(domain.toAdd('spf')).toHaveText('beta.test TXT "v=spf1 ip4:198.51.100.7 ip4:127.0.0.1 -all"');
    await expect(domain.record('dkim')).toHaveAttribute('data-status', 'missing');
    await expect(domain.toAdd('dkim')).toHaveText(`drip._domainkey.beta.test TXT "v=DKIM1; k=rsa; p=${p}"`);
    await expect(domain.record('dmarc')).toHaveAttribute('data-status', 'missing');
    await expect(domain.record('mx')).toHaveAttribute('data-status', 'missing');
    for (const width of WIDTHS) {
      await app.page.setViewportSize({ width, height: 1100 });
      await domain.root.screenshot({ path: testInfo.outputPath(`domain-failing-${width}.png`) });
    }

    await new NavPage(app.page).go('journeys');
    await expect(app.page.getByTestId('domain-warning')).toContainText('beta.test fails its sending-domain check');
    await app.page.screenshot({ path: testInfo.outputPath('journeys-domain-warning.png') });

    await domain.open();
    await domain.check({ domain: 'acme.test', dns: dns.address });
    await expect(domain.summary()).toContainText('acme.test is ready to send from');
    for (const name of ['spf', 'dkim', 'dmarc', 'mx'] as const) {
      await expect(domain.record(name)).toHaveAttribute('data-status', 'pass');
    }
    await domain.root.screenshot({ path: testInfo.outputPath('domain-passing.png') });
    await new NavPage(app.page).go('journeys');
    await expect(app.page.getByTestId('journey-list')).toBeVisible();
    await expect(app.page.getByTestId('domain-warning')).toHaveCount(0);
  } finally {
    await dns.close();
  }
});

test("the seed's confirm email gets a spam score from SpamAssassin, and a test send lands in the dev inbox", async ({
  app,
}, testInfo) => {
  await app.open();
  await app.journeys.open('integration-setup');
  await app.canvas.select('confirm');
  await app.email.open();
  const score = await app.email.spamScore();
  await expect(score.getByTestId('spam-score-value')).toHaveText(/^-?\d+\.\d \/ 5\.0$/);
  await expect(score).not.toHaveAttribute('data-level', 'bad');
  for (const width of WIDTHS) {
    await app.page.setViewportSize({ width, height: 900 });
    await app.page.screenshot({ path: testInfo.outputPath(`email-spam-score-${width}.png`) });
  }

  await expect(await app.email.sendTest('me@acme.test')).toContainText('Sent to me@acme.test: it is in the Inbox');
  await app.page.getByTestId('email-done').click();
  const inbox = new InboxPage(app.page);
  await inbox.open();
  await expect(inbox.item(`[Test] ${SETUP_SUBJECT}`)).toContainText('me@acme.test');
});

test('a bounce reported to the tracking API shows in Suppressions, and removing it asks first', async ({
  app,
  server,
}, testInfo) => {
  const now = new Date().toISOString();
  const response = await postBatch(server, [
    { type: 'identify', userId: 'cy', timestamp: now, traits: { email: 'cy@example.com' } },
    {
      type: 'track',
      userId: 'cy',
      event: 'email_bounced',
      timestamp: now,
      properties: { reason: '550 5.1.1 mailbox does not exist' },
    },
  ]);
  expect(response.status).toBe(200);
  await app.open();
  await new NavPage(app.page).go('suppressions');
  const row = app.page.getByTestId('suppression-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('cy@example.com');
  await expect(row).toContainText('Bounced');
  await expect(row).toContainText('550 5.1.1 mailbox does not exist');
  for (const width of WIDTHS) {
    await app.page.setViewportSize({ width, height: 800 });
    await app.page.screenshot({ path: testInfo.outputPath(`suppressions-${width}.png`) });
  }
  await row.getByTestId('suppression-remove').click();
  await expect(app.page.getByTestId('suppression-remove-dialog')).toContainText('cy@example.com');
  await app.page.getByTestId('suppression-remove-confirm').click();
  await expect(app.page.getByTestId('suppressions-notice')).toHaveText('cy@example.com will get emails again.');
  await expect(app.page.getByTestId('suppressions-empty')).toBeVisible();
});
