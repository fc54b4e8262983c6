import { Context, Liquid, toValue, toValueSync } from 'liquidjs';
import './liquid-positions';
import { createRunawayGuard } from './runaway-guard';
import type { Template } from './schema';
import { type CompiledTemplate, compileTemplate } from './template-compile';
import { missingFallbacks } from './template-fallbacks';

/**
 * Liquid templating for emails, webhooks and track nodes. Rendering is synchronous so the
 * interpreter stays a plain function. HTML output escapes every value; text and subjects do not.
 *
 * Templates are written by people with access to the app, and rendered inside the host: they get
 * a sandbox. No files: partials (`include`, `render`, `layout`) are refused and liquidjs is given
 * an empty in-memory file system, so nothing on disk can be read or probed. Limits: a template's
 * size, the time one render may take and the memory its filters may allocate (liquidjs's
 * parseLimit, renderLimit, memoryLimit). A template over a limit is an error when the journey is
 * checked, and a recorded failure (`template_error`) when a message is rendered.
 */

/** The longest template source, in characters (about 200 KB of HTML; real emails are far smaller). */
export const MAX_TEMPLATE_CHARS = 200_000;
/**
 * The longest one render may take before it is stopped. Wall-clock time (liquidjs has no other
 * measure), so it is far above a real email's few milliseconds: a busy machine must not stop a
 * sound template. Runaway loops are mostly stopped sooner, deterministically, by MEMORY_LIMIT.
 */
export const RENDER_LIMIT_MS = 1000;
/** What liquidjs's memory-sensitive filters and ranges may allocate in one render (liquidjs's units). */
export const MEMORY_LIMIT = 500_000;
/**
 * The most characters one render may write (a real email is a few tens of KB). liquidjs limits
 * neither loops' output nor its total: two nested loops in a 1 KB template wrote 490 million.
 */
export const MAX_OUTPUT_CHARS = 1_000_000;
const OUTPUT_LIMIT = `output limit exceeded: a render may write ${MAX_OUTPUT_CHARS.toLocaleString('en')} characters`;

const SANDBOX = {
  strictFilters: true,
  cache: 200,
  templates: {},
  relativeReference: false,
  parseLimit: MAX_TEMPLATE_CHARS,
  renderLimit: RENDER_LIMIT_MS,
  memoryLimit: MEMORY_LIMIT,
} as const;

/** Tags that load other templates: refused when parsed, with words that say why. */
const FILE_TAGS = ['include', 'render', 'layout'] as const;

const htmlLiquid = sandboxed(new Liquid({ ...SANDBOX, outputEscape: 'escape' }));
const textLiquid = sandboxed(new Liquid(SANDBOX));

function sandboxed(liquid: Liquid): Liquid {
  for (const tag of FILE_TAGS) {
    liquid.registerTag(tag, {
      parse() {
        throw new Error(`{% ${tag} %} is not available: templates cannot load other templates or files`);
      },
      render() {
        return '';
      },
    });
  }
  return liquid;
}

/** The variables a template can use. */
export interface TemplateContext {
  user: Record<string, unknown>;
  trigger: Record<string, unknown>;
  event: Record<string, unknown>;
  vars: Record<string, unknown>;
  journey: Record<string, unknown>;
  unsubscribe_url: string;
}

/** Variable roots a template may reference; anything else is a typo. */
export const TEMPLATE_ROOTS = ['user', 'trigger', 'event', 'vars', 'journey', 'unsubscribe_url'] as const;

/** What a template can read of its journey (see templateContext); all of them always have a value. */
export const JOURNEY_FIELDS = ['id', 'name', 'entered_at', 'last_event'] as const as readonly string[];

/** Variables that always have a value, so they need no `default`. */
const ALWAYS_PRESENT = /^(user\.id|journey\.[A-Za-z_]+|vars\.[A-Za-z_]+|unsubscribe_url)$/;

/**
 * Renders text with Liquid.
 * @example renderText('Hi {{ user.name | default: "there" }}', ctx) // 'Hi there'
 */
export function renderText(source: string, context: TemplateContext): string {
  refuseKnownRunaway(source);
  const fast = compiled(textCompiled, source, false);
  if (fast) {
    const out = compiledOutput(fast, context);
    if (out !== undefined) return out;
  }
  return limited(source, () => renderCapped(textLiquid, parsed(textLiquid, textParsed, source), context));
}

