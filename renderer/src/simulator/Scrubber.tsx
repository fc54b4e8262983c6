import type { ReactNode } from 'react';
import { formatOffset } from '../model/scenario-timeline';
import { useAppStore, useAppStoreApi } from '../store/context';
import { formatMoment } from './clock';
import { clockAt, nextDecision, previousDecision, stepBack, stepForward } from './playback';
import { SimIcon, type SimIconName } from './SimIcon';
import type { SimulationView } from './useSimulationView';

/**
 * The virtual clock: a slider over the steps of the path, play / pause, one step, and jumps
 * between decisions. Ticks under the slider mark the emails and the decisions.
 */
export function Scrubber({ view }: { view: SimulationView }) {
  const store = useAppStoreApi();
  const cursor = useAppStore((state) => state.simulation?.cursor ?? 0);
  const playing = useAppStore((state) => state.simulation?.playing ?? false);
  const { result, times, decisions, kinds } = view;
  const length = times.length;
  const at = clockAt(times, cursor, result.start);
  const current = cursor > 0 ? result.path[cursor - 1] : undefined;
  const go = (to: number) => {
    store.getState().setPlaying(false);
    store.getState().setCursor(to, { follow: true });
  };

  return (
    <div className="sim-scrubber" data-testid="sim-scrubber" data-cursor={cursor} data-length={length}>
      <div className="sim-scrubber__clock">
        <span className="sim-scrubber__time" data-testid="sim-clock" title={formatMoment(at, view.timeZone)}>
          {formatOffset(at - result.start)}
        </span>
        <span className="sim-scrubber__moment">{formatMoment(at, view.timeZone)}</span>
        <span className="sim-scrubber__count">
          step {cursor} of {length}
        </span>
      </div>
      <div className="sim-scrubber__track">
        <input
          type="range"
          className="sim-scrubber__range"
          min={0}
          max={length}
          step={1}
          value={cursor}
          aria-label="Virtual clock"
          aria-valuetext={`${formatOffset(at - result.start)}${current ? `: ${current.message}` : ': the start'}`}
          data-testid="sim-range"
          onChange={(event) => go(Number(event.target.value))}
        />
        <div className="sim-scrubber__ticks" aria-hidden="true">
          {kinds.map((kind, index) =>
            kind === 'email' || decisions[index] ? (
              <span
                // biome-ignore lint/suspicious/noArrayIndexKey: a tick is the step at its index.
                key={index}
                className={`sim-tick sim-tick--${kind === 'email' ? 'email' : kind === 'skip' ? 'skip' : 'decision'}`}
                style={{ left: `${((index + 1) / Math.max(1, length)) * 100}%` }}
              />
            ) : null,
          )}
        </div>
      </div>
      <div className="sim-scrubber__controls">
        <Control
          icon="restart"
          label="Back to the start"
          testId="sim-restart"
          onClick={() => go(0)}
          disabled={cursor === 0}
        />
        <Control
          icon="previousDecision"
          label="Previous decision"
          testId="sim-previous-decision"
          onClick={() => go(previousDecision(decisions, cursor))}
          disabled={cursor === 0}
        />
        <Control
          icon="stepBack"
          label="Step back"
          testId="sim-step-back"
          onClick={() => go(stepBack(cursor, length))}
          disabled={cursor === 0}
        />
        <button
          type="button"
          className="button button--small sim-play"
          data-testid="sim-play"
          aria-pressed={playing}
          onClick={() => store.getState().setPlaying(!playing)}
          disabled={length === 0}
        >
          <SimIcon name={playing ? 'pause' : 'play'} size={14} />
          {playing ? 'Pause' : 'Play'}
        </button>
        <Control
          icon="stepForward"
          label="Step forward"
          testId="sim-step-forward"
          onClick={() => go(stepForward(cursor, length))}
          disabled={cursor >= length}
        />
        <button
          type="button"
          className="button button--small"
          data-testid="sim-next-decision"
          title="Jump to the next decision"
          onClick={() => go(nextDecision(decisions, cursor))}
          disabled={cursor >= length}
        >
          Next decision
          <SimIcon name="nextDecision" size={14} />
        </button>
      </div>
    </div>
  );
}

function Control({
  icon,
  label,
  testId,
  onClick,
  disabled,
}: {
  icon: SimIconName;
  label: string;
  testId: string;
  onClick: () => void;
  disabled: boolean;
}): ReactNode {
  return (
    <button
      type="button"
      className="icon-button sim-control"
      aria-label={label}
      title={label}
      data-testid={testId}
      onClick={onClick}
      disabled={disabled}
    >
      <SimIcon name={icon} />
    </button>
  );
}
