import { isSingleAddress } from '../../../shared/engine/email-address';

/**
 * How a person is named on screen: their name or email first, the user ID beneath.
 * @example personName('u1', { name: 'Ada', email: 'ada@example.com' }) // { title: 'Ada', subtitle: 'ada@example.com · u1' }
 */
export function personName(userId: string, traits: Record<string, unknown>): { title: string; subtitle: string } {
  const text = (key: string) => (typeof traits[key] === 'string' && (traits[key] as string).trim()) || '';
  const name =
    text('name') ||
    [text('first_name') || text('firstName'), text('last_name') || text('lastName')].filter(Boolean).join(' ');
  const given = text('email');
  // The sender skips an email trait that is not one plain address (reason invalid_email): say so.
  const email = given && isSingleAddress(given) ? given : '';
  if (given && !email) {
    const shown = given.length > 40 ? `${given.slice(0, 40)}…` : given;
    return { title: name || userId, subtitle: `${name ? `${userId} · ` : ''}“${shown}” is not a valid email address` };
  }
  if (name) return { title: name, subtitle: email ? `${email} · ${userId}` : userId };
  if (email) return { title: email, subtitle: userId };
  return { title: userId, subtitle: 'no email known' };
}
