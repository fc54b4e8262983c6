import { useEffect } from 'react';
import { useAppStore, useAppStoreApi } from '../store/context';

const NAMES = { spf: 'SPF', dkim: 'DKIM', dmarc: 'DMARC', mx: 'MX' } as const;

/**
 * Warns in the journey list, before anything is published, while the last check of the sending
 * domain failed. Publishing stays allowed: a test domain may fail on purpose.
 */
export function DomainWarning() {
  const store = useAppStoreApi();
  const last = useAppStore((state) => state.domainStatus?.last);
  useEffect(() => {
    void store.getState().loadDomainStatus();
  }, [store]);
  if (!last || last.passed) return null;
  const failing = (Object.keys(NAMES) as (keyof typeof NAMES)[])
    .filter((key) => last.report[key].status !== 'pass')
    .map((key) => `${NAMES[key]} ${last.report[key].status === 'missing' ? 'missing' : 'failing'}`);
  return (
    <div className="domain-warning" role="status" data-testid="domain-warning">
      <p>
        <strong>{last.report.domain}</strong> fails its sending-domain check ({failing.join(', ')}): emails from live
        journeys may land in spam.
      </p>
      <button type="button" className="link-button" onClick={() => store.getState().setView('settings')}>
        Fix it in Settings
      </button>
    </div>
  );
}
