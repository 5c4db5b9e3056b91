// The ping's HTTP answer, read by hand off a socket: every framing a server may use, a body
// past the limit, and broken framing, each from a real loopback server that sends raw bytes.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MalformedResponseError } from '../../src/probe/connect-response.js';
import { readHttpAnswer } from '../../src/probe/http-response.js';
import { OversizedError, PeerClosedError, SocketReader } from '../../src/probe/socket-reader.js';

const HANG_GUARD_MS = 10_000;
let server: Server;
let port = 0;
/** What the server sends for the next connection, and whether it then closes. */
let script: { parts: (string | Buffer)[]; close: boolean } = { parts: [], close: true };

beforeAll(async () => {
  server = createServer((socket) => {
    socket.once('data', () => {
      // Split sends: framing must not depend on how the bytes arrive.
      const send = (i: number): void => {
        if (i >= script.parts.length) return void (script.close ? socket.end() : undefined);
        socket.write(script.parts[i]!, () => setTimeout(() => send(i + 1), 2));
      };
      send(0);
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function answer(parts: (string | Buffer)[], limit = 1024, close = true) {
  script = { parts, close };
  const socket: Socket = connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
  try {
    const reading = readHttpAnswer(new SocketReader(socket), limit);
    const guard = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('hang')), HANG_GUARD_MS).unref());
    const { head, body } = await Promise.race([reading, guard]);
    return { status: head.statusCode, body: body.toString('latin1') };
  } finally {
    socket.destroy();
  }
}

describe('readHttpAnswer frames the body as the server does', () => {
  it.each([
    ['Content-Length', ['HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOk'], 200, 'Ok'],
    ['Content-Length, head and body split across sends', ['HTTP/1.1 200 OK\r\nConte', 'nt-Length: 5\r\n\r', '\n2.2', '55'], 200, '2.255'],
    ['chunked', ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nOk\r\n0\r\n\r\n'], 200, 'Ok'],
    ['chunked in odd pieces, with an extension and trailers', ['HTTP/1.1 200 OK\r\ntransfer-encoding: Chunked\r\n\r\n3;x=1\r\n"2.', '\r\n2\r\n2"\r\n', '1\r\n5\r\n0\r\nX-T: 1\r\n\r\n'], 200, '"2.2"5'],
    ['neither: the body ends with the connection', ['HTTP/1.1 200 OK\r\n\r\n', 'Ok', ' then more'], 200, 'Ok then more'],
    ['204 has no body', ['HTTP/1.1 204 No Content\r\n\r\n'], 204, ''],
    ['a 100 Continue before the answer', ['HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n\r\nbusy'], 503, 'busy'],
    ['a body cut short keeps what came', ['HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nOk'], 200, 'Ok'],
  ] as const)('%s', async (_name, parts, status, body) => {
    expect(await answer([...parts])).toEqual({ status, body });
  });

  it('stops at the limit, whatever the framing, without waiting for the rest', async () => {
    const big = 'x'.repeat(5000);
    expect((await answer([`HTTP/1.1 200 OK\r\nContent-Length: ${big.length}\r\n\r\n${big}`], 100, false)).body).toBe(big.slice(0, 100));
    expect((await answer([`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${(5000).toString(16)}\r\n${big}\r\n0\r\n\r\n`], 100, false)).body).toBe(big.slice(0, 100));
    expect((await answer([`HTTP/1.1 200 OK\r\n\r\n${big}`], 100, false)).body).toBe(big.slice(0, 100));
  });
});

describe('readHttpAnswer refuses what is not HTTP, by name', () => {
  it.each([
    ['a chunk size that is not hex', ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nOk\r\n'], MalformedResponseError],
    ['a chunk longer than its size line', ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nOk\r\n0\r\n\r\n'], MalformedResponseError],
    ['an endless chunk size line', ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n', '1'.repeat(5000)], OversizedError],
    ['a Content-Length that is not a number', ['HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\nOk'], MalformedResponseError],
    ['no status line', ['SSH-2.0-OpenSSH_9.2\r\n\r\n'], MalformedResponseError],
    ['endless interim answers', ['HTTP/1.1 100 Continue\r\n\r\n'.repeat(7)], MalformedResponseError],
    ['a close before the head ends', ['HTTP/1.1 200 OK\r\nContent-'], PeerClosedError],
  ] as const)('%s', async (_name, parts, type) => {
    await expect(answer([...parts])).rejects.toBeInstanceOf(type);
  });
});
