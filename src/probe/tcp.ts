import { connect, type Socket } from 'node:net';
import type { Verdict } from '../contract/types.js';
import { ProbeFailure } from '../verdict/failure.js';
import { errorCode } from './socket-reader.js';

export interface TcpOutcome {
  socket: Socket;
  address: string;
}

/**
 * Tries each address in turn, like a Windows client does. The caller's deadline
 * bounds the whole loop; `track` lets it destroy a socket still connecting.
 */
export async function connectTcp(
  addresses: string[],
  port: number,
  role: 'target' | 'proxy',
  track: (socket: Socket) => void,
): Promise<TcpOutcome> {
  const failures: string[] = [];
  for (const address of addresses) {
    try {
      const socket = await connectOne(address, port, track);
      return { socket, address };
    } catch (error) {
      failures.push(`${address}:${port} ${errorCode(error)}`);
    }
  }
  const verdict: Verdict = role === 'proxy' ? 'ProxyUnreachable' : 'ConnectFailed';
  const what = role === 'proxy' ? 'the proxy' : 'the target';
  throw new ProbeFailure(verdict, 'tcp', `Could not connect to ${what} (${failures.join('; ')}).`);
}

function connectOne(address: string, port: number, track: (socket: Socket) => void): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: address, port, noDelay: true });
    track(socket);
    const onError = (error: Error): void => {
      socket.destroy();
      reject(error);
    };
    socket.once('error', onError);
    socket.once('connect', () => {
      // Later errors belong to the next phase (TLS), which listens for them itself.
      socket.off('error', onError);
      resolve(socket);
    });
  });
}
