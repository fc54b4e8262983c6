import { useEffect, useMemo, useState } from 'react';
import type { Journey } from '../../../shared/journey/schema';
import { publishReview } from '../model/publishReview';
import { useAppStore, useAppStoreApi } from '../store/context';
import { Modal } from '../ui/Modal';

/**
 * Before a journey goes live: who can enter, the first emails and when, and what changed since the
 * live version. Publishing happens only from here.
 */
export function PublishReview({
  journey,
  open,
  busy,
  onCancel,
  onPublish,
}: {
  journey: Journey;
  open: boolean;
  busy: boolean;
  onCancel: () => void;
  onPublish: () => void;
}) {
  const store = useAppStoreApi();
  const latest = useAppStore((state) => state.journeyList.find((row) => row.id === journey.id)?.latestVersion ?? null);
  const [live, setLive] = useState<{ version: number; journey: Journey } | null>(null);
  useEffect(() => {
    if (!open || latest === null) return;
    let current = true;
    store
      .getState()
      .getVersion(journey.id, latest)
      .then((published) => current && setLive({ version: latest, journey: published }))
      .catch(() => current && setLive(null));
    return () => {
      current = false;
    };
  }, [store, open, journey.id, latest]);
  const liveJourney = live?.version === latest ? live.journey : undefined;
  const review = useMemo(() => publishReview(journey, liveJourney), [journey, liveJourney]);
  const waitingForLive = latest !== null && !liveJourney;
  const next = (latest ?? 0) + 1;
  return (
    <Modal
      open={open}
      size="wide"
      title={`Publish “${journey.name}” as version ${next}?`}
      testId="publish-review"
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="button" onClick={onCancel}>
            Not yet
          </button>
          <button
            type="button"
            className="button button--primary"
            data-testid="publish-confirm"
            disabled={busy}
            onClick={onPublish}
            data-autofocus
          >
            {latest === null ? 'Publish and go live' : `Publish version ${next}`}
          </button>
        </>
      }
    >
      <div className="publish-review">
        <section aria-labelledby="review-who">
          <h3 className="publish-review__title" id="review-who">
            Who can enter
          </h3>
          <ul className="publish-review__list" data-testid="review-entry">
            {review.entry.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="review-emails">
          <h3 className="publish-review__title" id="review-emails">
            The first emails
          </h3>
          {review.emails.length === 0 ? (
            <p className="publish-review__quiet">This journey sends no email.</p>
          ) : (
            <ol className="publish-review__emails" data-testid="review-emails">
              {review.emails.map((email) => (
                <li key={email.nodeId} data-testid={`review-email-${email.nodeId}`}>
                  <span className="publish-review__when">{email.when}</span>
                  <span>
                    <strong>{email.title}</strong>
                    {email.subject && <> · “{email.subject}”</>}
                    {email.conditions.length > 0 && (
                      <span className="publish-review__if"> if {email.conditions.join(', and ')}</span>
                    )}
                  </span>
                </li>
              ))}
            </ol>
          )}
          {review.moreEmails > 0 && (
            <p className="publish-review__quiet">
              … and {review.moreEmails} more {review.moreEmails === 1 ? 'email' : 'emails'} later on.
            </p>
          )}
        </section>
        <section aria-labelledby="review-changes">
          <h3 className="publish-review__title" id="review-changes">
            {latest === null ? 'New journey' : `Changes since version ${latest}, the live one`}
          </h3>
          {latest === null ? (
            <p className="publish-review__quiet">Nothing is live yet: people start entering once it is published.</p>
          ) : waitingForLive ? (
            <p className="publish-review__quiet">Loading…</p>
          ) : review.changes?.length === 0 ? (
            <p className="publish-review__quiet" data-testid="review-no-changes">
              No change to the steps, emails or settings.
            </p>
          ) : (
            <ul className="publish-review__list" data-testid="review-changes">
              {review.changes?.map((change, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a list computed as a whole.
                <li key={index}>
                  {change.area[0]?.toUpperCase()}
                  {change.area.slice(1)} {change.action}: <strong>{change.subject}</strong>
                  {change.detail && <span className="publish-review__quiet"> ({change.detail})</span>}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </Modal>
  );
}
