import './inbox.css';
import '../ui/views.css';
import { memo, useEffect, useId, useState } from 'react';
import type { InboxSummary } from '../../../shared/api/mail';
import { useAppStore, useAppStoreApi } from '../store/context';
import { type InboxFilter, NO_INBOX_FILTER } from '../store/inboxSlice';
import { Modal } from '../ui/Modal';
import { useTypedSearch } from '../ui/useTypedSearch';
import { When } from '../ui/When';
import { InboxMessage } from './InboxMessage';

/**
 * The built-in dev inbox: every email the engine sends while no SMTP server is set up lands
 * here instead of a real mailbox, shown as the recipient would see it.
 */
export function InboxView() {
  const store = useAppStoreApi();
  const messages = useAppStore((state) => state.inboxMessages);
  const total = useAppStore((state) => state.inboxTotal);
  const load = useAppStore((state) => state.inboxLoad);
  const selectedId = useAppStore((state) => state.inboxSelectedId);
  const smtpHost = useAppStore((state) => (state.mailSettings?.mode === 'smtp' ? state.mailSettings.smtp?.host : null));
  const [confirming, setConfirming] = useState(false);
  const filter = useAppStore((state) => state.inboxFilter);
  const filtered = filter.search.trim() !== '' || filter.journeyId !== '' || filter.userId.trim() !== '';

  useEffect(() => store.getState().watchInbox(), [store]);
  useEffect(() => store.getState().watchMailSettings(), [store]);

  return (
    <section className="view" aria-labelledby="inbox-title" data-testid="inbox-view">
      <header className="view__header">
        <div>
          <h1 className="view__title" id="inbox-title">
            Inbox
          </h1>
          <p className="view__subtitle">Test emails caught on this computer. Nothing here reached a real mailbox.</p>
        </div>
        <div className="view__actions">
          <span className="view__meta" data-testid="inbox-total">
            {total} {total === 1 ? 'email' : 'emails'}
            {filtered ? ' found' : ''}
          </span>
          <button
            type="button"
            className="button"
            data-testid="inbox-refresh"
            onClick={() => store.getState().loadInbox()}
          >
            Refresh
          </button>
          <button
            type="button"
            className="button"
            data-testid="inbox-clear"
            disabled={total === 0}
            onClick={() => setConfirming(true)}
          >
            Clear inbox…
          </button>
        </div>
      </header>
      {smtpHost && (
        <p className="view__banner" data-testid="inbox-smtp-note">
          Emails are now sent for real through {smtpHost}; this inbox only shows what arrived before that, or after you
          switch back to the dev inbox in Settings.
        </p>
      )}
      {load.status === 'error' && (
        <p className="view__banner view__banner--error" role="alert">
          Could not load the inbox: {load.error}
        </p>
      )}
      {load.status === 'ready' && messages.length === 0 && !filtered ? (
        <InboxEmpty />
      ) : (
        <div className="split">
          <div className="split__list inbox-side">
            <InboxFilters />
            {messages.length === 0 && filtered && (
              <p className="inbox-side__none" data-testid="inbox-no-match">
                No email matches. <ClearFilters />
              </p>
            )}
            <ul className="inbox-list" aria-label="Emails" data-testid="inbox-list">
              {messages.map((message) => (
                <InboxRow
                  key={message.id}
                  message={message}
                  selected={message.id === selectedId}
                  onOpen={(id) => store.getState().openInboxMessage(id)}
                />
              ))}
            </ul>
          </div>
          <div className="split__detail">
            <InboxMessage />
          </div>
        </div>
      )}
      <Modal
        open={confirming}
        title="Clear the inbox?"
        testId="inbox-clear-dialog"
        onClose={() => setConfirming(false)}
        footer={
          <>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
            <button
              type="button"
              className="button button--danger"
              data-testid="inbox-clear-confirm"
              onClick={async () => {
                setConfirming(false);
                await store.getState().clearInbox();
              }}
            >
              Clear {total} {total === 1 ? 'email' : 'emails'}
            </button>
          </>
        }
      >
        <p>
          Every email in the dev inbox will be deleted. Your journeys, people and their history stay as they are, and
          nothing is sent again.
        </p>
      </Modal>
    </section>
  );
}

