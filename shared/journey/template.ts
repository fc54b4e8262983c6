import { Liquid } from 'liquidjs';
import type { Template } from './schema';
import { type CompiledTemplate, compileTemplate } from './template-compile';

/**
 * Liquid templating for emails, webhooks and track nodes. Rendering is synchronous so the
 * interpreter stays a plain function. HTML output escapes every value; text and subjects do not.
 */

const htmlLiquid = new Liquid({ outputEscape: 'escape', strictFilters: true, cache: 200 });
const textLiquid = new Liquid({ strictFilters: true, cache: 200 });

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

/** Variables that always have a value, so they need no `default`. */
const ALWAYS_PRESENT = /^(user\.id|journey\.[A-Za-z_]+|vars\.[A-Za-z_]+|unsubscribe_url)$/;

/**
 * Renders text with Liquid.
 * @example renderText('Hi {{ user.name | default: "there" }}', ctx) // 'Hi there'
 */
export function renderText(source: string, context: TemplateContext): string {
  const fast = compiled(textCompiled, source, false);
  if (fast) {
    try {
      return fast(context);
    } catch {
      // A value outside plain data (a drop, a function): liquidjs renders it, or throws its own error.
    }
  }
  return textLiquid.renderSync(parsed(textLiquid, textParsed, source), context as unknown as Record<string, unknown>);
}

/** Renders HTML with Liquid, escaping every output. */
export function renderHtml(source: string, context: TemplateContext): string {
  const fast = compiled(htmlCompiled, source, true);
  if (fast) {
    try {
      return fast(context);
    } catch {
      // As in renderText.
    }
  }
  return htmlLiquid.renderSync(parsed(htmlLiquid, htmlParsed, source), context as unknown as Record<string, unknown>);
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
 * Lints one template source: syntax errors, unknown variable roots, and outputs of variables that
 * may be missing with no `default` fallback.
 * @example lintTemplate('Hi {{ user.name }}') // [{severity:'warning', message:'user.name may be missing: add a fallback, e.g. {{ user.name | default: "…" }}'}]
 */
export function lintTemplate(source: string, knownVars: readonly string[] = []): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  let globals: string[];
  try {
    globals = textLiquid.globalFullVariablesSync(source);
  } catch (error) {
    return [{ severity: 'error', message: `template error: ${(error as Error).message.split('\n')[0]}` }];
  }
  for (const name of new Set(globals)) {
    const root = name.split(/[.[]/)[0] ?? name;
    if (!(TEMPLATE_ROOTS as readonly string[]).includes(root)) {
      issues.push({
        severity: 'warning',
        message: `unknown variable "${name}" (use user., trigger., event., vars. or journey.)`,
      });
    } else if (root === 'vars') {
      const varName = name.split('.')[1] ?? '';
      if (!knownVars.includes(varName))
        issues.push({ severity: 'error', message: `unknown journey variable "${name}"` });
    }
  }
  const outputPattern = /\{\{-?\s*([\s\S]*?)\s*-?\}\}/g;
  for (const match of source.matchAll(outputPattern)) {
    const [expression = '', ...filters] = (match[1] ?? '').split('|').map((s) => s.trim());
    if (!/^[A-Za-z_][\w.]*$/.test(expression) || ALWAYS_PRESENT.test(expression)) continue;
    if (!(TEMPLATE_ROOTS as readonly string[]).includes(expression.split('.')[0] ?? '')) continue;
    if (!filters.some((f) => f.startsWith('default'))) {
      issues.push({
        severity: 'warning',
        message: `${expression} may be missing: add a fallback, e.g. {{ ${expression} | default: "…" }}`,
      });
    }
  }
  return dedupe(issues);
}

function dedupe(issues: TemplateIssue[]): TemplateIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    if (seen.has(issue.message)) return false;
    seen.add(issue.message);
    return true;
  });
}
