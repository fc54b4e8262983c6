/**
 * What one delivery attempt came to: the sender records `transient` as a retry and `permanent` as
 * failed. `bounce` says the server refused this recipient: `hard` (a 5xx about the address, the
 * address is suppressed) or `soft` (a 4xx such as a full mailbox, counted towards suppression).
 */
export type DeliveryResult =
  | { outcome: 'sent' }
  | { outcome: 'transient' | 'permanent'; error: string; bounce?: 'hard' | 'soft' };

interface SmtpErrorLike {
  message?: string;
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
}

/** Commands whose refusal is about the recipient or the message, not the session or the sender. */
const RECIPIENT_COMMANDS = new Set(['RCPT TO', 'DATA']);
/**
 * Enhanced status classes (RFC 3463) that are not about the address: x.3 mail system, x.4 network,
 * x.7 policy (content judged as spam, the sender's reputation or authentication, greylisting).
 */
const NOT_THE_ADDRESS = /^[45]\.[347]\./;
/** Enhanced status classes about the recipient itself: x.1 addressing, x.2 the mailbox. */
const ABOUT_THE_MAILBOX = /^[45]\.[12]\./;

/**
 * Whether a refusal is a bounce of the recipient: a 5xx (hard) or 4xx (soft) reply to RCPT TO
 * whose enhanced status code, when given, is not about the system, the network or policy, or to
 * DATA with an enhanced code about the address or mailbox.
 * @example bounceOf({ command: 'RCPT TO', responseCode: 550, response: '550 5.1.1 No such user' }) // 'hard'
 */
export function bounceOf(e: SmtpErrorLike): 'hard' | 'soft' | undefined {
  const code = e.responseCode;
  if (code === undefined || code === 503 || !RECIPIENT_COMMANDS.has(e.command ?? '')) return undefined;
  const enhanced = /^\d{3}[ -](\d\.\d{1,3}\.\d{1,3})/.exec(e.response?.trim() ?? '')?.[1];
  if (enhanced && NOT_THE_ADDRESS.test(enhanced)) return undefined;
  // After the message was sent (DATA) a refusal is usually about its content: it is a bounce only
  // when its enhanced code says the mailbox (x.1 address, x.2 mailbox), else a valid address
  // would be suppressed for good over one message.
  if (e.command === 'DATA' && !(enhanced && ABOUT_THE_MAILBOX.test(enhanced))) return undefined;
  if (code >= 500 && code < 600) return 'hard';
  if (code >= 400 && code < 500) return 'soft';
  return undefined;
}

/**
 * Errors that no retry of the same message can fix. Everything else (4xx replies, refused or
 * dropped connections, timeouts, a wrong password or certificate that the user can still fix in
 * Settings) is retried with backoff.
 */
const PERMANENT_CODES = new Set(['EENVELOPE', 'EMESSAGE', 'EMAXRECIPIENTS']);

/**
 * Classifies a nodemailer failure. 5xx replies are permanent (except 503, a session-state hiccup),
 * but a 5xx to AUTH is the account's problem, not the message's, and is retried.
 * @example classifySmtpError({ responseCode: 550, response: '550 5.1.1 No such user' }) // permanent
 */
export function classifySmtpError(error: unknown): Exclude<DeliveryResult, { outcome: 'sent' }> {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SmtpErrorLike;
  const text = describeSmtpError(e);
  const code = e.responseCode;
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH' || e.code === 'ETLS') return { outcome: 'transient', error: text };
  const bounce = bounceOf(e);
  const bounced = bounce ? { bounce } : {};
  if (code !== undefined && code >= 500 && code < 600 && code !== 503) {
    return { outcome: 'permanent', error: text, ...bounced };
  }
  if (code === undefined && e.code !== undefined && PERMANENT_CODES.has(e.code)) {
    return { outcome: 'permanent', error: text };
  }
  return { outcome: 'transient', error: text, ...bounced };
}

function describeSmtpError(e: SmtpErrorLike): string {
  const response = e.response?.trim();
  const parts = [e.code, e.command ? `(${e.command})` : undefined, response || e.message].filter(Boolean);
  return parts.join(' ').slice(0, 500) || 'Unknown SMTP error';
}
