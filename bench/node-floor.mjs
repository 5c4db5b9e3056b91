// The least Node can do for the same job: CONNECT through the proxy, TLS, GET, print the
// status line; no judging, no timing, no error handling. bench/run.mjs times it as the floor
// any Node CLI pays, to show how much of the CLI's cost is the engine's own.
import net from 'node:net'; import tls from 'node:tls'; import { readFileSync } from 'node:fs';
const [proxy, target, rootPath] = process.argv.slice(2);
const p = new URL(proxy), t = new URL(target);
const s = net.connect(+p.port, p.hostname, () => s.write(`CONNECT ${t.host} HTTP/1.1\r\nHost: ${t.host}\r\n\r\n`));
s.once('data', () => {
  const c = tls.connect({ socket: s, servername: t.hostname, ca: [readFileSync(rootPath, 'utf8')] }, () => {
    c.write(`GET /tri/sensor/api/ping HTTP/1.1\r\nHost: ${t.host}\r\nConnection: close\r\n\r\n`);
  });
  let body = ''; c.on('data', (d) => (body += d)); c.on('end', () => { console.log(body.split('\r\n')[0]); s.destroy(); });
});
