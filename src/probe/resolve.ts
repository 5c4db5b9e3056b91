import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { ProbeFailure } from '../verdict/failure.js';
import { errorCode } from './socket-reader.js';

/** Addresses for host:port: an override, a literal, or the system resolver (as Windows would). */
export async function resolveHost(host: string, port: number, overrides: Map<string, string[]>): Promise<string[]> {
  const key = host.toLowerCase();
  const override = overrides.get(`${key}:${port}`) ?? overrides.get(`${key}:*`);
  if (override) return override;
  if (isIP(host)) return [host];
  try {
    const answers = await lookup(host, { all: true, order: 'ipv4first' });
    return answers.map((answer) => answer.address);
  } catch (error) {
    throw new ProbeFailure('DnsFailure', 'dns', `This machine could not resolve ${host} (${errorCode(error)}).`, {
      host,
      where: 'local',
    });
  }
}