/** Renders HTML with Liquid, escaping every output. */
export function renderHtml(source: string, context: TemplateContext): string {
  refuseKnownRunaway(source);
  const fast = compiled(htmlCompiled, source, true);
  if (fast) {
    const out = compiledOutput(fast, context);
    if (out !== undefined) return out;
  }
  return limited(source, () => renderCapped(htmlLiquid, parsed(htmlLiquid, htmlParsed, source), context));
}

/**
 * A compiled render's output, or undefined when it met a value outside plain data (a drop, a
 * function) and liquidjs must render it (or throw its own error). The subset has no loops, so its
 * output is bounded by the template and the values; it is held to the same cap all the same.
 */
function compiledOutput(render: CompiledTemplate, context: TemplateContext): string | undefined {
  let out: string;
  try {
    out = render(context);
  } catch {
    return undefined;
  }
  if (out.length > MAX_OUTPUT_CHARS) throw new Error(`the template went over its limits (${OUTPUT_LIMIT})`);
  return out;
}

/** liquidjs's text of an output value (its SimpleEmitter's `stringify`). */
const asText = (value: unknown): string => {
  const plain = toValue(value);
  if (typeof plain === 'string') return plain;
  if (plain === null || plain === undefined) return '';
  if (Array.isArray(plain)) return plain.map(asText).join('');
  return String(plain);
};

/** liquidjs's emitter, stopping the render the moment its output passes MAX_OUTPUT_CHARS. */
class CappedEmitter {
  buffer = '';
  write(html: unknown): void {
    this.buffer += asText(html);
    if (this.buffer.length > MAX_OUTPUT_CHARS) throw new Error(OUTPUT_LIMIT);
  }
}

/** `liquid.renderSync`, with the output cap: the same context and render, our emitter. */
function renderCapped(liquid: Liquid, templates: Parsed, context: TemplateContext): string {
  const ctx = new Context(context as unknown as Record<string, unknown>, liquid.options, { sync: true }, { liquid });
  return toValueSync(liquid.renderer.renderTemplates(templates, ctx, new CappedEmitter())) as string;
}

const runaways = createRunawayGuard();
const TIME_LIMIT = /render limit exceeded/;
const ANY_LIMIT = /limit exceeded/;

function refuseKnownRunaway(source: string): void {
  const reason = runaways.refusal(source, Date.now());
  if (reason !== undefined) throw new Error(reason);
}

/** Renders through liquidjs; a render stopped by a limit becomes one plain error, and a strike when it ran out of time. */
function limited(source: string, render: () => string): string {
  try {
    return render();
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? '';
    if (!ANY_LIMIT.test(message)) throw error;
    const words = `the template went over its limits (${message}); a render may take ${RENDER_LIMIT_MS} ms and a memory budget`;
    if (TIME_LIMIT.test(message)) runaways.strike(source, Date.now(), words);
    throw new Error(words);
  }
}

/**
 * Sources compiled to closures (see template-compile.ts), or null when they use Liquid beyond the
 * compiled subset and liquidjs renders them. Same output either way; compiled renders ~15x faster.
 */
const textCompiled = new Map<string, CompiledTemplate | null>();
const htmlCompiled = new Map<string, CompiledTemplate | null>();

function compiled(
  cache: Map<string, CompiledTemplate | null>,
  source: string,
  escapeHtml: boolean,
): CompiledTemplate | null {
  let template = cache.get(source);
  if (template === undefined) {
    template = compileTemplate(source, escapeHtml);
    if (cache.size > 500) cache.clear();
    cache.set(source, template);
  }
  return template;
}

type Parsed = ReturnType<Liquid['parse']>;
const textParsed = new Map<string, Parsed>();
const htmlParsed = new Map<string, Parsed>();

/** Parsing dominates rendering time, and journeys render the same few sources again and again. */
function parsed(liquid: Liquid, cache: Map<string, Parsed>, source: string): Parsed {
  let templates = cache.get(source);
  if (!templates) {
    templates = liquid.parse(source);
    if (cache.size > 500) cache.clear();
    cache.set(source, templates);
  }
  return templates;
}

export interface RenderedParts {
  subject: string;
  html: string;
  text: string;
}

/**
 * Renders all three parts of an email template. Template errors surface here, at the email node.
 * Compiled rendering is cheaper than deferring the bodies would be, so all three are plain strings.
 */
