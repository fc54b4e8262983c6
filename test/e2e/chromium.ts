/**
 * Debian's Chromium, as every browser test and bench launches it. Never `npx playwright install`.
 * Without the background-networking flags it tries to reach Google's hosts from a closed network.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
