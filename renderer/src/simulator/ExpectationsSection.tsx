import { checkExpectations } from '../../../shared/scenario/check';
import { useAppStore, useAppStoreApi } from '../store/context';
import type { SimulationView } from './useSimulationView';

/**
 * What the open scenario expects, against what the draft does now: passing, or each difference in
 * words. "Expect this" pins the current outcome (every email and its time, the silent email steps,
 * the end) and saves it with the scenario, so `dripagent test` and this tab check it from then on.
 */
export function ExpectationsSection({ view }: { view: SimulationView }) {
  const store = useAppStoreApi();
  const expect = useAppStore((state) => state.simulation?.scenario.expect);
  const check = checkExpectations(expect, view.result);
  const status = !check.hasExpectations ? 'none' : check.passed ? 'pass' : 'fail';
  return (
    <section className={`sim-expect sim-expect--${status}`} data-testid="scenario-expectations" data-status={status}>
      <div className="sim-expect__row">
        <p className="sim-expect__verdict">
          {status === 'none' && 'This scenario expects nothing yet.'}
          {status === 'pass' && (
            <>
              <span className="sim-expect__mark" aria-hidden="true">
                ✓
              </span>{' '}
              Passes: everything it expects still happens.
            </>
          )}
          {status === 'fail' && (
            <>
              <span className="sim-expect__mark" aria-hidden="true">
                ✗
              </span>{' '}
              Fails: {check.differences.length === 1 ? '1 difference' : `${check.differences.length} differences`} from
              what it expects.
            </>
          )}
        </p>
        {status !== 'pass' && (
          <button
            type="button"
            className="button button--small"
            data-testid="pin-outcome"
            title="Expect this outcome: these emails at these times, no others, and this end"
            onClick={() => store.getState().pinOutcome()}
          >
            {status === 'none' ? 'Expect this' : 'Expect this instead'}
          </button>
        )}
      </div>
      {check.differences.length > 0 && (
        <ul className="sim-expect__differences">
          {check.differences.map((d) => (
            <li
              key={`${d.field}:${d.message}`}
              data-testid="expectation-difference"
              data-node-ids={d.nodeIds.join(' ')}
            >
              {d.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
