import type { z } from 'zod';
import { parseDuration } from './duration';
import { humanizeEvent } from './humanize';
import { nodeOutputs } from './outputs';
import { guaranteedRefs } from './presence';
import { Journey, type JourneyNode, type Template } from './schema';
import { lintTemplate } from './template';
import { templateOf } from './template-of';

/** One thing wrong (error) or risky (warning) with a journey, in words a marketer understands. */
export interface Problem {
  severity: 'error' | 'warning';
  nodeId?: string;
  field?: string;
  message: string;
}

export interface ValidationResult {
  /** The parsed journey (defaults filled in) when the schema holds, even if the graph has problems. */
  journey?: Journey;
  problems: Problem[];
}

/** Events that mean setup is done: a journey that reacts to setup events must end on them. */
const COMPLETION_EVENTS = ['sync_completed', 'integration_connected'];
const COMPLETION_PATTERN = /_(completed|connected)$/;

/**
 * Checks a journey: schema, graph, templates and the seed's guardrails. Never throws.
 * @example validateJourney(json).problems.filter((p) => p.severity === 'error').length === 0
 */
export function validateJourney(input: unknown): ValidationResult {
  const parsed = Journey.safeParse(input);
  if (!parsed.success) return { problems: schemaProblems(parsed.error, input) };
  const journey = parsed.data;
  const problems = [...graphProblems(journey), ...templateProblems(journey), ...guardrailProblems(journey)];
  return { journey, problems };
}

/** True when none of the problems is an error. */
export function isValid(result: ValidationResult): boolean {
  return result.journey !== undefined && !result.problems.some((p) => p.severity === 'error');
}

/** What a discriminator picks, in words: `unknown step type 'sms' at nodes[3]`. */
const DISCRIMINATOR_WORDS: Record<string, string> = {
  type: 'step type',
  kind: 'rule kind',
  mode: 'mode',
  action: 'track action',
};

/** `nodes[3].config.rules[0]`: a path as a person finds it in the file. */
function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

/** The value at a path of the input, for naming what it was. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const part of path) value = (value as Record<PropertyKey, unknown> | null | undefined)?.[part];
  return value;
}

/** A discriminator's wrong value said as what it is: "unknown step type 'sms' at nodes[3] (…)". */
function discriminatorMessage(issue: z.core.$ZodIssue, input: unknown): string | undefined {
  const detail = issue as { discriminator?: string; options?: unknown[] };
  if (issue.code !== 'invalid_union' || !detail.discriminator) return undefined;
  const where = issue.path.slice(0, -1);
  const value = valueAt(input, issue.path);
  const what = DISCRIMINATOR_WORDS[detail.discriminator] ?? detail.discriminator;
  const shown = typeof value === 'string' ? `'${value}'` : value === undefined ? '(missing)' : JSON.stringify(value);
  return `unknown ${what} ${shown} at ${pathText(where)} (use one of ${(detail.options ?? []).join(', ')})`;
}

function schemaProblems(error: z.ZodError, input: unknown): Problem[] {
  const nodes = (input as { nodes?: unknown })?.nodes;
  return error.issues.map((issue) => {
    const path = issue.path.map(String);
    const unknown = discriminatorMessage(issue, input);
    if (unknown) {
      const node =
        path[0] === 'nodes' && Array.isArray(nodes) ? (nodes[Number(path[1])] as { id?: unknown }) : undefined;
      return { severity: 'error', ...(typeof node?.id === 'string' ? { nodeId: node.id } : {}), message: unknown };
    }
    if (path[0] === 'nodes' && path.length >= 2 && Array.isArray(nodes)) {
      const node = nodes[Number(path[1])] as { id?: unknown } | undefined;
      const nodeId = typeof node?.id === 'string' ? node.id : `#${path[1]}`;
      const field = path.slice(2).join('.') || undefined;
      return {
        severity: 'error',
        nodeId,
        ...(field ? { field } : {}),
        message: `${field ? `${field}: ` : ''}${issue.message}`,
      };
    }
    const field = path.join('.') || undefined;
    return { severity: 'error', ...(field ? { field } : {}), message: `${field ? `${field}: ` : ''}${issue.message}` };
  });
}