export function renderTemplate(template: Template, context: TemplateContext): RenderedParts {
  return {
    subject: renderText(template.subject, context).replace(/\s+/g, ' ').trim(),
    html: renderHtml(template.html, context),
    text: renderText(template.text, context),
  };
}

export interface TemplateIssue {
  severity: 'error' | 'warning';
  message: string;
}

/**
 * Lints one template source: syntax errors, variables that do not exist, and outputs of variables
 * that may be missing with no `default` fallback (a user without the value would read a gap, as
 * in "Need a hand connecting ?"). `present` lists references every run is sure to have (the
 * trigger's filters require them, see presence.ts), which need no fallback.
 * @example lintTemplate('Hi {{ user.name }}') // [{severity:'error', message:'{{ user.name }} has no fallback: …'}]
 */
export function lintTemplate(
  source: string,
  knownVars: readonly string[] = [],
  present: ReadonlySet<string> = new Set(),
): TemplateIssue[] {
  if (source.length > MAX_TEMPLATE_CHARS) {
    return [
      {
        severity: 'error',
        message: `the template is ${source.length.toLocaleString('en')} characters long; the most is ${MAX_TEMPLATE_CHARS.toLocaleString('en')}`,
      },
    ];
  }
  const issues: TemplateIssue[] = [];
  let globals: string[];
  try {
    globals = textLiquid.globalFullVariablesSync(source);
  } catch (error) {
    return [{ severity: 'error', message: `template error: ${(error as Error).message.split('\n')[0]}` }];
  }
  const runaway = trialRender(source);
  if (runaway) issues.push({ severity: 'error', message: runaway });
  for (const name of new Set(globals)) {
    const root = name.split(/[.[]/)[0] ?? name;
    if (!(TEMPLATE_ROOTS as readonly string[]).includes(root)) {
      issues.push({ severity: 'error', message: unknownVariable(name) });
    } else if (/^journey\.\w+$/.test(name) && !JOURNEY_FIELDS.includes(name.slice('journey.'.length))) {
      issues.push({
        severity: 'error',
        message: `{{ ${name} }} is not a journey field (use ${JOURNEY_FIELDS.map((f) => `journey.${f}`).join(', ')})`,
      });
    } else if (root === 'vars') {
      const varName = name.split('.')[1] ?? '';
      if (!knownVars.includes(varName))
        issues.push({ severity: 'error', message: `{{ ${name} }} is not a journey variable (add it in Settings)` });
    }
  }
  const mayBeMissing = (path: string) =>
    (TEMPLATE_ROOTS as readonly string[]).includes(path.split(/[.[]/)[0] ?? '') &&
    !ALWAYS_PRESENT.test(path) &&
    !present.has(path);
  for (const path of missingFallbacks(parsed(textLiquid, textParsed, source), { mayBeMissing })) {
    issues.push({
      severity: 'error',
      message: `{{ ${path} }} has no fallback: people without it would read a gap. Add one, e.g. {{ ${path} | default: "…" }}`,
    });
  }
  return dedupe(issues);
}

/** Why a name is not a variable, and what was probably meant. */
function unknownVariable(name: string): string {
  if (/^[A-Za-z_]\w*$/.test(name)) {
    return `{{ ${name} }} is not a variable: use {{ trigger.${name} }} for the property of the event that started the journey, or {{ user.${name} }} for a trait`;
  }
  return `{{ ${name} }} is not a variable: start it with user., trigger., event., vars. or journey.`;
}

/**
 * Renders the template once with no data, under the same limits as a real send: a loop over a
 * huge range or a filter that doubles a string forty times fails here, when the journey is
 * checked, rather than when it reaches users. Errors that depend on the data are not reported.
 */
function trialRender(source: string): string | undefined {
  const empty = { user: {}, trigger: {}, event: {}, vars: {}, journey: {}, unsubscribe_url: '' };
  try {
    // Judged by the deterministic limits (MEMORY_LIMIT bounds loops over ranges), not by how long it
    // took: a wall-clock threshold refused sound templates on a busy machine.
    limited(source, () => renderCapped(textLiquid, parsed(textLiquid, textParsed, source), empty));
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    return message.startsWith('the template went over its limits') ? message : undefined;
  }
}

function dedupe(issues: TemplateIssue[]): TemplateIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    if (seen.has(issue.message)) return false;
    seen.add(issue.message);
    return true;
  });
}
