import { Journey } from '../../../shared/journey/schema';

/** start → wait up to 1 hour for `x` → (happened) a webhook → an email. */
export const waitThenSend = Journey.parse({
  formatVersion: 1,
  id: 'w',
  name: 'Wait then send',
  nodes: [
    { id: 'go', type: 'trigger', position: { x: 0, y: 0 }, config: { event: 'start' } },
    { id: 'wait_x', type: 'wait', position: { x: 0, y: 100 }, config: { event: 'x', timeout: '1h' } },
    {
      id: 'hook',
      type: 'webhook',
      position: { x: 0, y: 200 },
      config: { url: 'http://127.0.0.1:9/hook', body: '{"user":"{{ user.id }}"}' },
    },
    { id: 'mail', type: 'email', position: { x: 0, y: 300 }, config: { template: 'hi' } },
  ],
  edges: [
    { id: 'a', from: 'go', output: 'next', to: 'wait_x' },
    { id: 'b', from: 'wait_x', output: 'happened', to: 'hook' },
    { id: 'c', from: 'hook', output: 'next', to: 'mail' },
  ],
  exitRules: [],
  settings: { maxLateness: '6h' },
  templates: { hi: { subject: 'Hi', html: '<p>Hi <a href="{{ unsubscribe_url }}">unsubscribe</a></p>', text: 'Hi' } },
});
