import { describe, expect, it } from 'vitest';
import {
  MalformedResponseError,
  keepsConnection,
  ntlmChallenge,
  offeredSchemes,
  parseConnectResponse,
} from '../../src/probe/connect-response.js';

const head = (text: string): Buffer => Buffer.from(`${text}\r\n\r\n`, 'latin1');

describe('parseConnectResponse', () => {
  it.each([
    ['HTTP/1.1 200 Connection established', 200, 'Connection established'],
    ['HTTP/1.0 200 OK', 200, 'OK'],
    ['HTTP/1.1 407 Proxy Authentication Required', 407, 'Proxy Authentication Required'],
    ['HTTP/1.1 503', 503, ''],
  ])('reads the status line %j', (line, code, text) => {
    const response = parseConnectResponse(head(line));
    expect(response.statusCode).toBe(code);
    expect(response.statusText).toBe(text);
  });

  it('lower-cases header names, joins repeats and keeps each Proxy-Authenticate value', () => {
    const response = parseConnectResponse(
      head('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: NTLM\r\nProxy-Authenticate: Basic realm="x"\r\nX-Squid-Error: ERR_CACHE_ACCESS_DENIED 0\r\nVia: a\r\nVia: b'),
    );
    expect(response.headers['x-squid-error']).toBe('ERR_CACHE_ACCESS_DENIED 0');
    expect(response.headers['via']).toBe('a, b');
    expect(response.proxyAuthenticate).toEqual(['NTLM', 'Basic realm="x"']);
    expect(offeredSchemes(response)).toEqual(['NTLM', 'Basic']);
  });

  it.each([
    ['binary TLS bytes', '\x16\x03\x01\x00garbage'],
    ['an empty answer', ''],
    ['SMTP banner', '220 mail.contoso.com ESMTP'],
    ['a status without code', 'HTTP/1.1 OK'],
    ['a header without colon', 'HTTP/1.1 200 OK\r\nthis is not a header'],
  ])('rejects %s with a typed error', (_name, text) => {
    expect(() => parseConnectResponse(head(text))).toThrow(MalformedResponseError);
  });

  it('finds the NTLM challenge only when one is there', () => {
    const challenge = parseConnectResponse(head('HTTP/1.1 407 x\r\nProxy-Authenticate: NTLM TlRMTVNTUAACAAAA'));
    const offer = parseConnectResponse(head('HTTP/1.1 407 x\r\nProxy-Authenticate: NTLM'));
    expect(ntlmChallenge(challenge)).toBe('TlRMTVNTUAACAAAA');
    expect(ntlmChallenge(offer)).toBeNull();
  });

  it.each([
    ['HTTP/1.1 407 x\r\nContent-Length: 10', true],
    ['HTTP/1.1 407 x\r\nContent-Length: 10\r\nProxy-Connection: close', false],
    ['HTTP/1.1 407 x\r\nContent-Length: 10\r\nConnection: close', false],
    ['HTTP/1.0 407 x\r\nContent-Length: 10', false],
    ['HTTP/1.0 407 x\r\nContent-Length: 10\r\nProxy-Connection: keep-alive', true],
    ['HTTP/1.1 407 x', false],
    ['HTTP/1.1 407 x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3', false],
  ])('knows whether %j keeps the connection', (text, keeps) => {
    expect(keepsConnection(parseConnectResponse(head(text)))).toBe(keeps);
  });
});
