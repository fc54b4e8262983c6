import { spawn } from 'node:child_process';

/** One SpamAssassin rule that fired, in plain words. */
export interface SpamRule {
  name: string;
  points: number;
  description: string;
}

export interface SpamAssassinScore {
  score: number;
  /** The score from which SpamAssassin calls a message spam (5.0 by default). */
  required: number;
  rules: SpamRule[];
}

/** Debian's package installs it here; elsewhere it is looked up on PATH. */
const COMMAND = 'spamassassin';
/** A run takes about 1–2 s; a stuck one is stopped. */
const TIMEOUT_MS = 30_000;

/** Plainer words for rules marketers meet most; the rest keep SpamAssassin's own description. */
const PLAIN: Record<string, string> = {
  MIME_HTML_ONLY: 'The email has only an HTML part: add a plain-text part.',
  HTML_MESSAGE: 'The email contains HTML (normal; it only counts with other signs).',
  SUBJ_ALL_CAPS: 'The subject is all capitals.',
  HTML_IMAGE_ONLY_04: 'The HTML is mostly images with very little text.',
  HTML_IMAGE_ONLY_08: 'The HTML is mostly images with very little text.',
  HTML_IMAGE_ONLY_12: 'The HTML is mostly images with little text.',
  HTML_SHORT_LINK_IMG_1: 'The HTML is short and mostly a linked image.',
  SHORT_SHORTNER: 'A short body with little more than a link to a URL shortener.',
  URI_NOVOWEL: 'A link has a long run of letters with no vowels, which looks generated.',
  HTML_FONT_LOW_CONTRAST: 'Text in a colour close to the background (hidden text).',
  MISSING_DATE: 'The message has no Date header.',
  MISSING_MID: 'The message has no Message-ID.',
  EMPTY_MESSAGE: 'The message has no text at all.',
  FREEMAIL_FROM: 'The sender is a free mail provider address (use your own domain).',
  T_REMOTE_IMAGE: 'The HTML loads images from the internet.',
};

/** Rules about how the test message travels (never relayed, no Received headers): not about the email. */
const TRANSPORT_ONLY = new Set([
  'NO_RECEIVED',
  'NO_RELAYS',
  'MSGID_SHORT',
  'TO_NO_BRKTS_HTML_ONLY',
  'TO_NO_BRKTS_MSFT',
]);

const plain = (rule: SpamRule): SpamRule => ({
  ...rule,
  description: PLAIN[rule.name] ?? rule.description.replace(/^(BODY|URI|HTML|RAW|HEADER|META|FULL): /, ''),
});

/**
 * Reads the report `spamassassin -t` appends to the body: "Content analysis details: (6.4 points, 5.0 required)"
 * and the table of rules below it, whose descriptions may wrap onto indented lines.
 * @example parseSpamReport(output) // { score: 6.4, required: 5, rules: [{ name: 'SUBJ_ALL_CAPS', points: 0.5, … }] }
 */
export function parseSpamReport(output: string): SpamAssassinScore | undefined {
  const lines = output.split('\n');
  // The last one: a message over the threshold also carries the report in its X-Spam-Report header.
  const headline = lines.findLastIndex((line) => line.startsWith('Content analysis details:'));
  const totals = /\((-?\d+(?:\.\d+)?) points?, (-?\d+(?:\.\d+)?) required\)/.exec(lines[headline] ?? '');
  if (headline < 0 || !totals) return undefined;
  const rules: SpamRule[] = [];
  let i = lines.findIndex((line, index) => index > headline && /^-{4} -+/.test(line)) + 1;
  for (; i > 0 && i < lines.length; i++) {
    const line = lines[i] as string;
    const rule = /^\s*(-?\d+(?:\.\d+)?)\s+([A-Z0-9_]+)\s+(.*)$/.exec(line);
    const previous = rules[rules.length - 1];
    if (rule) rules.push({ points: Number(rule[1]), name: rule[2] as string, description: (rule[3] ?? '').trim() });
    else if (previous && /^\s{5,}\S/.test(line)) previous.description += ` ${line.trim()}`;
    else break;
  }
  return {
    score: Number(totals[1]),
    required: Number(totals[2]),
    rules: rules.filter((r) => !TRANSPORT_ONLY.has(r.name) && r.points !== 0).map(plain),
  };
}

let available: Promise<boolean> | undefined;

/** Whether the `spamassassin` command exists here (checked once). */
export function spamAssassinAvailable(): Promise<boolean> {
  available ??= new Promise((resolve) => {
    const child = spawn(COMMAND, ['--version'], { stdio: 'ignore' });
    child.on('error', () => resolve(false));
    child.on('exit', (code) => resolve(code === 0));
  });
  return available;
}

/** One run at a time: each takes a core for a second or two. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Scores a raw message with SpamAssassin's local rules (`spamassassin -L -t`: no network tests).
 * @returns undefined when SpamAssassin is not installed
 * @throws when it runs but its report cannot be read, or it takes longer than 30 s
 */
export function scoreWithSpamAssassin(raw: string | Buffer): Promise<SpamAssassinScore | undefined> {
  const run = queue.then(async () => {
    if (!(await spamAssassinAvailable())) return undefined;
    return new Promise<SpamAssassinScore>((resolve, reject) => {
      const child = spawn(COMMAND, ['-L', '-t'], { stdio: ['pipe', 'pipe', 'ignore'] });
      const chunks: Buffer[] = [];
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`SpamAssassin took longer than ${TIMEOUT_MS / 1000} s`));
      }, TIMEOUT_MS);
      child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on('close', () => {
        clearTimeout(timer);
        const report = parseSpamReport(Buffer.concat(chunks).toString('utf8'));
        if (report) resolve(report);
        else reject(new Error('SpamAssassin gave no report'));
      });
      child.stdin.on('error', () => {});
      child.stdin.end(raw);
    });
  });
  queue = run.catch(() => undefined);
  return run;
}
