import type { PropertyFilter, ScalarValue } from '../../../shared/journey/schema';
import { COMPARISON_WORDS } from './describe';

export type Op = PropertyFilter['op'];

/** The comparison choices, worded as the card's sentence reads them. */
export const OPS: { value: Op; label: string }[] = (Object.keys(COMPARISON_WORDS) as Op[]).map((value) => ({
  value,
  label: COMPARISON_WORDS[value],
}));

export const needsValue = (op: Op) => op !== 'exists' && op !== 'not_exists';
export const isListOp = (op: Op) => op === 'in' || op === 'not_in';

/** A typed value read back: numbers and true/false become themselves, the rest stays text. */
export function parseScalar(text: string): ScalarValue {
  const trimmed = text.trim();
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  if (trimmed !== '' && /^-?\d+(\.\d+)?$/.test(trimmed) && !/^0\d/.test(trimmed)) return Number(trimmed);
  return text;
}

/** How a value shows in a text box: lists as "a, b". */
export function formatValue(value: ScalarValue | ScalarValue[] | undefined): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((item) => String(item ?? '')).join(', ');
  return String(value);
}

/** The value of a comparison as typed: a list for "is one of", one value otherwise. */
export function valueFor(op: Op, text: string): ScalarValue | ScalarValue[] | undefined {
  if (!needsValue(op)) return undefined;
  if (isListOp(op)) return text.split(',').map((part) => parseScalar(part.trim()));
  return parseScalar(text);
}
