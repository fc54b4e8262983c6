import './suppressions.css';
import '../ui/views.css';
import { useEffect, useId, useState } from 'react';
import type { SuppressionItem } from '../../../shared/api/deliverability';
import { CopyButton } from '../appsettings/CopyButton';
import { useAppStore, useAppStoreApi } from '../store/context';
import { downloadText } from '../ui/download';
import { Modal } from '../ui/Modal';
import { useTypedSearch } from '../ui/useTypedSearch';
import { When } from '../ui/When';

const REASONS: Record<SuppressionItem['reason'], string> = {
  bounced: 'Bounced',
  complained: 'Marked as spam',
};

/** Where a suppression came from, in words. */
function sourceWords(source: string): string {
  if (source.startsWith('smtp')) return source.includes('soft') ? 'soft bounces at send' : 'refused at send';
  if (source.startsWith('event')) return source.includes('soft') ? 'soft bounce events' : 'tracking API event';
  if (source.startsWith('postmark')) return source.includes('soft') ? 'Postmark soft bounces' : 'Postmark webhook';
  return source;
}

/**
 * Addresses no journey mails any more: who, why and when. A person can be mailed again (after
 * confirming), and the list exported as CSV.
 */
export function SuppressionsView() {
  const store = useAppStoreApi();
  const items = useAppStore((state) => state.suppressions);
  const total = useAppStore((state) => state.suppressionsTotal);
  const load = useAppStore((state) => state.suppressionsLoad);
  const query = useAppStore((state) => state.suppressionsQuery);
  const [typed, setTyped] = useTypedSearch(query, (text) => void store.getState().loadSuppressions(text));
  const postmarkUrl = useAppStore((state) => state.postmarkUrl);
  const [removing, setRemoving] = useState<SuppressionItem | null>(null);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const searchId = useId();

  useEffect(() => store.getState().watchSuppressions(), [store]);

  const exportCsv = async () => {
    const result = await store.getState().exportSuppressions();
    if (result.ok) downloadText('suppressions.csv', result.result.csv);
    else setNotice({ kind: 'error', text: `Could not export: ${result.error.message}` });
  };
  const remove = async (item: SuppressionItem) => {
    const result = await store.getState().removeSuppression(item.address);
    setRemoving(null);
    setNotice(
      result.ok
        ? { kind: 'ok', text: `${item.address} will get emails again.` }
        : { kind: 'error', text: `Could not remove ${item.address}: ${result.error.message}` },
    );
  };

  return (
    <section className="view" aria-labelledby="suppressions-title" data-testid="suppressions-view">
      <header className="view__header">
        <div>
          <h1 className="view__title" id="suppressions-title">
            Suppressions
          </h1>
          <p className="view__subtitle">
            Addresses that bounced or marked an email as spam. No journey mails them, so your domain keeps its good
            name.
          </p>
        </div>
        <div className="view__actions">
          <span className="view__meta" data-testid="suppressions-total">
            {total} {total === 1 ? 'address' : 'addresses'}
          </span>
          <button
            type="button"
            className="button"
            data-testid="suppressions-export"
            disabled={total === 0}
            onClick={exportCsv}
          >
            Export CSV
          </button>
        </div>
      </header>
      {notice && (
        <p
          className={`view__banner${notice.kind === 'error' ? ' view__banner--error' : ''}`}
          role={notice.kind === 'error' ? 'alert' : 'status'}
          data-testid="suppressions-notice"
        >
          {notice.text}
        </p>
      )}
      <div className="view__scroll">
        <div className="suppressions">
          <div className="suppressions__search">
            <label className="visually-hidden" htmlFor={searchId}>
              Find an address or user
            </label>
            <input
              id={searchId}
              type="search"
              className="input"
              placeholder="Find an address or user id"
              data-testid="suppressions-search"
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
            />
          </div>
          {load.status === 'error' && (
            <p className="suppressions__empty" role="alert">
              Could not load the list: {load.error}
            </p>
          )}
          {load.status === 'ready' && items.length === 0 && (
            <p className="suppressions__empty" data-testid="suppressions-empty">
              {query
                ? `No suppressed address matches “${query}”.`
                : 'Nobody is suppressed. When an address bounces or marks an email as spam, it is listed here and no journey mails it again.'}
            </p>
          )}
          {items.length > 0 && (
            <table className="suppressions__table" data-testid="suppressions-table">
              <thead>
                <tr>
                  <th scope="col">Who</th>
                  <th scope="col">Why</th>
                  <th scope="col">When</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.address} data-testid="suppression-row" data-address={item.address}>
                    <td>
                      <span className="suppressions__address">{item.address}</span>
                      {item.userId && (
                        <button
                          type="button"
                          className="link-button suppressions__user"
                          onClick={() => store.getState().openPerson(item.userId as string)}
                        >
                          {item.userId}
                        </button>
                      )}
                    </td>
                    <td>
                      <span className={`pill ${item.reason === 'bounced' ? 'pill--wait' : 'pill--bad'}`}>
                        {REASONS[item.reason]}
                      </span>
                      <span className="suppressions__source">{sourceWords(item.source)}</span>
                      {item.detail && <span className="suppressions__detail">{item.detail}</span>}
                    </td>
                    <td className="suppressions__when">
                      <When at={Date.parse(item.at)} />
                    </td>
                    <td className="suppressions__actions">
                      <button
                        type="button"
                        className="button button--small"
                        data-testid="suppression-remove"
                        onClick={() => setRemoving(item)}
                      >
                        Remove…
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {postmarkUrl && (
            <section className="card suppressions__hook" aria-labelledby="hook-title">
              <h2 className="card__title" id="hook-title">
                Bounces from your email provider
              </h2>
              <p className="card__hint">
                Bounces refused at send are caught here by themselves. Those your provider sees later come in two ways:
                send <code>email_bounced</code> or <code>email_complained</code> events to the tracking API, or, with
                Postmark, paste this URL as the webhook for bounces and spam complaints.
              </p>
              <div className="suppressions__hook-url">
                <code className="code-box" data-testid="postmark-url">
                  {postmarkUrl}
                </code>
                <CopyButton text={postmarkUrl} />
              </div>
            </section>
          )}
        </div>
      </div>
      <Modal
        open={removing !== null}
        onClose={() => setRemoving(null)}
        title="Mail this address again?"
        testId="suppression-remove-dialog"
        footer={
          <>
            <button type="button" className="button" onClick={() => setRemoving(null)}>
              Keep suppressed
            </button>
            <button
              type="button"
              className="button button--danger"
              data-testid="suppression-remove-confirm"
              onClick={() => removing && remove(removing)}
            >
              Mail again
            </button>
          </>
        }
      >
        <p>
          Journeys will send to <strong>{removing?.address}</strong> again. Only do this if the address works now, or
          its owner asked for the emails: mailing addresses that bounce or complain hurts how your other emails land.
        </p>
      </Modal>
    </section>
  );
}
