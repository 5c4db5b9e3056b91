import { describe, expect, it } from 'vitest';
import { sensorEndpointFor } from '../../src/endpoints/sensor-api.js';
import { MdiInputError } from '../../src/errors.js';

describe('sensorEndpointFor', () => {
  it.each([
    [{ workspace: 'contoso-corp' }, 'https://contoso-corpsensorapi.atp.azure.com/tri/sensor/api/ping'],
    [{ workspace: 'Contoso', cloud: 'Commercial' as const }, 'https://contososensorapi.atp.azure.com/tri/sensor/api/ping'],
    [{ workspace: 'contoso', cloud: 'GCC' as const }, 'https://contososensorapi.atp.gcc.azure.com/tri/sensor/api/ping'],
    [{ workspace: 'contoso', cloud: 'GCCHigh' as const }, 'https://contososensorapi.atp.azure.us/tri/sensor/api/ping'],
    [{ workspace: 'contoso', cloud: 'DoD' as const }, 'https://contososensorapi.atp.azure.us/tri/sensor/api/ping'],
    [{ sensorApiUrl: 'https://contososensorapi.atp.azure.com' }, 'https://contososensorapi.atp.azure.com/tri/sensor/api/ping'],
    [{ sensorApiUrl: 'contososensorapi.atp.azure.com:8443/' }, 'https://contososensorapi.atp.azure.com:8443/tri/sensor/api/ping'],
    [{ sensorApiUrl: 'https://x.example/tri/sensor/api/ping' }, 'https://x.example/tri/sensor/api/ping'],
    [{ workspace: 'ignored', sensorApiUrl: 'https://x.example' }, 'https://x.example/tri/sensor/api/ping'],
  ])('%j → %s', (input, url) => {
    expect(sensorEndpointFor(input).url.href).toBe(url);
  });

  it('says which GCC spelling it chose', () => {
    expect(sensorEndpointFor({ workspace: 'contoso', cloud: 'GCC' }).note).toMatch(/docs disagree.*sensorapi\.gcc\.atp\.azure\.com/);
  });

  it.each([
    [{}, /workspace name/],
    [{ workspace: 'contoso.atp.azure.com' }, /not valid/],
    [{ workspace: '-bad' }, /not valid/],
    [{ sensorApiUrl: 'http://contososensorapi.atp.azure.com' }, /https/],
    [{ sensorApiUrl: 'https://user:pw@x.example' }, /credentials/],
    [{ sensorApiUrl: 'https://' }, /not a valid URL/],
  ])('rejects %j', (input, message) => {
    expect(() => sensorEndpointFor(input)).toThrow(MdiInputError);
    expect(() => sensorEndpointFor(input)).toThrow(message);
  });
});
