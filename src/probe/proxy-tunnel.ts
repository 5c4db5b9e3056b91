import type { Socket } from 'node:net';
import type { ProxyContext } from './proxy-link.js';
import { negotiate } from './proxy-link.js';
import { failureForStatus } from './proxy-status.js';

export type TunnelContext = Omit<ProxyContext, 'request'> & { targetHost: string; targetPort: number };

export interface Tunnel {
  socket: Socket;
  proxyAddresses: string[];
}

/** Drives CONNECT by hand so every answer of the proxy, and every auth leg, is visible. */
export async function openTunnel(ctx: TunnelContext): Promise<Tunnel> {
  const hostPort = `${ctx.targetHost}:${ctx.targetPort}`;
  const request = { line: `CONNECT ${hostPort}`, host: hostPort, phase: 'proxyConnect' as const };
  const { link, response, proxyAddresses } = await negotiate({ ...ctx, request });
  if (response.statusCode !== 200) throw failureForStatus(response, request.line, 'proxyConnect');
  return { socket: link.detach(), proxyAddresses };
}
