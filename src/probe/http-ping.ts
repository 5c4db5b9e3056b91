import type { TLSSocket } from 'node:tls';
import { Client } from 'undici';
import { ProbeFailure } from './failure.js';
import { errorCode } from './socket-reader.js';

export interface PingAnswer {
  status: number;
  body: string;
}

const BODY_LIMIT = 64 * 1024;

/** GET over the already-verified TLS socket; undici does the HTTP/1.1 framing. */
export async function ping(socket: TLSSocket, url: URL): Promise<PingAnswer> {
  const client = new Client(url.origin, {
    connect: (_options, callback) => callback(null, socket),
    pipelining: 0,
  });
  try {
    const response = await client.request({
      method: 'GET',
      path: `${url.pathname}${url.search}`,
      headers: { 'user-agent': 'MDIConnectivity', accept: '*/*' },
    });
    return { status: response.statusCode, body: await readBounded(response.body) };
  } catch (error) {
    if (error instanceof ProbeFailure) throw error;
    throw new ProbeFailure('UnexpectedResponse', 'http', `The HTTPS request to ${url.host} failed before a complete answer (${errorCode(error)}).`);
  } finally {
    client.destroy().catch(() => undefined);
  }
}

async function readBounded(body: AsyncIterable<Buffer> & { destroy(): unknown }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= BODY_LIMIT) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, BODY_LIMIT).toString('utf8');
}