/**
 * A step as a sentence names it: its title, or its kind. Problems about one step carry its id in
 * `nodeId`, and the app shows the step's title beside them: the words themselves name no step.
 */
function stepWords(node: JourneyNode): string {
  return node.title ? `“${node.title}”` : `the ${node.type.replace('_', ' ')} step`;
}

function graphProblems(journey: Journey): Problem[] {
  const problems: Problem[] = [];
  const byId = new Map<string, JourneyNode>();
  for (const node of journey.nodes) {
    if (byId.has(node.id))
      problems.push({
        severity: 'error',
        nodeId: node.id,
        field: 'id',
        message: `Two nodes share the id "${node.id}".`,
      });
    byId.set(node.id, node);
  }
  const triggers = journey.nodes.filter((n) => n.type === 'trigger');
  if (triggers.length === 0)
    problems.push({ severity: 'error', message: 'The journey has no trigger: nobody can enter it.' });

  const used = new Map<string, string>();
  const incoming = new Map<string, number>();
  for (const edge of journey.edges) {
    const from = byId.get(edge.from);
    if (!from) {
      problems.push({
        severity: 'error',
        field: `edges.${edge.id}`,
        message: `A connection starts at a step that does not exist ("${edge.from}").`,
      });
      continue;
    }
    if (!byId.has(edge.to)) {
      problems.push({
        severity: 'error',
        nodeId: edge.from,
        field: `edges.${edge.id}`,
        message: `Connects to a step that does not exist ("${edge.to}").`,
      });
      continue;
    }
    const outputs = nodeOutputs(from).map((o) => o.id);
    if (!outputs.includes(edge.output)) {
      problems.push({
        severity: 'error',
        nodeId: edge.from,
        field: `edges.${edge.id}`,
        message: `Has no way out called "${edge.output}" (it has ${outputs.join(', ') || 'none'}).`,
      });
      continue;
    }
    const key = `${edge.from}/${edge.output}`;
    if (used.has(key)) {
      problems.push({
        severity: 'error',
        nodeId: edge.from,
        field: `edges.${edge.id}`,
        message: `“${edge.output}” is connected twice; a path can only go one way.`,
      });
    }
    used.set(key, edge.to);
    incoming.set(edge.to, (incoming.get(edge.to) ?? 0) + 1);
    if (byId.get(edge.to)?.type === 'trigger') {
      problems.push({
        severity: 'error',
        nodeId: edge.to,
        field: `edges.${edge.id}`,
        message: 'This is a trigger: nothing can lead into it.',
      });
    }
  }
  for (const node of journey.nodes) {
    for (const output of nodeOutputs(node)) {
      if (!used.has(`${node.id}/${output.id}`)) {
        problems.push({
          severity: 'warning',
          nodeId: node.id,
          field: `outputs.${output.id}`,
          message: `Nothing comes after “${output.label}”: people who go that way leave the journey.`,
        });
      }
    }
    problems.push(...nodeProblems(node, journey));
  }
  const targets = new Map<string, string[]>();
  for (const edge of journey.edges) {
    const list = targets.get(edge.from);
    if (list) list.push(edge.to);
    else targets.set(edge.from, [edge.to]);
  }
  const reachable = new Set<string>();
  const stack = triggers.map((t) => t.id);
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (reachable.has(id)) continue;
    reachable.add(id);
    for (const to of targets.get(id) ?? []) stack.push(to);
  }
  for (const node of journey.nodes) {
    if (!reachable.has(node.id))
      problems.push({
        severity: 'warning',
        nodeId: node.id,
        message: 'No path from a trigger leads here.',
      });
  }
  problems.push(...loopProblems(journey, byId));
  return problems;
}

