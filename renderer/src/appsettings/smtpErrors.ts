/**
 * What an SMTP test failure means, in words a marketer can act on. The raw error stays
 * beside it for whoever configures the server.
 * @example explainSmtpError('ESOCKET: connect ECONNREFUSED 127.0.0.1:1', '127.0.0.1', 1)
 * // 'Nothing is accepting connections at 127.0.0.1 on port 1. …'
 */
export function explainSmtpError(error: string, host: string, port: number): string {
  const where = `${host} on port ${port}`;
  if (/ECONNREFUSED/i.test(error)) {
    return `Nothing is accepting connections at ${where}. Check the server name and port, and that the server is running.`;
  }
  if (/ENOTFOUND|EAI_AGAIN|getaddrinfo|EDNS/i.test(error)) {
    return `The server name “${host}” could not be found. Check it for typos.`;
  }
  if (/ETIMEDOUT|timed? ?out|ECONNECTION|EHOSTUNREACH|ENETUNREACH/i.test(error)) {
    return `${where} did not answer in time. The port may be wrong, or a firewall blocks it.`;
  }
  if (/EAUTH|\b535\b|\b534\b|authentication|credentials|Invalid login/i.test(error)) {
    return 'The server refused the username or password.';
  }
  if (/certificate|self[- ]signed|wrong version number|SSL|TLS|ETLS/i.test(error)) {
    return 'The secure connection failed. Try the other encryption choice: port 465 uses TLS from the start, 587 and 25 upgrade with STARTTLS.';
  }
  if (/ECONNRESET|closed|EPIPE/i.test(error)) {
    return `${where} closed the connection. It may expect the other encryption choice, or not be an email server.`;
  }
  return 'The connection test failed.';
}
