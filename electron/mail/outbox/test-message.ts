import type { SendMailOptions } from 'nodemailer';
import { isSingleAddress } from '../../../shared/engine/email-address';

/** Marks a test send in the recipient's inbox list. */
export const TEST_SUBJECT_PREFIX = '[Test] ';
/** Sent with every test, so filters and people can tell it from real mail. */
export const TEST_HEADER = 'X-DripAgent-Test';

export interface TestEmail {
  to: string;
  subject: string;
  html: string;
  text: string;
  from: string;
}

/**
 * The message of a test send: the subject prefixed with `[Test] `, a test header, and no
 * unsubscribe headers (a test must not unsubscribe anybody).
 * @throws when `to` is not exactly one address
 */
export function testMessage(email: TestEmail): SendMailOptions {
  if (!isSingleAddress(email.to)) throw new Error(`"${email.to}" is not one email address, e.g. you@acme.io`);
  return {
    from: email.from,
    to: email.to,
    subject: `${TEST_SUBJECT_PREFIX}${email.subject}`,
    html: email.html,
    text: email.text,
    headers: { [TEST_HEADER]: 'yes' },
  };
}
