import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/**
 * Name lookups for WPAD and PAC: --resolve overrides first (any port), then the
 * system resolver, bounded in time. An unknown name is an empty list, not an error:
 * WPAD and PAC treat it as "not there".
 */
export function nameLookup(overrides: Map<string, string[]>, timeoutMs: number): (host: string) => Promise<string[]> {
  return async (host) => {
    const name = host.toLowerCase().replace(/\.$/, '');
    if (isIP(name)) return [name];
    for (const [key, addresses] of overrides) if (key.slice(0, key.lastIndexOf(':')) === name) return addresses;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string[]>((resolve) => (timer = setTimeout(() => resolve([]), timeoutMs)));
    const answer = lookup(name, { all: true }).then((list) => list.map((entry) => entry.address), () => []);
    try {
      return await Promise.race([answer, timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
}
