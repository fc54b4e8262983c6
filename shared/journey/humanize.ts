const WORDS: Record<string, string> = { api: 'API', id: 'ID', url: 'URL', oauth: 'OAuth', dns: 'DNS', sms: 'SMS' };

/**
 * Turns an event or trait name into words a marketer reads.
 * @example humanizeEvent('api_key_created') // 'API key created'
 */
export function humanizeEvent(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = humanize(name);
    if (cache.size > 1000) cache.clear();
    cache.set(name, text);
  }
  return text;
}

const cache = new Map<string, string>();

function humanize(name: string): string {
  const words = name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[_\s.-]+/)
    .filter(Boolean)
    .map((w) => WORDS[w.toLowerCase()] ?? w.toLowerCase());
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
