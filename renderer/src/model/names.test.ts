import { describe, expect, it } from 'vitest';
import { personName } from './names';

describe('a person’s name on screen', () => {
  it('is their name, with email and user ID beneath', () => {
    expect(personName('u1', { name: 'Ada', email: 'ada@example.com' })).toEqual({
      title: 'Ada',
      subtitle: 'ada@example.com · u1',
    });
  });

  it('is made of first and last name traits when there is no name', () => {
    expect(personName('u1', { first_name: 'Ada', lastName: 'Lovelace' }).title).toBe('Ada Lovelace');
  });

  it('falls back to the email, then to the user ID', () => {
    expect(personName('u1', { email: 'ada@example.com' })).toEqual({ title: 'ada@example.com', subtitle: 'u1' });
    expect(personName('u1', { name: '  ' })).toEqual({ title: 'u1', subtitle: 'no email known' });
  });

  it('says when the email trait is not a valid address, instead of showing it as one', () => {
    expect(personName('u1', { email: 'not-an-email' })).toEqual({
      title: 'u1',
      subtitle: '“not-an-email” is not a valid email address',
    });
  });
});
