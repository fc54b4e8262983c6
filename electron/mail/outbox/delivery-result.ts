/** What one delivery attempt came to: the sender records `transient` as a retry and `permanent` as failed. */
export type DeliveryResult = { outcome: 'sent' } | { outcome: 'transient' | 'permanent'; error: string };

interface SmtpErrorLike {
  message?: string;
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
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
  if (code !== undefined && code >= 500 && code < 600 && code !== 503) return { outcome: 'permanent', error: text };
  if (code === undefined && e.code !== undefined && PERMANENT_CODES.has(e.code)) {
    return { outcome: 'permanent', error: text };
  }
  return { outcome: 'transient', error: text };
}

function describeSmtpError(e: SmtpErrorLike): string {
  const response = e.response?.trim();
  const parts = [e.code, e.command ? `(${e.command})` : undefined, response || e.message].filter(Boolean);
  return parts.join(' ').slice(0, 500) || 'Unknown SMTP error';
}
