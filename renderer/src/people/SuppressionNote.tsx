import { useAppStoreApi } from '../store/context';
import { When } from '../ui/When';
import type { Trace } from './timeline';

/** Says, at the top of a person, that their address is no longer mailed by any journey, and why. */
export function SuppressionNote({ suppression }: { suppression: NonNullable<Trace['suppression']> }) {
  const store = useAppStoreApi();
  const why = suppression.reason === 'bounced' ? 'it bounced' : 'they marked an email as spam';
  return (
    <div className="person__suppressed" role="note" data-testid="person-suppressed" data-reason={suppression.reason}>
      <p>
        <strong>{suppression.address}</strong> is not mailed by any journey: {why}
        {suppression.detail ? ` (${suppression.detail})` : ''}, <When at={suppression.at} />.
      </p>
      <button type="button" className="link-button" onClick={() => store.getState().setView('suppressions')}>
        See suppressions
      </button>
    </div>
  );
}
