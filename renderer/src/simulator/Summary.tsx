import { useAppStore } from '../store/context';
import { selectDraft } from '../store/selectors';
import { describeEnding, type Ending } from './outcome';
import type { SimulationView } from './useSimulationView';

/** The answer in one line: how many emails, and how the user's time in the journey ends. */
export function Summary({ view }: { view: SimulationView }) {
  const journey = useAppStore(selectDraft);
  if (!journey) return null;
  const ending = describeEnding(journey, view.result);
  const count = view.result.emails.length;
  return (
    <div className="sim-summary" data-testid="sim-summary" data-ending={ending.kind}>
      <span className="sim-summary__emails">
        {count === 0 ? 'No email' : count === 1 ? '1 email' : `${count} emails`}
      </span>
      <EndingText ending={ending} />
    </div>
  );
}

/** How it ends, in a sentence; `compact` (a table cell) puts the time on its own line. */
export function EndingText({ ending, compact = false }: { ending: Ending; compact?: boolean }) {
  if (ending.kind === 'never_entered') return <span className="sim-ending sim-ending--never">{ending.text}</span>;
  const what = ending.kind === 'left' ? `Left: ${ending.text}` : `Still waiting in “${ending.text}”`;
  if (compact) {
    return (
      <span className={`sim-ending sim-ending--${ending.kind}`}>
        <span className="sim-ending__time">{ending.at}</span> {what}
      </span>
    );
  }
  return (
    <span className={`sim-ending sim-ending--${ending.kind}`}>
      {ending.kind === 'left' ? 'Left the journey at ' : 'Still waiting at '}
      <span className="sim-ending__time">{ending.at}</span>
      {ending.kind === 'left' ? `: ${ending.text}` : ` in “${ending.text}”`}
    </span>
  );
}
