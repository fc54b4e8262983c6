import type { Transporter } from 'nodemailer';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { type MailTransport, smtpTransport } from '../../electron/mail/outbox/transport';
import { pooledTransporter, type Sink, startSink } from './fixtures';

let sink: Sink;
let transporter: Transporter;
let transport: MailTransport;

beforeEach(async () => {
  sink = await startSink();
  transporter = pooledTransporter(sink.port, { socketTimeout: 500 });
  transport = smtpTransport(transporter);
});

afterEach(async () => {
  transporter.close();
  await sink.close();
});

const message = { from: 'a@acme.test', to: 'b@example.com', subject: 'Hi', text: 'Hello', messageId: '<m1@acme.test>' };
const send = (onHandoff: () => void) =>
  new Promise<Error | null>((resolve) => transport.send(message, onHandoff, (error) => resolve(error)));

describe('SMTP transport', () => {
  test('the handoff runs once per message, after the envelope and before the server accepts', async () => {
    const onHandoff = vi.fn(() => expect(sink.attempts).toHaveLength(0));
    expect(await send(onHandoff)).toBeNull();
    expect(onHandoff).toHaveBeenCalledOnce();
    expect(sink.messages[0]?.messageId).toBe('<m1@acme.test>');
  });

  test('a handoff that cannot be recorded abandons the message: the server never accepts it', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const error = await send(() => {
      throw new Error('database is locked');
    });
    expect(error).not.toBeNull();
    expect(sink.attempts).toHaveLength(0);
    expect(log).toHaveBeenCalledWith('Could not record a handoff; the message is abandoned:', expect.any(Error));
    log.mockRestore();
  });
});
