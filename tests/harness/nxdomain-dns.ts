// A DNS server that answers NXDOMAIN to every query, for Squid's
// `dns_nameservers 127.0.0.1`.
//
// Why: every name the harness uses is in Squid's hosts_file, so DNS is only
// asked about names that must NOT resolve (e.g. nonexistent-workspace...).
// With no server on 127.0.0.1:53 Squid ignores the ICMP "port unreachable",
// retransmits, and after ~6 s answers 500 ERR_CANNOT_FORWARD. With this server
// it answers 503 ERR_DNS_FAIL within milliseconds, which is what a real
// proxy does for a mistyped workspace. Nothing ever reaches an outside resolver.
//
// Squid's internal resolver only talks to port 53 (dns_nameservers takes bare
// IPs), so we must bind 127.0.0.1:53 (we run as root). reuseAddr lets several
// harness instances on one machine share the port: they all answer the same.
import dgram from 'node:dgram';

export interface NxDomainDns {
  address: string;
  port: number;
  /** Number of queries answered (for diagnostics). */
  queries(): number;
  close(): Promise<void>;
}

/** Build an NXDOMAIN reply echoing the question, or null for a packet that is not a query. */
export function nxdomainReply(q: Buffer): Buffer | null {
  if (q.length < 12 || q.length > 512) return null;
  const flags = q.readUInt16BE(2);
  if (flags & 0x8000) return null; // a response, not a query
  const qdcount = q.readUInt16BE(4);
  // Walk the first question's name; at most 128 labels and never past the packet end.
  let off = 12;
  if (qdcount >= 1) {
    for (let labels = 0; labels < 128 && off < q.length; labels++) {
      const len = q[off] ?? 0;
      if (len === 0) {
        off += 1;
        break;
      }
      if (len & 0xc0) return null; // compression pointers never appear in a question from Squid
      off += 1 + len;
    }
    off += 4; // QTYPE + QCLASS
    if (off > q.length) return null;
  }
  const r = Buffer.alloc(off);
  q.copy(r, 0, 0, off);
  const opcode = flags & 0x7800;
  const rd = flags & 0x0100;
  r.writeUInt16BE(0x8000 | opcode | 0x0400 /* AA */ | rd | 0x0080 /* RA */ | 3 /* NXDOMAIN */, 2);
  r.writeUInt16BE(qdcount >= 1 ? 1 : 0, 4);
  r.writeUInt16BE(0, 6);
  r.writeUInt16BE(0, 8);
  r.writeUInt16BE(0, 10);
  return r;
}

export async function startNxDomainDns(address = '127.0.0.1', port = 53): Promise<NxDomainDns> {
  const sock = dgram.createSocket({ type: address.includes(':') ? 'udp6' : 'udp4', reuseAddr: true });
  let count = 0;
  sock.on('message', (msg, rinfo) => {
    const reply = nxdomainReply(msg);
    if (!reply) return;
    count++;
    sock.send(reply, rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve, reject) => {
    sock.once('error', reject);
    sock.bind({ address, port, exclusive: false }, () => {
      sock.off('error', reject);
      sock.on('error', () => {}); // late errors (e.g. ICMP for a vanished client) are irrelevant
      resolve();
    });
  });
  sock.unref();
  return {
    address,
    port: sock.address().port,
    queries: () => count,
    close: () => new Promise<void>((r) => sock.close(() => r())),
  };
}
