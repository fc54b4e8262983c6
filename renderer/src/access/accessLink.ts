/**
 * What a person pastes on the access screen: the whole link `dripagent serve` printed
 * (`http://host:4010/?token=…`), or only the token. Returns the token, or null when there is none.
 * @example tokenFromPaste('http://127.0.0.1:4010/?token=da_x') // 'da_x'
 */
export function tokenFromPaste(text: string): string | null {
  const value = text.trim();
  if (value === '') return null;
  if (/^https?:\/\//i.test(value)) {
    try {
      return new URL(value).searchParams.get('token');
    } catch {
      return null;
    }
  }
  const query = /[?&]token=([^&\s]+)/.exec(value);
  if (query?.[1]) return decodeURIComponent(query[1]);
  return /^[\w.~-]+$/.test(value) ? value : null;
}
