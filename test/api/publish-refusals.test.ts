import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { sampleJourney } from '../store/fixtures';
import { createHarness, type Harness } from './harness';

/** The host checks a draft again when it is published: an email that would go out broken is refused. */
describe('publishing refuses an email that would go out broken', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness('ipc');
  });
  afterEach(async () => {
    await h.close();
  });

  const publishWith = async (template: { subject: string; html: string; text: string }) => {
    const journey = sampleJourney('broken');
    journey.templates = { hello: template };
    await h.client.call('journey.save', { journey });
    return h.client.call('journey.publish', { id: 'broken' });
  };

  test('an email with no subject and no body is not published', async () => {
    const outcome = await publishWith({ subject: '', html: '', text: '' });
    expect(outcome.published).toBe(false);
    expect(outcome.problems.filter((p) => p.severity === 'error').map((p) => p.message)).toEqual([
      'The email has no subject: people would get “(no subject)”.',
      'The email has no body: write what it should say.',
    ]);
    expect((await h.client.call('journey.versions', { id: 'broken' })).versions).toEqual([]);
  });

  test('an email using a variable that does not exist is not published', async () => {
    const outcome = await publishWith({
      subject: 'Need a hand connecting {{ integration_type }}?',
      html: '<p>Reply to this email.</p>',
      text: 'Reply to this email.',
    });
    expect(outcome.published).toBe(false);
    expect(outcome.problems).toContainEqual(
      expect.objectContaining({ severity: 'error', nodeId: 'hello', field: 'templates.hello.subject' }),
    );
  });

  test('an email using a trait that may be missing, without a fallback, is not published', async () => {
    const outcome = await publishWith({
      subject: 'Hi {{ user.first_name }}',
      html: '<p>Reply to this email.</p>',
      text: 'Reply to this email.',
    });
    expect(outcome.published).toBe(false);
    expect(outcome.problems.map((p) => p.message)).toContain(
      'Subject: {{ user.first_name }} has no fallback: people without it would read a gap. Add one, e.g. {{ user.first_name | default: "…" }}',
    );
  });
});
