import { isSingleAddress } from '../../../shared/engine/email-address';
import type { UserEvent } from '../../../shared/engine/types';
import type { SuppressionReason } from '../../store/suppressions-repo';
import type { Suppressions } from './suppressions';

/** Tracking-API events that stop mail to an address. */
export const BOUNCE_EVENTS: Record<string, SuppressionReason> = {
  email_bounced: 'bounced',
  email_complained: 'complained',
};

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/**
 * `email_bounced` / `email_complained` sent to the tracking API (by your provider's webhook relay,
 * or your own code) suppress the address: `properties.email` when given, else the user's `email`
 * trait. An `email_bounced` with `properties.type` (or `bounce_type`) `soft` or `transient` counts as a
 * soft bounce instead. Events that name no usable address change nothing.
 * @example suppressFromEvent(suppressions, { type: 'track', event: 'email_bounced', userId: 'ann', ... }, () => traits)
 */
export function suppressFromEvent(
  suppressions: Pick<Suppressions, 'suppress' | 'softBounce'>,
  event: UserEvent,
  traits: () => Record<string, unknown>,
): void {
  if (event.type !== 'track') return;
  const reason = BOUNCE_EVENTS[event.event];
  if (!reason) return;
  const properties = event.properties;
  const address = text(properties.email) || text(traits().email);
  if (!address || !isSingleAddress(address)) return;
  const kind = (text(properties.type) || text(properties.bounce_type)).toLowerCase();
  const detail =
    text(properties.reason) || text(properties.description) || `${event.event} event${kind ? ` (${kind})` : ''}`;
  const input = { address, userId: event.userId, source: 'event', detail };
  if (reason === 'bounced' && (kind === 'soft' || kind === 'transient')) suppressions.softBounce(input);
  else suppressions.suppress({ ...input, reason });
}
