/** An SMTP server to deliver through, as the user (or DRIPAGENT_SMTP_URL) describes it. */
export interface SmtpServer {
  host: string;
  port: number;
  /** true: TLS from the first byte (smtps, usually port 465); false: STARTTLS when offered (587, 25). */
  secure: boolean;
  user: string | null;
  password: string | null;
  /** From URL query options: `?ignoreTLS=true` never upgrades, `?requireTLS=true` insists on STARTTLS. */
  ignoreTLS?: boolean;
  requireTLS?: boolean;
  /** `?rejectUnauthorized=false` accepts any certificate; by default only loopback servers may use self-signed ones. */
  rejectUnauthorized?: boolean;
}

export interface DkimKey {
  domain: string;
  selector: string;
  privateKey: string;
}

const flag = (url: URL, name: string): boolean | undefined => {
  const value = url.searchParams.get(name);
  return value === null ? undefined : value === 'true' || value === '1';
};

/**
 * Reads `DRIPAGENT_SMTP_URL`-style URLs: `smtp://user:pass@host:587` (STARTTLS when offered) or
 * `smtps://user:pass@host` (implicit TLS, port 465 by default). User and password are percent-decoded;
 * `?ignoreTLS=true`, `?requireTLS=true` and `?rejectUnauthorized=false` tune TLS.
 * @example parseSmtpUrl('smtps://ada:s%40fe@mail.example.com') // { host: 'mail.example.com', port: 465, secure: true, user: 'ada', password: 's@fe' }
 * @throws when the URL is not smtp:// or smtps:// or has no host
 */
export function parseSmtpUrl(text: string): SmtpServer {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error('DRIPAGENT_SMTP_URL is not a URL; expected e.g. smtp://user:pass@host:587');
  }
  const secure = url.protocol === 'smtps:';
  if (!secure && url.protocol !== 'smtp:') {
    throw new Error(`DRIPAGENT_SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//`);
  }
  if (!url.hostname) throw new Error('DRIPAGENT_SMTP_URL has no host');
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    user: url.username ? decodeURIComponent(url.username) : null,
    password: url.password ? decodeURIComponent(url.password) : null,
    ...Object.fromEntries(
      (['ignoreTLS', 'requireTLS', 'rejectUnauthorized'] as const)
        .map((name) => [name, flag(url, name)] as const)
        .filter(([, value]) => value !== undefined),
    ),
  };
}

const isLoopbackHost = (host: string) => host === 'localhost' || host === '::1' || host.startsWith('127.');

/** Timeouts short enough that a dead server shows up as a retry within seconds, not minutes. */
export const SMTP_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

/** nodemailer's connection options for a server (pool options are added by the caller). */
export function smtpConnectionOptions(server: SmtpServer) {
  return {
    host: server.host,
    port: server.port,
    secure: server.secure,
    ...(server.user ? { auth: { user: server.user, pass: server.password ?? '' } } : {}),
    ...(server.ignoreTLS ? { ignoreTLS: true } : {}),
    // A password never crosses the network in clear: STARTTLS is required for it, unless the
    // server is on this machine or TLS was turned off on purpose (`?ignoreTLS=true`).
    ...(server.requireTLS || (server.password && !server.secure && !server.ignoreTLS && !isLoopbackHost(server.host))
      ? { requireTLS: true }
      : {}),
    // A test or relay server on this machine usually has a self-signed certificate (smtp-server's
    // default one has even expired); there is no network in between to protect.
    tls: { rejectUnauthorized: server.rejectUnauthorized ?? !isLoopbackHost(server.host) },
    ...SMTP_TIMEOUTS,
  };
}

/** nodemailer's DKIM options; it signs List-Unsubscribe and List-Unsubscribe-Post by default. */
export const dkimOptions = (key: DkimKey) => ({
  domainName: key.domain,
  keySelector: key.selector,
  privateKey: key.privateKey,
});