const InboxRow = memo(function InboxRow({
  message,
  selected,
  onOpen,
}: {
  message: InboxSummary;
  selected: boolean;
  onOpen: (id: number) => void;
}) {
  const received = Date.parse(message.receivedAt);
  return (
    <li>
      <button
        type="button"
        className="list-row"
        aria-current={selected ? 'true' : undefined}
        data-testid={`inbox-item-${message.id}`}
        onClick={() => onOpen(message.id)}
      >
        <span className="inbox-row__top">
          <span className="inbox-row__to" data-testid="inbox-row-to">
            {message.to}
          </span>
          <span className="inbox-row__time">
            <When at={received} relativeOnly />
          </span>
        </span>
        <span className="inbox-row__subject" data-testid="inbox-row-subject">
          {message.subject || '(no subject)'}
        </span>
        <span className="inbox-row__origin" data-testid="inbox-row-origin">
          {message.origin
            ? `${message.origin.journeyName} · ${message.origin.stepTitle} · ${message.origin.userId}`
            : 'A test email'}
        </span>
      </button>
    </li>
  );
});

/** Search and filters over the list: words in the subject or recipient, a journey, a user. */
function InboxFilters() {
  const store = useAppStoreApi();
  const filter = useAppStore((state) => state.inboxFilter);
  const journeys = useAppStore((state) => state.journeyList);
  const id = useId();
  const set = (patch: Partial<InboxFilter>) => void store.getState().setInboxFilter(patch);
  const [search, setSearch] = useTypedSearch(filter.search, (text) => set({ search: text }));
  const [person, setPerson] = useTypedSearch(filter.userId, (text) => set({ userId: text }));
  return (
    <search className="inbox-filters" aria-label="Find emails" data-testid="inbox-filters">
      <input
        className="input"
        type="search"
        aria-label="Search subject or recipient"
        placeholder="Search subject or recipient…"
        value={search}
        data-testid="inbox-search"
        onChange={(event) => setSearch(event.target.value)}
      />
      <div className="inbox-filters__row">
        <label className="visually-hidden" htmlFor={`${id}-journey`}>
          Journey
        </label>
        <select
          id={`${id}-journey`}
          className="input input--select"
          value={filter.journeyId}
          data-testid="inbox-journey"
          onChange={(event) => set({ journeyId: event.target.value })}
        >
          <option value="">All journeys</option>
          {journeys.map((journey) => (
            <option key={journey.id} value={journey.id}>
              {journey.name}
            </option>
          ))}
        </select>
        <input
          className="input"
          aria-label="User id"
          placeholder="Any user"
          value={person}
          data-testid="inbox-user"
          onChange={(event) => setPerson(event.target.value)}
        />
      </div>
    </search>
  );
}

function ClearFilters() {
  const store = useAppStoreApi();
  return (
    <button
      type="button"
      className="link-button"
      data-testid="inbox-clear-filters"
      onClick={() => void store.getState().setInboxFilter(NO_INBOX_FILTER)}
    >
      Show all emails
    </button>
  );
}

function InboxEmpty() {
  const store = useAppStoreApi();
  return (
    <div className="empty-state" data-testid="inbox-empty">
      <svg viewBox="0 0 48 48" width="48" height="48" aria-hidden="true" className="empty-state__icon">
        <path
          d="M6 14a4 4 0 0 1 4-4h28a4 4 0 0 1 4 4v20a4 4 0 0 1-4 4H10a4 4 0 0 1-4-4V14Zm2 1 16 11 16-11"
          fill="none"
          stroke="currentColor"
          strokeWidth="2.2"
          strokeLinejoin="round"
        />
      </svg>
      <h2 className="empty-state__title">No emails yet</h2>
      <p className="empty-state__text">
        Until you connect an email server in Settings, every email your journeys send is caught here instead, so you can
        see exactly what people would get without anything leaving this computer.
      </p>
      <ol className="empty-state__steps">
        <li>Publish a journey.</li>
        <li>Send DripAgent events from your product (Settings shows how).</li>
        <li>When someone enters the journey and reaches an email step, the email appears here within a second.</li>
      </ol>
      <button type="button" className="button" onClick={() => store.getState().setView('settings')}>
        How to send events
      </button>
    </div>
  );
}
