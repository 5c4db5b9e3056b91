// Proof that evaluating a PAC opens no socket and asks no DNS server, even
// when the script calls every networked helper. pac-resolver's stock
// myIpAddress() connects to 8.8.8.8:53 and its dnsResolve() calls dns.lookup;
// ours must do neither. Two independent witnesses:
//  1. async_hooks sees every TCP/UDP handle and every getaddrinfo/c-ares
//     request created in this process, whoever creates it;
//  2. spies on net/dgram/dns (pac-resolver's own entry points) that throw
//     instead of touching the network.
// Each witness is first shown to work on a loopback-only control.
import { createHook } from 'node:async_hooks';
import dgram from 'node:dgram';
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import { sandbox as stockSandbox } from 'pac-resolver';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { evaluatePac } from '../../../src/pac/evaluate-pac.js';
import { makeSandbox, NETWORKED_HELPERS } from '../../../src/pac/pac-sandbox.js';

const NETWORK_RESOURCES = new Set([
  'TCPWRAP', 'TCPCONNECTWRAP', 'UDPWRAP', 'UDPSENDWRAP', 'GETADDRINFOREQWRAP', 'GETNAMEINFOREQWRAP', 'QUERYWRAP',
]);

async function recordResources<T>(work: () => Promise<T>): Promise<{ value: T; seen: string[] }> {
  const seen: string[] = [];
  const hook = createHook({
    init(_id, type) {
      if (NETWORK_RESOURCES.has(type)) seen.push(type);
    },
  }).enable();
  try {
    return { value: await work(), seen };
  } finally {
    hook.disable();
  }
}

const EVERY_HELPER = `function FindProxyForURL(url, host) {
  return [myIpAddress(), myIpAddressEx(), dnsResolve(host), dnsResolveEx(host), isResolvable(host),
          isResolvableEx(host), isInNet(host, "10.0.0.0", "255.0.0.0"), dnsResolve("wpad")].join("|"); }`;

afterEach(() => {
  vi.restoreAllMocks();
  syncBuiltinESMExports();
});

describe('no network from a PAC evaluation', () => {
  it('every networked helper of pac-resolver is replaced by ours', () => {
    const stockAsync = Object.entries(stockSandbox)
      .filter(([, fn]) => fn.constructor.name === 'AsyncFunction')
      .map(([name]) => name)
      .sort();
    // If a pac-resolver upgrade adds another async (networked) helper, this fails first.
    expect(stockAsync).toEqual([...NETWORKED_HELPERS].sort());
    const ours = makeSandbox({ myIpAddress: '10.1.2.3', dns: { cache: new Map(), missing: undefined }, alerts: [] });
    for (const name of NETWORKED_HELPERS) expect(ours[name]).toBeTypeOf('function');
  });

  it('control: the resource witness does see loopback sockets', async () => {
    const { seen } = await recordResources(async () => {
      const server = net.createServer((s) => s.destroy());
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as net.AddressInfo).port;
      await new Promise<void>((resolve) => net.connect(port, '127.0.0.1').on('close', () => resolve()).on('error', () => resolve()));
      dgram.createSocket('udp4').close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
    expect(seen).toContain('TCPWRAP');
    expect(seen).toContain('UDPWRAP');
  });

  it('creates no socket and no DNS request, with or without a resolver', async () => {
    const { value, seen } = await recordResources(() => evaluatePac(EVERY_HELPER, 'http://app.contoso.com/', { myIpAddress: '10.1.2.3' }));
    // The injected address (not a real interface here) proves the stock helper did not answer.
    expect(value).toBe('10.1.2.3|10.1.2.3|||false|false|false|');
    expect(seen).toEqual([]);

    const resolveHost = async (host: string) => (host === 'app.contoso.com' ? '10.4.5.6' : null);
    const withResolver = await recordResources(() => evaluatePac(EVERY_HELPER, 'http://app.contoso.com/', { myIpAddress: '10.1.2.3', resolveHost }));
    expect(withResolver.value).toBe('10.1.2.3|10.1.2.3|10.4.5.6|10.4.5.6|true|true|true|');
    expect(withResolver.seen).toEqual([]);
  });

  it('never reaches net, dgram or dns (spied; the control proves the spies catch pac-resolver)', async () => {
    const hits: string[] = [];
    const block = (name: string) => () => {
      hits.push(name);
      throw new Error(`${name} blocked by test`);
    };
    vi.spyOn(net, 'connect').mockImplementation(block('net.connect'));
    vi.spyOn(net, 'createConnection').mockImplementation(block('net.createConnection'));
    vi.spyOn(dgram, 'createSocket').mockImplementation(block('dgram.createSocket'));
    vi.spyOn(dns, 'lookup').mockImplementation(block('dns.lookup'));
    vi.spyOn(dns.promises, 'lookup').mockImplementation(block('dns.promises.lookup'));
    // pac-resolver imports `{ lookup } from 'dns'`: push the spy into the ESM named exports too.
    syncBuiltinESMExports();
    expect(vi.isMockFunction(net.connect)).toBe(true);

    // Control: the stock helpers run into the spies (which throw, so nothing leaves the machine).
    // dnsResolve first: even unspied it would only read /etc/hosts. myIpAddress (which
    // would dial 8.8.8.8) is called only once the spies have been seen to reach pac-resolver.
    await stockSandbox.dnsResolve('localhost').catch(() => undefined);
    expect(hits).toEqual(['dns.lookup']);
    await stockSandbox.myIpAddress().catch(() => undefined);
    expect(hits).toEqual(['dns.lookup', 'net.connect']);

    hits.length = 0;
    const resolveHost = async (host: string) => (host === 'app.contoso.com' ? '10.4.5.6' : null);
    const result = await evaluatePac(EVERY_HELPER, 'http://app.contoso.com/', { myIpAddress: '10.1.2.3', resolveHost });
    expect(result).toBe('10.1.2.3|10.1.2.3|10.4.5.6|10.4.5.6|true|true|true|');
    expect(hits).toEqual([]);
  });
});