function nodeProblems(node: JourneyNode, journey: Journey): Problem[] {
  const problems: Problem[] = [];
  switch (node.type) {
    case 'random_split': {
      const total = node.config.branches.reduce((sum, b) => sum + b.percent, 0);
      if (Math.abs(total - 100) > 1e-9)
        problems.push({
          severity: 'error',
          nodeId: node.id,
          field: 'config.branches',
          message: `The percentages add up to ${total}%, not 100%.`,
        });
      const names = node.config.branches.map((b) => b.output);
      if (new Set(names).size !== names.length)
        problems.push({
          severity: 'error',
          nodeId: node.id,
          field: 'config.branches',
          message: 'Two branches have the same name.',
        });
      break;
    }
    case 'split': {
      const names = node.config.cases.map((c) => c.output);
      if (new Set(names).size !== names.length || names.includes('everyone_else')) {
        problems.push({
          severity: 'error',
          nodeId: node.id,
          field: 'config.cases',
          message: 'Each branch needs its own name (and "everyone_else" is taken).',
        });
      }
      if (node.config.cases.length === 0)
        problems.push({
          severity: 'warning',
          nodeId: node.id,
          field: 'config.cases',
          message: 'This split has no branches: everyone goes to "everyone else".',
        });
      break;
    }
    case 'wait':
      if (typeof node.config.timeout === 'string' && parseDuration(node.config.timeout) === 0) {
        problems.push({
          severity: 'error',
          nodeId: node.id,
          field: 'config.timeout',
          message: 'A wait needs a timeout longer than zero.',
        });
      }
      break;
    case 'email':
      if (!templateOf(journey, node.config.template)) {
        problems.push({
          severity: 'error',
          nodeId: node.id,
          field: 'config.template',
          message: `The email's content "${node.config.template}" is missing.`,
        });
      }
      break;
    case 'webhook':
      if (!/^https?:\/\//.test(node.config.url))
        problems.push({
          severity: 'error',
          nodeId: node.id,
          field: 'config.url',
          message: 'The webhook URL must start with http:// or https://.',
        });
      break;
    default:
      break;
  }
  const varNames = journey.variables.map((v) => v.name);
  for (const ref of refsOf(node)) {
    if (ref.startsWith('vars.') && !varNames.includes(ref.slice(5))) {
      problems.push({
        severity: 'error',
        nodeId: node.id,
        message: `Uses the journey variable "${ref}", which is not defined.`,
      });
    }
  }
  return problems;
}

function refsOf(node: JourneyNode): string[] {
  const refs: string[] = [];
  const spec =
    node.type === 'wait'
      ? node.config.timeout
      : node.type === 'delay' && node.config.mode === 'duration'
        ? node.config.duration
        : undefined;
  if (spec && typeof spec !== 'string') refs.push(spec.by);
  if (node.type === 'split') refs.push(node.config.value);
  return refs;
}

/** A cycle whose every node runs instantly would spin forever: it needs a delay or a wait in it. */
function loopProblems(journey: Journey, byId: Map<string, JourneyNode>): Problem[] {
  const instant = (id: string) => {
    const type = byId.get(id)?.type;
    return type !== undefined && type !== 'delay' && type !== 'wait';
  };
  // Edges between instant steps, by their start: one pass, so the walk is linear in the journey.
  const next = new Map<string, string[]>();
  for (const edge of journey.edges) {
    if (!instant(edge.from) || !instant(edge.to)) continue;
    const list = next.get(edge.from);
    if (list) list.push(edge.to);
    else next.set(edge.from, [edge.to]);
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const problems: Problem[] = [];
  // Depth-first without recursion (a 30,000-step chain must not overflow the stack); `path` is the
  // steps on the way down, pushed and popped once each.
  for (const node of journey.nodes) {
    if (!instant(node.id) || state.has(node.id)) continue;
    const path: string[] = [node.id];
    const cursor: number[] = [0];
    state.set(node.id, 'visiting');
    while (path.length > 0) {
      const id = path[path.length - 1] as string;
      const edges = next.get(id) ?? [];
      const index = cursor[cursor.length - 1] as number;
      if (index >= edges.length) {
        state.set(id, 'done');
        path.pop();
        cursor.pop();
        continue;
      }
      cursor[cursor.length - 1] = index + 1;
      const to = edges[index] as string;
      const seen = state.get(to);
      if (seen === 'visiting') {
        const cycle = [...path.slice(path.indexOf(to)), to];
        const names = cycle.map((id) => {
          const step = byId.get(id);
          return step ? stepWords(step) : id;
        });
        problems.push({
          severity: 'error',
          nodeId: to,
          message: `These steps loop with no delay or wait between them: ${names.join(' → ')}.`,
        });
      } else if (seen === undefined) {
        state.set(to, 'visiting');
        path.push(to);
        cursor.push(0);
      }
    }
  }
  return problems;
}

function templateProblems(journey: Journey): Problem[] {
  const problems: Problem[] = [];
  const vars = journey.variables.map((v) => v.name);
  const guaranteed = guaranteedRefs(journey);
  // An email goes out only to a valid address, so its templates always have user.email.
  const inEmails = new Set([...guaranteed, 'user.email']);
  const usedBy = new Map<string, string[]>();
  for (const node of journey.nodes) {
    if (node.type !== 'email') continue;
    const users = usedBy.get(node.config.template);
    if (users) users.push(node.id);
    else usedBy.set(node.config.template, [node.id]);
  }
  for (const [name, template] of Object.entries(journey.templates)) {
    const nodeId = usedBy.get(name)?.[0];
    const add = (part: keyof Template, issue: { severity: Problem['severity']; message: string }) =>
      problems.push({ ...issue, ...(nodeId ? { nodeId } : {}), field: `templates.${name}.${part}` });
    if (nodeId && template.subject.trim() === '') {
      add('subject', { severity: 'error', message: 'The email has no subject: people would get “(no subject)”.' });
    }
    if (nodeId && !hasBody(template)) {
      add('text', { severity: 'error', message: 'The email has no body: write what it should say.' });
    }
    for (const issue of lintTemplate(template.subject, vars, inEmails))
      add('subject', { ...issue, message: `Subject: ${issue.message}` });
    // Markdown emails have the same words in both parts: one problem for both, said once.
    const html = lintTemplate(template.html, vars, inEmails);
    const text = lintTemplate(template.text, vars, inEmails);
    const inText = new Set(text.map((issue) => issue.message));
    const inHtml = new Set(html.map((issue) => issue.message));
    for (const issue of html)
      add('html', { ...issue, message: `${inText.has(issue.message) ? 'Body' : 'HTML body'}: ${issue.message}` });
    for (const issue of text)
      if (!inHtml.has(issue.message)) add('text', { ...issue, message: `Text body: ${issue.message}` });
  }
  for (const node of journey.nodes) {
    const sources: [string, string][] =
      node.type === 'webhook'
        ? [['config.body', node.config.body]]
        : node.type === 'track' && node.config.action === 'event'
          ? Object.entries(node.config.properties).map(([k, v]) => [`config.properties.${k}`, v])
          : node.type === 'track' && node.config.action === 'trait'
            ? [['config.value', node.config.value]]
            : [];
    for (const [field, source] of sources) {
      for (const issue of lintTemplate(source, vars, guaranteed))
        problems.push({ severity: issue.severity, nodeId: node.id, field, message: issue.message });
    }
  }
  return problems;
}

/**
 * True when an email says something besides its unsubscribe footer: the text part before its
 * signature line ("--"), or else the HTML part's words outside the unsubscribe link.
 */
function hasBody(template: Template): boolean {
  const text = template.text.split(/^-- ?$/m)[0] ?? '';
  if (text.trim() !== '') return true;
  const words = template.html
    .replace(/<a\b[^>]*\{\{-?\s*unsubscribe_url[\s\S]*?<\/a>/gi, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ');
  return words.trim() !== '';
}

/** The seed's guardrail: reminders stop the moment setup completes. */
function guardrailProblems(journey: Journey): Problem[] {
  const mentioned = new Set<string>();
  for (const node of journey.nodes)
    if (node.type === 'trigger' || node.type === 'wait') mentioned.add(node.config.event);
  const isSetupJourney = [...mentioned].some((e) =>
    /^(integration_|setup_|api_key_|domain_|test_event_|sync_)/.test(e),
  );
  const completion = new Set<string>([...mentioned].filter((e) => COMPLETION_PATTERN.test(e)));
  if (isSetupJourney) for (const e of COMPLETION_EVENTS) completion.add(e);
  const exits = new Set(journey.exitRules.map((r) => r.event));
  const problems: Problem[] = [];
  for (const event of completion) {
    if (!exits.has(event)) {
      problems.push({
        severity: 'warning',
        field: 'exitRules',
        message: `Users who reach ${humanizeEvent(event)} (${event}) keep getting reminders: add an exit rule for it.`,
      });
    }
  }
  return problems;
}
