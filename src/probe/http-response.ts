// An HTTP/1.1 answer read off a socket we already hold (the TLS tunnel), by hand: node:http
// costs ~10 ms the first time it runs, more than the whole GET over loopback. Only what a
// ping answer needs: the status, the headers, and a body bounded to `limit` bytes, framed by
// Content-Length, chunked encoding, or the end of the connection. Kept apart from the socket
// code's callers so it can be tested table-driven against a local server.
import { MalformedResponseError, parseConnectResponse, type ConnectResponse } from './connect-response.js';
import { PeerClosedError, type SocketReader } from './socket-reader.js';

export interface HttpAnswer {
  head: ConnectResponse;
  body: Buffer;
}

const HEAD_LIMIT = 64 * 1024;
/** A chunk-size line is a hex number and optional extensions: anything longer is not one. */
const CHUNK_LINE_LIMIT = 1024;
/** Interim 1xx answers a server may send first; more than this is not a server we can talk to. */
const MAX_INTERIM = 5;

export async function readHttpAnswer(reader: SocketReader, limit: number): Promise<HttpAnswer> {
  for (let interim = 0; interim <= MAX_INTERIM; interim++) {
    const head = parseConnectResponse(await reader.readHead(HEAD_LIMIT));
    if (head.statusCode >= 100 && head.statusCode < 200) continue;
    return { head, body: await readBody(reader, head, limit) };
  }
  throw new MalformedResponseError(`more than ${MAX_INTERIM} interim (1xx) answers`);
}

async function readBody(reader: SocketReader, head: ConnectResponse, limit: number): Promise<Buffer> {
  if (head.statusCode === 204 || head.statusCode === 304) return Buffer.alloc(0);
  const encoding = (head.headers['transfer-encoding'] ?? '').toLowerCase();
  if (encoding !== '') {
    if (!/(^|,)\s*chunked\s*$/.test(encoding)) return reader.readToEnd(limit);
    return readChunked(reader, limit);
  }
  const declared = head.headers['content-length'];
  if (declared === undefined) return reader.readToEnd(limit);
  if (!/^\d+$/.test(declared)) throw new MalformedResponseError(`invalid Content-Length ${JSON.stringify(declared.slice(0, 40))}`);
  return untilClosed(reader.readExactly(Math.min(Number(declared), limit)), reader, limit);
}

async function readChunked(reader: SocketReader, limit: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  while (size < limit) {
    const line = await reader.readLine(CHUNK_LINE_LIMIT);
    const hex = /^([0-9a-fA-F]{1,8})(?:\s*;.*)?$/.exec(line);
    if (!hex?.[1]) throw new MalformedResponseError(`invalid chunk size line ${JSON.stringify(line.slice(0, 40))}`);
    const length = Number.parseInt(hex[1], 16);
    if (length === 0) break;
    const take = Math.min(length, limit - size);
    parts.push(await reader.readExactly(take));
    size += take;
    if (take < length) break; // past the limit: the rest is not read
    if ((await reader.readLine(CHUNK_LINE_LIMIT)) !== '') throw new MalformedResponseError('a chunk is longer than its size line says');
  }
  return Buffer.concat(parts);
}

/** A body cut short by the peer is still what it said: report the bytes that came. */
async function untilClosed(read: Promise<Buffer>, reader: SocketReader, limit: number): Promise<Buffer> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof PeerClosedError) return reader.readToEnd(limit);
    throw error;
  }
}
