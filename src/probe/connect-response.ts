// Parses a proxy's answer to CONNECT. Kept apart from the socket code so it can
// be tested table-driven on bytes alone.

export interface ConnectResponse {
  httpVersion: string;
  statusCode: number;
  statusText: string;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Each Proxy-Authenticate value on its own (schemes may come in separate headers). */
  proxyAuthenticate: string[];
}

export class MalformedResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedResponseError';
  }
}

const STATUS_LINE = /^HTTP\/(\d\.\d) (\d{3})(?: (.*))?$/;
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function parseConnectResponse(head: Buffer): ConnectResponse {
  // latin1 keeps every byte; a proxy answering in binary must not crash the decoder.
  const lines = head.toString('latin1').replace(/\r\n\r\n$/, '').split('\r\n');
  const statusLine = lines.shift() ?? '';
  const status = STATUS_LINE.exec(statusLine);
  if (!status) throw new MalformedResponseError(`not an HTTP status line: ${printable(statusLine)}`);
  const headers: Record<string, string> = {};
  const proxyAuthenticate: string[] = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!HEADER_NAME.test(name)) throw new MalformedResponseError(`malformed header line: ${printable(line)}`);
    const key = name.toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
    if (key === 'proxy-authenticate') proxyAuthenticate.push(value);
  }
  return {
    httpVersion: status[1] ?? '',
    statusCode: Number(status[2]),
    statusText: status[3] ?? '',
    headers,
    proxyAuthenticate,
  };
}

/** Scheme names offered, in the proxy's order, without duplicates: ["Negotiate", "NTLM", "Basic"]. */
export function offeredSchemes(response: ConnectResponse): string[] {
  const schemes = response.proxyAuthenticate
    .map((value) => value.split(/\s+/, 1)[0] ?? '')
    .filter((scheme) => scheme.length > 0);
  return [...new Set(schemes)];
}

/** The NTLM challenge token in a 407, if the proxy sent one. */
export function ntlmChallenge(response: ConnectResponse): string | null {
  for (const value of response.proxyAuthenticate) {
    const match = /^NTLM\s+([A-Za-z0-9+/=]+)\s*$/i.exec(value);
    if (match?.[1]) return match[1];
  }
  return null;
}

/** Whether the proxy lets us send another request on this connection. */
export function keepsConnection(response: ConnectResponse): boolean {
  const connection = (response.headers['proxy-connection'] ?? response.headers['connection'] ?? '').toLowerCase();
  if (connection.includes('close')) return false;
  if (response.httpVersion === '1.0' && !connection.includes('keep-alive')) return false;
  // Without a length we cannot tell where the body ends, so the connection is spent.
  return 'content-length' in response.headers && !('transfer-encoding' in response.headers);
}

export function bodyLength(response: ConnectResponse): number {
  const length = Number(response.headers['content-length'] ?? '0');
  return Number.isSafeInteger(length) && length >= 0 ? length : 0;
}

function printable(text: string): string {
  const shown = text.slice(0, 80).replace(/[^\x20-\x7e]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return JSON.stringify(shown);
}
