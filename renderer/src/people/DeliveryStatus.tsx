import { When } from '../ui/When';
import type { TraceMessage } from './timeline';

/** A link without its scheme, short enough for a line. */
const shortLink = (url: string) => {
  const bare = url.replace(/^https?:\/\//, '');
  return bare.length > 48 ? `${bare.slice(0, 47)}…` : bare;
};

/** What the person did with a sent email: opened it, clicked which links how often. */
function Clicks({ message }: { message: TraceMessage }) {
  const clicks = message.clicks ?? [];
  if (clicks.length === 0) return null;
  const byLink = new Map<string, number>();
  let opens = 0;
  for (const click of clicks) {
    if (click.kind === 'open') opens++;
    else byLink.set(click.link, (byLink.get(click.link) ?? 0) + 1);
  }
  return (
    <span className="delivery__clicks" data-testid="delivery-clicks">
      {opens > 0 && <span className="pill pill--ok">Opened</span>}
      {[...byLink].map(([link, count]) => (
        <span key={link} className="delivery__click" title={link}>
          Clicked {shortLink(link)}
          {count > 1 ? ` ×${count}` : ''}
        </span>
      ))}
    </span>
  );
}

/** How an email's (or webhook's) delivery went: sent, still trying (and why), or given up. */
export function DeliveryStatus({ message }: { message: TraceMessage }) {
  switch (message.status) {
    case 'sent':
      return (
        <span className="delivery" data-testid="delivery" data-status="sent">
          <span className="pill pill--ok">{message.kind === 'webhook' ? 'Called' : 'Sent'}</span>
          {message.sentAt !== null && <When at={message.sentAt} />}
          <Clicks message={message} />
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
