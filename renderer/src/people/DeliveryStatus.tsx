import { When } from '../ui/When';
import type { TraceMessage } from './timeline';

/** How an email's (or webhook's) delivery went: sent, still trying (and why), or given up. */
export function DeliveryStatus({ message }: { message: TraceMessage }) {
  switch (message.status) {
    case 'sent':
      return (
        <span className="delivery" data-testid="delivery" data-status="sent">
          <span className="pill pill--ok">{message.kind === 'webhook' ? 'Called' : 'Sent'}</span>
          {message.sentAt !== null && <When at={message.sentAt} />}
        </span>
      );
    case 'pending':
      return (
        <span className="delivery" data-testid="delivery" data-status="pending">
          <span className="pill pill--wait">
            {message.attempts === 0
              ? message.kind === 'webhook'
                ? 'Waiting to call'
                : 'Waiting to send'
              : `Retrying · ${message.attempts} ${message.attempts === 1 ? 'attempt' : 'attempts'}`}
          </span>
          {message.lastError && <span className="delivery__error">Last error: {message.lastError}</span>}
        </span>
      );
    case 'failed':
      return (
        <span className="delivery" data-testid="delivery" data-status="failed">
          <span className="pill pill--bad">
            Failed after {message.attempts} {message.attempts === 1 ? 'attempt' : 'attempts'}
          </span>
          {message.lastError && <span className="delivery__error">{message.lastError}</span>}
        </span>
      );
    default:
      return message.status satisfies never;
  }
}
