import { describe, expect, it } from 'vitest';
import {
  applyEdit,
  copyFragment,
  createNode,
  edgeId,
  newNode,
  nodeIdProblem,
  prepareFragment,
} from '../../../renderer/src/model/edit';
import { NODE_TYPES } from '../../../shared/journey/schema';
import { validateJourney } from '../../../shared/journey/validate';
import { emptyJourney, seedJourney } from './fixtures';

describe('applyEdit', () => {
  it('adds a node with a free id, and an email with its own template', () => {
    let journey = emptyJourney();
    const first = createNode(journey, 'email', { x: 10.4, y: 20 });
    journey = applyEdit(journey, {
      type: 'add',
      fragment: {
        nodes: [first.node],
        edges: [],
        templates: { email_1: first.template ?? { subject: '', html: '', text: '' } },
      },
    });
    expect(journey.nodes.map((n) => n.id)).toEqual(['email_1']);
    expect(journey.nodes[0]?.position).toEqual({ x: 10, y: 20 });
    expect(Object.keys(journey.templates)).toEqual(['email_1']);
    expect(createNode(journey, 'email', { x: 0, y: 0 }).node.id).toBe('email_2');
  });

  it('gives every node type a starting config the schema accepts', () => {
    for (const type of NODE_TYPES) {
      const node = newNode(type, `${type}_1`, { x: 0, y: 0 });
      const journey = {
        ...emptyJourney(),
        nodes: [node],
        templates: { [`${type}_1`]: { subject: 's', html: '', text: '' } },
      };
      const problems = validateJourney(journey).problems.filter(
        (p) => p.severity === 'error' && p.field?.startsWith('config'),
      );
      // Required choices left empty (an event name) are the only schema complaints.
      for (const problem of problems) expect(problem.field).toMatch(/event$/);
    }
  });

  it('connects an output, replacing the edge that already left it', () => {
    const seed = seedJourney();
    const next = applyEdit(seed, { type: 'connect', from: 'wait_api_key', output: 'happened', to: 'wait_test' });
    const leaving = next.edges.filter((e) => e.from === 'wait_api_key' && e.output === 'happened');
    expect(leaving).toEqual([
      {
        id: edgeId('wait_api_key', 'happened', 'wait_test'),
        from: 'wait_api_key',
        output: 'happened',
        to: 'wait_test',
      },
    ]);
    expect(next.edges).toHaveLength(seed.edges.length);
  });

  it('keeps untouched nodes by identity', () => {
    const seed = seedJourney();
    const moved = applyEdit(seed, { type: 'move', positions: { confirm: { x: 1, y: 2 } } });
    expect(moved.nodes.filter((n, i) => n !== seed.nodes[i]).map((n) => n.id)).toEqual(['confirm']);
    expect(moved.edges).toBe(seed.edges);
    expect(applyEdit(seed, { type: 'move', positions: { confirm: seed.nodes[1]?.position ?? { x: 0, y: 0 } } })).toBe(
      seed,
    );
  });

  it('removes nodes with their edges and the emails nobody else uses', () => {
    const seed = seedJourney();
    const next = applyEdit(seed, { type: 'remove', nodeIds: ['credential_help'] });
    expect(next.nodes.some((n) => n.id === 'credential_help')).toBe(false);
    expect(next.edges.some((e) => e.from === 'credential_help' || e.to === 'credential_help')).toBe(false);
    expect(next.templates.credential_help).toBeUndefined();
    expect(next.templates.confirm).toBe(seed.templates.confirm);
  });

  it('inserts a node in the middle of an edge', () => {
    const seed = seedJourney();
    const { node } = createNode(seed, 'delay', { x: 0, y: 0 });
    const next = applyEdit(seed, { type: 'insert_on_edge', edgeId: 'start-next-confirm', node });
    expect(next.edges.filter((e) => e.from === 'start' || e.to === 'confirm').map((e) => `${e.from}>${e.to}`)).toEqual([
      'start>delay_1',
      'delay_1>confirm',
    ]);
  });

  it('renames a node into its edges and its email template', () => {
    const seed = seedJourney();
    const node = seed.nodes.find((n) => n.id === 'credential_help');
    if (!node) throw new Error('missing');
    const next = applyEdit(seed, { type: 'update_node', id: 'credential_help', node: { ...node, id: 'key_help' } });
    expect(next.edges.filter((e) => e.to === 'key_help' || e.from === 'key_help').map((e) => e.id)).toEqual([
      'known_error-false-key_help',
      'key_help-next-wait_api_key_after_help',
    ]);
    const renamed = next.nodes.find((n) => n.id === 'key_help');
    expect(renamed?.type === 'email' && renamed.config.template).toBe('key_help');
    expect(next.templates.key_help).toBe(seed.templates.credential_help);
    expect(validateJourney(next).problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('drops the edges of split outputs that were removed', () => {
    let journey = emptyJourney();
    const split = newNode('split', 'by_role', { x: 0, y: 0 });
    const exit = newNode('exit', 'done', { x: 0, y: 0 });
    journey = applyEdit(journey, { type: 'add', fragment: { nodes: [split, exit], edges: [], templates: {} } });
    journey = applyEdit(journey, { type: 'connect', from: 'by_role', output: 'founder', to: 'done' });
    if (split.type !== 'split') throw new Error('not a split');
    journey = applyEdit(journey, {
      type: 'update_node',
      id: 'by_role',
      node: { ...split, config: { ...split.config, cases: [] } },
    });
    expect(journey.edges).toEqual([]);
  });
});

describe('copy and paste', () => {
  it('copies nodes with the edges among them and their emails', () => {
    const fragment = copyFragment(seedJourney(), ['known_error', 'credential_help', 'wait_api_key']);
    expect(fragment.nodes.map((n) => n.id)).toEqual(['wait_api_key', 'known_error', 'credential_help']);
    expect(fragment.edges.map((e) => e.id)).toEqual([
      'wait_api_key-timed_out-known_error',
      'known_error-false-credential_help',
    ]);
    expect(Object.keys(fragment.templates)).toEqual(['credential_help']);
  });

  it('pastes into the same journey with fresh ids, renamed edges and templates, shifted', () => {
    const seed = seedJourney();
    const fragment = prepareFragment(seed, copyFragment(seed, ['known_error', 'credential_help']), { x: 40, y: 40 });
    expect(fragment.nodes.map((n) => n.id)).toEqual(['known_error_2', 'credential_help_2']);
    expect(fragment.edges.map((e) => `${e.id}`)).toEqual(['known_error_2-false-credential_help_2']);
    expect(Object.keys(fragment.templates)).toEqual(['credential_help_2']);
    const email = fragment.nodes[1];
    expect(email?.type === 'email' && email.config.template).toBe('credential_help_2');
    expect(fragment.nodes[0]?.position).toEqual({ x: 224, y: 524 });
    const pasted = applyEdit(seed, { type: 'add', fragment });
    expect(validateJourney(pasted).problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('pastes into another journey keeping the ids', () => {
    const fragment = prepareFragment(emptyJourney(), copyFragment(seedJourney(), ['confirm']), { x: 0, y: 0 });
    expect(fragment.nodes.map((n) => n.id)).toEqual(['confirm']);
    expect(Object.keys(fragment.templates)).toEqual(['confirm']);
  });
});

describe('ids', () => {
  it('explains why an id cannot be used', () => {
    const seed = seedJourney();
    expect(nodeIdProblem(seed, 'confirm', 'start')).toMatch(/already called "start"/);
    expect(nodeIdProblem(seed, 'confirm', 'has space')).toMatch(/letters, digits/);
    expect(nodeIdProblem(seed, 'confirm', 'confirm')).toBeUndefined();
  });
});
