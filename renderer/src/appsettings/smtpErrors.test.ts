import { describe, expect, it } from 'vitest';
import { explainSmtpError } from './smtpErrors';

describe('explainSmtpError', () => {
  it.each([
    ['ESOCKET: connect ECONNREFUSED 127.0.0.1:1', /Nothing is accepting connections at 127\.0\.0\.1 on port 1/],
    ['EDNS: getaddrinfo ENOTFOUND smtp.exampel.com', /could not be found/],
    ['ETIMEDOUT: Connection timeout', /did not answer in time/],
    ['EAUTH: Invalid login: 535 5.7.8 Authentication failed', /refused the username or password/],
    ['ESOCKET: 4088:error:1408F10B:SSL routines:wrong version number', /other encryption choice/],
    ['something new', /The connection test failed/],
  ])('explains %s', (error, expected) => {
    expect(explainSmtpError(error, error.includes('127.0.0.1') ? '127.0.0.1' : 'smtp.example.com', 1)).toMatch(
      expected,
    );
  });
});
