import { useState } from 'react';
import type { InboxMessageView } from '../../../shared/api/mail';
import { useAppStore } from '../store/context';
import { parseTime } from '../ui/time';
import { When } from '../ui/When';
import { emailDocument, readableAddress } from './emailDocument';

type Tab = 'html' | 'text' | 'headers';
const TABS: { id: Tab; label: string }[] = [
  { id: 'html', label: 'Email' },
  { id: 'text', label: 'Plain text' },
  { id: 'headers', label: 'Headers' },
];

/** The open message as its recipient sees it: subject, sender, the rendered email, its text and headers. */
export function InboxMessage() {
  const message = useAppStore((state) => state.inboxMessage);
  const load = useAppStore((state) => state.inboxMessageLoad);
  const [tab, setTab] = useState<Tab>('html');

  if (load.status === 'error') {
    return (
      <p className="panel-message" role="alert">
        Could not open this email: {load.error}
      </p>
    );
  }
  if (!message) return <p className="panel-message">{load.status === 'loading' ? 'Opening…' : 'Choose an email.'}</p>;

  const date = parseTime(message.date) ?? parseTime(message.receivedAt);
  return (
    <article className="mail" aria-labelledby="mail-subject" data-testid="inbox-message">
      <header className="mail__header">
        <h2 className="mail__subject" id="mail-subject" data-testid="message-subject">
          {message.subject || '(no subject)'}
        </h2>
        <dl className="mail__meta">
          <dt>From</dt>
          <dd data-testid="message-from">{readableAddress(message.from || message.envelope.from)}</dd>
          <dt>To</dt>
          <dd data-testid="message-to">{readableAddress(message.to || message.envelope.to)}</dd>
          {message.replyTo && (
            <>
              <dt>Reply to</dt>
              <dd>{readableAddress(message.replyTo)}</dd>
            </>
          )}
          <dt>Date</dt>
          <dd data-testid="message-date">{date === null ? 'unknown' : <When at={date} />}</dd>
        </dl>
      </header>
      <div className="tabs mail__tabs" role="tablist" aria-label="Show the email as">
        {TABS.map((item) => (
          <button
            key={item.id}
            type="button"
            role="tab"
            id={`mail-tab-${item.id}`}
            aria-selected={tab === item.id}
            aria-controls="mail-panel"
            className={`tab${tab === item.id ? ' tab--on' : ''}`}
            data-testid={`message-tab-${item.id}`}
            onClick={() => setTab(item.id)}
          >
            {item.label}
          </button>
        ))}
      </div>
      <div className="mail__body" role="tabpanel" id="mail-panel" aria-labelledby={`mail-tab-${tab}`}>
        {tab === 'html' && <HtmlBody message={message} />}
        {tab === 'text' &&
          (message.text ? (
            <pre className="mail__text" data-testid="message-text">
              {message.text}
            </pre>
          ) : (
            <p className="panel-message">This email has no plain-text version.</p>
          ))}
        {tab === 'headers' && <Headers message={message} />}
      </div>
    </article>
  );
}

function HtmlBody({ message }: { message: InboxMessageView }) {
  if (!message.html) {
    return (
      <>
        <p className="field__hint">This email has no HTML version; this is its plain text.</p>
        <pre className="mail__text" data-testid="message-text">
          {message.text ?? ''}
        </pre>
      </>
    );
  }
  return (
    // No scripts, forms, popups or same-origin access: the email is shown, never run.
    <iframe
      className="mail__frame"
      title={`Email: ${message.subject}`}
      sandbox=""
      srcDoc={emailDocument(message.html)}
      data-testid="message-html"
    />
  );
}

/** The delivery headers people ask about first, then every header as sent. */
const KEY_HEADERS: { name: string; pick: (message: InboxMessageView) => string | null; why: string }[] = [
  { name: 'Message-ID', pick: (m) => m.messageId, why: 'Stable per email: a retry never arrives twice.' },
  {
    name: 'List-Unsubscribe',
    pick: (m) => m.listUnsubscribe,
    why: 'Lets mail apps show their own “Unsubscribe” button.',
  },
  {
    name: 'List-Unsubscribe-Post',
    pick: (m) => m.listUnsubscribePost,
    why: 'One-click unsubscribe, as Gmail and Yahoo require for bulk senders.',
  },
];

function Headers({ message }: { message: InboxMessageView }) {
  return (
    <div className="mail__headers" data-testid="message-headers">
      <dl className="key-headers">
        {KEY_HEADERS.map((header) => {
          const value = header.pick(message);
          return (
            <div key={header.name} className="key-headers__row" data-testid={`header-${header.name.toLowerCase()}`}>
              <dt>{header.name}</dt>
              <dd>
                {value ? <code>{value}</code> : <span className="key-headers__missing">missing</span>}
                <span className="key-headers__why">{header.why}</span>
              </dd>
            </div>
          );
        })}
      </dl>
      <details className="all-headers">
        <summary>All {message.headers.length} headers</summary>
        <table className="all-headers__table">
          <tbody>
            {message.headers.map((header, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: headers repeat (Received) and keep their order.
              <tr key={index}>
                <th scope="row">{header.name}</th>
                <td>
                  <code>{header.value}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
