// Every form of the sensor API's ping answer (FACTS: `Ok`, a version string, 503) as a real HTTPS
// server on loopback sends it, with the encodings a web framework adds: a JSON-encoded string
// (application/json), a trailing newline, a UTF-8 byte-order mark.
import { createServer, type Server } from 'node:https';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { asTest, invokeEngine } from '../support/engine.js';

const h = inject('harness');

const FORMS: Record<string, { type: string; body: string }> = {
  'plain-ok': { type: 'text/plain', body: 'Ok' },
  'ok-newline': { type: 'text/plain; charset=utf-8', body: 'Ok\r\n' },
  'ok-bom': { type: 'text/plain; charset=utf-8', body: '\uFEFFOk' },
  'json-ok': { type: 'application/json; charset=utf-8', body: '"Ok"' },
  'version': { type: 'text/plain', body: '2.255.19267.9636' },
  'version-newline': { type: 'text/plain', body: '2.255.19267.9636\n' },
  'json-version': { type: 'application/json; charset=utf-8', body: '"2.255.19267.9636"' },
  'json-version-bom': { type: 'application/json', body: '\uFEFF"2.255.19267.9636"\n' },
  'quoted-version-text': { type: 'text/plain', body: '"2.255.19267.9636"' },
};

let server: Server;
let port = 0;
beforeAll(async () => {
  server = createServer({ cert: h.pki.leaf.certPem, key: h.pki.leaf.keyPem }, (req, res) => {
    // contoso-<form>sensorapi.atp.azure.com → <form>
    const form = FORMS[/^contoso-(.+)sensorapi\./.exec(req.headers.host ?? '')?.[1] ?? ''];
    if (!form || req.url !== h.pingPath) return void res.writeHead(404).end('Not Found');
    res.writeHead(200, { 'content-type': form.type, 'content-length': Buffer.byteLength(form.body) }).end(form.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('ping answer forms', () => {
  it.each(Object.keys(FORMS))('%s passes', async (form) => {
    const host = `contoso-${form}sensorapi.atp.azure.com`;
    const run = await invokeEngine({
      sensorApiUrl: `https://${host}:${port}`,
      resolve: [`${host}:${port}:127.0.0.1`],
      trustedRoots: [h.pki.root.certPem],
      timeoutSec: 10,
    });
    const [check] = asTest(run.response).checks;
    expect(check).toMatchObject({ verdict: 'Pass', httpStatus: 200 });
    expect(check!.detail).toMatch(/answered 200 (Ok|with sensor version 2\.255\.19267\.9636)\./);
  });

  it('a JSON answer that is not the sensor API is still UnexpectedResponse', async () => {
    FORMS['json-object'] = { type: 'application/json', body: '{"status":"Ok"}' };
    const host = 'contoso-json-objectsensorapi.atp.azure.com';
    const run = await invokeEngine({ sensorApiUrl: `https://${host}:${port}`, resolve: [`${host}:${port}:127.0.0.1`], trustedRoots: [h.pki.root.certPem], timeoutSec: 10 });
    expect(asTest(run.response).checks[0]).toMatchObject({ verdict: 'UnexpectedResponse' });
  });
});
