/**
 * Identifiers and event names as words ("api_key_created" → "API key created"). The interpreter
 * words its decisions with these, and the renderer's card descriptions build on them.
 */

/** Words that read wrong when merely capitalised. Keys are lower case. */
const WORD_FORMS: Record<string, string> = {
  api: 'API',
  id: 'ID',
  ids: 'IDs',
  url: 'URL',
  urls: 'URLs',
  dns: 'DNS',
  oauth: 'OAuth',
  sdk: 'SDK',
  sms: 'SMS',
  ui: 'UI',
  ux: 'UX',
  ai: 'AI',
  http: 'HTTP',
  https: 'HTTPS',
  json: 'JSON',
  csv: 'CSV',
  crm: 'CRM',
  sso: 'SSO',
  saml: 'SAML',
  mfa: 'MFA',
  '2fa': '2FA',
  smtp: 'SMTP',
  ip: 'IP',
};

/**
 * Splits an identifier into lower-case words: snake_case, kebab-case, dotted and camelCase.
 * @example identifierWords('integrationType') // ['integration', 'type']
 */
function identifierWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_.-]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
}

/**
 * An identifier as lower-case words, keeping acronyms: how it reads inside a sentence.
 * @example humanizeName('integration_type') // "integration type"
 * @example humanizeName('api_key') // "API key"
 */
export function humanizeName(name: string): string {
  return identifierWords(name)
    .map((word) => WORD_FORMS[word] ?? word)
    .join(' ');
}

/**
 * An event name as a short sentence-case phrase. Names that already contain spaces
 * (Segment style, "Order Completed") are kept as written.
 * @example humanizeEvent('api_key_created') // "API key created"
 * @example humanizeEvent('integration_started') // "Integration started"
 */
export function humanizeEvent(name: string): string {
  let phrase = eventPhrases.get(name);
  if (phrase === undefined) {
    phrase = /\s/.test(name.trim()) ? name.trim() : capitalize(humanizeName(name));
    // The interpreter words every decision with this: keep the few names a journey uses.
    if (eventPhrases.size > 1000) eventPhrases.clear();
    eventPhrases.set(name, phrase);
  }
  return phrase;
}

const eventPhrases = new Map<string, string>();
const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
