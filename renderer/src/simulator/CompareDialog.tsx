import { useId, useMemo, useState } from 'react';
import type { Journey } from '../../../shared/journey/schema';
import { runScenario } from '../model/scenario-run';
import { useAppStore, useAppStoreApi } from '../store/context';
import { selectDraft, selectSendingLimits, simulationConfig } from '../store/selectors';
import { Modal } from '../ui/Modal';
import { type CompareRun, compareScenarios } from './compare';
import { EndingText } from './Summary';

/** Saved scenarios side by side: which emails each user gets, and when. */
export function CompareDialog({ onClose }: { onClose: () => void }) {
  const journey = useAppStore(selectDraft) as Journey;
  const store = useAppStoreApi();
  // The live engine's cap across journeys, so the comparison matches production.
  const limits = useAppStore(selectSendingLimits);
  const scenarios = journey.scenarios;
  const [picked, setPicked] = useState<ReadonlySet<string>>(() => new Set(scenarios.map((s) => s.id)));
  const pickId = useId();
  const runs = useMemo(
    () =>
      scenarios
        .filter((scenario) => picked.has(scenario.id))
        .flatMap((scenario): CompareRun[] => {
          try {
            const result = runScenario(journey, scenario, { config: simulationConfig(limits) });
            return [{ id: scenario.id, name: scenario.name, result }];
          } catch {
            return [];
          }
        }),
    [journey, scenarios, picked, limits],
  );
  const table = useMemo(() => compareScenarios(journey, runs), [journey, runs]);
  const toggle = (id: string) =>
    setPicked((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const openScenario = (id: string) => {
    const scenario = scenarios.find((s) => s.id === id);
    if (!scenario) return;
    store.getState().openScenario(scenario, scenario.id);
    onClose();
  };

  return (
    <Modal open onClose={onClose} title="Compare scenarios" size="full" testId="compare-dialog">
      <fieldset className="sim-compare__pick" aria-describedby={pickId}>
        <legend className="field__label">Scenarios</legend>
        {scenarios.map((scenario) => (
          <label key={scenario.id} className="sim-compare__option">
            <input
              type="checkbox"
              checked={picked.has(scenario.id)}
              onChange={() => toggle(scenario.id)}
              data-testid={`compare-pick-${scenario.id}`}
            />
            {scenario.name}
          </label>
        ))}
        <p className="field__hint" id={pickId}>
          Times are from each scenario’s start. Click a scenario’s name to simulate it on the canvas.
        </p>
      </fieldset>
      {runs.length < 2 ? (
        <p className="panel-message" data-testid="compare-pick-more">
          Pick two or more scenarios to compare.
        </p>
      ) : (
        <div className="sim-compare__scroll">
          <table className="sim-compare" data-testid="compare-table">
            <thead>
              <tr>
                <th scope="col" className="sim-compare__corner">
                  Email
                </th>
                {table.columns.map((column) => (
                  <th scope="col" key={column.id} data-testid={`compare-col-${column.id}`}>
                    <button type="button" className="link-button" onClick={() => openScenario(column.id)}>
                      {column.name}
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row) => (
                <tr key={row.nodeId} data-testid={`compare-row-${row.nodeId}`}>
                  <th scope="row">
                    <span className="sim-compare__title">{row.title}</span>
                    <span className="sim-compare__subject">{row.subject ?? 'Not sent in these scenarios'}</span>
                  </th>
                  {row.cells.map((cell, index) => {
                    const column = table.columns[index];
                    return (
                      <td
                        key={column?.id ?? index}
                        data-testid={`compare-cell-${row.nodeId}-${column?.id}`}
                        className={cell.sent.length > 0 ? 'sim-compare__got' : undefined}
                      >
                        {cell.sent.length > 0 ? (
                          cell.sent.map((time) => (
                            <span key={time} className="sim-compare__time">
                              {time}
                            </span>
                          ))
                        ) : cell.skipped ? (
                          <span className="sim-compare__skipped" title={cell.skipped}>
                            {cell.skipped}
                          </span>
                        ) : (
                          <span className="sim-compare__none" title="Not sent">
                            —
                          </span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Emails in all</th>
                {table.columns.map((column) => (
                  <td key={column.id} data-testid={`compare-total-${column.id}`}>
                    {column.emails}
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row">How it ends</th>
                {table.columns.map((column) => (
                  <td key={column.id} data-testid={`compare-ending-${column.id}`}>
                    <EndingText ending={column.ending} compact />
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </Modal>
  );
}
