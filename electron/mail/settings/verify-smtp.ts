import { createTransporter, transportOptions } from '../outbox/transport';
import type { MailConfig } from './mail-settings';

const TEST_TIMEOUT_MS = 10_000;

/**
 * Connects to the server of `config` and logs in (nodemailer's verify), within 10 s: what
 * Settings' "Test connection" answers. Sends nothing.
 */
export async function verifySmtp(
  config: MailConfig,
  devInboxPort: number | null,
): Promise<{ ok: true } | { ok: false; error: string }> {
  let transporter: ReturnType<typeof createTransporter> | undefined;
  try {
    transporter = createTransporter(transportOptions(config, devInboxPort, false));
    const verified = transporter.verify();
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`No answer within ${TEST_TIMEOUT_MS / 1000} s`)), TEST_TIMEOUT_MS).unref(),
    );
    await Promise.race([verified, timeout]);
    return { ok: true };
  } catch (error) {
    const e = error as Error & { response?: string; code?: string };
    return { ok: false, error: [e.code, e.response ?? e.message].filter(Boolean).join(': ') };
  } finally {
    transporter?.close();
  }
}
