import type { Journey } from '../../../shared/journey/schema';
import { type RenderedParts, renderTemplate, type TemplateContext } from '../../../shared/journey/template';
import { resolveVariables } from '../../../shared/journey/variables';

/** A made-up user for previews: a founder at Acme setting up a custom API integration. */
export const SAMPLE_PROFILE: Record<string, string> = {
  email: 'ada@acme.test',
  first_name: 'Ada',
  role: 'founder',
  workspace_name: 'Acme',
  sending_domain: 'mail.acme.test',
  plan: 'pro',
  timezone: 'UTC',
};

export const SAMPLE_TRIGGER: Record<string, string> = { integration_type: 'custom_api' };

/** The context the engine gives a template, built from a profile and the trigger's properties. */
export function previewContext(
  journey: Journey,
  userId: string,
  traits: Record<string, unknown>,
  trigger: Record<string, unknown>,
): TemplateContext {
  const scope = { user: { id: userId, ...traits }, trigger, event: trigger, vars: {} };
  const { vars } = resolveVariables(journey.variables, scope);
  return {
    user: scope.user,
    trigger,
    event: trigger,
    vars,
    journey: {
      id: journey.id,
      name: journey.name,
      entered_at: new Date(0).toISOString(),
      last_event: 'Integration started',
    },
    unsubscribe_url: `https://example.invalid/unsubscribe/${encodeURIComponent(userId)}`,
  };
}

/** The email as this user would get it, or the template error that stops it. */
export function renderPreview(
  template: { subject: string; html: string; text: string },
  context: TemplateContext,
): { ok: true; parts: RenderedParts } | { ok: false; error: string } {
  try {
    const parts = renderTemplate(template, context);
    // Read both bodies now, so an error in either shows here rather than later.
    return { ok: true, parts: { subject: parts.subject, html: parts.html, text: parts.text } };
  } catch (error) {
    return { ok: false, error: (error as Error).message.split('\n')[0] ?? String(error) };
  }
}

/** Parses "key = value" lines into an object; blank and malformed lines are skipped. */
export function parseKeyValues(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf('=');
    if (at <= 0) continue;
    const key = line.slice(0, at).trim();
    if (key) result[key] = line.slice(at + 1).trim();
  }
  return result;
}

export function formatKeyValues(values: Record<string, unknown>): string {
  return Object.entries(values)
    .filter(([, value]) => value === null || typeof value !== 'object')
    .map(([key, value]) => `${key} = ${String(value ?? '')}`)
    .join('\n');
}
