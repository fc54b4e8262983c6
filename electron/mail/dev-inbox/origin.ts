import type { Store } from '../../store';
import type { InboxOrigin } from '../../store/inbox-repo';
import { messageIdFor } from '../outbox/message-id';

/**
 * Which outbox email a message arriving in the dev inbox is: the rows handed to the SMTP server
 * and not answered yet (a handful, the sender's in-flight messages) whose Message-ID matches.
 * A test send or mail from outside DripAgent has none.
 * @example const originOf = createOriginFinder(store); originOf('<5f1c…@acme.io>') // { journeyId, nodeId, userId }
 */
export function createOriginFinder(store: Pick<Store, 'handoffs' | 'outbox'>) {
  return (messageId: string | null): InboxOrigin | null => {
    if (!messageId) return null;
    for (const handoff of store.handoffs.all()) {
      const row = store.outbox.get(handoff.outboxId);
      if (row?.payload.kind === 'email' && messageIdFor(row.key, row.payload.from) === messageId) {
        return { journeyId: row.journeyId, nodeId: row.nodeId, userId: row.userId };
      }
    }
    return null;
  };
}
