import { describe, expect, it } from 'vitest';
import { Journey } from '../../../shared/journey/schema';
import { applyEdit, createNode, type JourneyEdit } from '../model/edit';
import { EMPTY_HISTORY, type History, MERGE_WINDOW_MS, record, redo, undo } from './history';

const empty = Journey.parse({ formatVersion: 1, id: 'draft', name: 'Draft', nodes: [], edges: [] });

function session() {
  let journey = empty;
  let history: History = EMPTY_HISTORY;
  let now = 1000;
  return {
    edit(edit: JourneyEdit, key?: string, elapsed = 10) {
      now += elapsed;
      const next = applyEdit(journey, edit);
      history = record(history, journey, next, { key, at: now });
      journey = next;
    },
    undo() {
      const result = undo(history, journey);
      if (result) ({ journey, history } = result);
      return !!result;
    },
    redo() {
      const result = redo(history, journey);
      if (result) ({ journey, history } = result);
      return !!result;
    },
    get journey() {
      return journey;
    },
    get history() {
      return history;
    },
  };
}

function addTwoNodes(s: ReturnType<typeof session>) {
  const a = createNode(s.journey, 'trigger', { x: 0, y: 0 }).node;
  s.edit({ type: 'add', fragment: { nodes: [a], edges: [], templates: {} } });
  const b = createNode(s.journey, 'exit', { x: 0, y: 200 }).node;
  s.edit({ type: 'add', fragment: { nodes: [b], edges: [], templates: {} } });
  return { a, b };
}

describe('history', () => {
  it('undoes and redoes add, connect, move and delete one step at a time', () => {
    const s = session();
    const { a, b } = addTwoNodes(s);
    s.edit({ type: 'connect', from: a.id, output: 'next', to: b.id });
    s.edit({ type: 'move', positions: { [b.id]: { x: 50, y: 300 } } });
    s.edit({ type: 'remove', nodeIds: [a.id] });
    const states: string[] = [JSON.stringify(s.journey)];
    while (s.undo()) states.push(JSON.stringify(s.journey));
    expect(states).toHaveLength(6);
    expect(JSON.parse(states[5] as string)).toEqual(empty);
    const forward: string[] = [JSON.stringify(s.journey)];
    while (s.redo()) forward.push(JSON.stringify(s.journey));
    expect(forward).toEqual(states.reverse());
  });

  it('merges a run of edits with the same key into one step', () => {
    const s = session();
    const { b } = addTwoNodes(s);
    for (const reason of ['d', 'do', 'don', 'done']) {
      s.edit({ type: 'update_node', id: b.id, node: { ...b, type: 'exit', config: { reason } } }, `reason:${b.id}`);
    }
    expect(s.history.past).toHaveLength(3);
    s.undo();
    expect(s.journey.nodes[1]).toEqual(b);
  });

  it('starts a new step when the same field is edited again later', () => {
    const s = session();
    const { b } = addTwoNodes(s);
    s.edit({ type: 'update_node', id: b.id, node: { ...b, type: 'exit', config: { reason: 'a' } } }, 'k');
    s.edit(
      { type: 'update_node', id: b.id, node: { ...b, type: 'exit', config: { reason: 'b' } } },
      'k',
      MERGE_WINDOW_MS + 1,
    );
    expect(s.history.past).toHaveLength(4);
  });

  it('clears redo when a new change is made', () => {
    const s = session();
    addTwoNodes(s);
    s.undo();
    expect(s.history.future).toHaveLength(1);
    s.edit({ type: 'update_journey', changes: { name: 'Renamed' } });
    expect(s.history.future).toEqual([]);
    expect(s.redo()).toBe(false);
  });

  it('records nothing for an edit that changes nothing', () => {
    const s = session();
    s.edit({ type: 'move', positions: {} });
    expect(s.history.past).toEqual([]);
  });
});
