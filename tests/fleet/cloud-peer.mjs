// The sensor API look-alike inside the fleet's `cloud` namespace. Plain JavaScript so `ip netns exec`
// can start it with Node directly. The loopback harness (tests/harness/https-targets.ts) binds
// 127.0.0.1 only, which the proxy namespace cannot reach; this answers the same ping on every address.
//   node cloud-peer.mjs <cert.pem> <key.pem> <port> <log.jsonl>
import { appendFileSync, readFileSync } from 'node:fs';
import https from 'node:https';

const [certPath, keyPath, port, logPath] = process.argv.slice(2);
const PING_PATH = '/tri/sensor/api/ping';
const server = https.createServer({ cert: readFileSync(certPath), key: readFileSync(keyPath), minVersion: 'TLSv1.2' }, (req, res) => {
  // Logged before answering, so a test reading the file sees every request that got an answer.
  appendFileSync(logPath, `${JSON.stringify({ at: Date.now(), method: req.method, path: req.url, host: req.headers.host ?? null })}\n`);
  const ok = req.method === 'GET' && req.url === PING_PATH;
  const body = ok ? 'Ok' : 'Not Found';
  res.writeHead(ok ? 200 : 404, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
});
server.on('tlsClientError', () => {});
server.keepAliveTimeout = 2000;
server.listen({ port: Number(port), host: '0.0.0.0' }, () => process.stdout.write('ready\n'));
// The topology kills this by PID; a closed stdin (parent gone) ends it too.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
