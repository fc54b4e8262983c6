import { describe, expect, it } from 'vitest';
import { emailDocument, readableAddress } from './emailDocument';

describe('emailDocument', () => {
  it('gives a fragment a page of its own', () => {
    const doc = emailDocument('<p>Hi</p>');
    expect(doc).toMatch(/^<!doctype html>/);
    expect(doc).toContain('<body><p>Hi</p></body>');
  });

  it('shows a whole document as sent', () => {
    const html = '<html><body><p>Hi</p></body></html>';
    expect(emailDocument(html)).toBe(html);
  });
});

describe('readableAddress', () => {
  it('drops the quotes around display names', () => {
    expect(readableAddress('"DripAgent Setup" <setup@example.com>')).toBe('DripAgent Setup <setup@example.com>');
    expect(readableAddress('ada@example.com')).toBe('ada@example.com');
  });
});
