// Downloads or reads a PAC script, bounded in size and time.
//
// Sources: http(s) URLs, file:// URLs and plain paths (including Windows
// `C:\…` and UNC `\\server\share\…` forms, which are paths, not URL schemes).
// HTTP goes direct, never through a proxy — WinHTTP fetches the PAC that
// decides the proxy without one — using a private undici Agent, so no global
// dispatcher or proxy environment variable can reroute it. A wrong
// Content-Type is not an error (Windows ignores it) but is reported.
import { open } from 'node:fs/promises';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { fileURLToPath } from 'node:url';
import { ErrorCode } from '../errors.js';
import { decodeByBom } from '../io/bounded-read.js';
import { PacError } from './pac-error.js';

export interface FetchPacOptions {
  /** Whole fetch: connect, headers and body (or the file read). Default 10 s. */
  timeoutMs?: number;
  /** Larger scripts are refused. Default 1 MiB. */
  maxBytes?: number;
  /**
   * Connect to this IP instead of resolving the URL's host name (WPAD: the caller
   * resolved it). The Host header and TLS server name stay the URL's.
   */
  connectAddress?: string;
}

export interface FetchedPac {
  /** What was fetched, as given (a path stays a path). */
  url: string;
  script: string;
  bytes: number;
  ms: number;
  source: 'file' | 'http';
  /** HTTP status (always 200 on success); null for files. */
  status: number | null;
  /** The server's Content-Type, e.g. application/x-ns-proxy-autoconfig; null when absent or for files. */
  contentType: string | null;
  /** The address connected to when `connectAddress` was given. */
  address: string | null;
}

export const DEFAULT_PAC_FETCH_TIMEOUT_MS = 10_000;
export const DEFAULT_PAC_MAX_BYTES = 1024 * 1024;

export type PacLocation = { kind: 'file'; path: string } | { kind: 'http'; url: URL };

/** Where a PAC location points: a local file (URL or path, Windows forms included) or an http(s) URL. */
export function locatePac(input: string): PacLocation {
  // Drive-letter and UNC paths first: `C:\x` would otherwise parse as a URL with scheme "c:".
  if (/^[a-zA-Z]:[\\/]/.test(input) || /^\\\\/.test(input)) return { kind: 'file', path: input };
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(input)) return { kind: 'file', path: input };
  const url = URL.canParse(input) ? new URL(input) : undefined;
  if (url?.protocol === 'http:' || url?.protocol === 'https:') return { kind: 'http', url };
  if (url?.protocol === 'file:') {
    try {
      return { kind: 'file', path: fileURLToPath(url) };
    } catch (err) {
      throw fetchError(`Cannot read ${input} as a local file: ${(err as Error).message}`, err);
    }
  }
  throw fetchError(`Unsupported PAC location ${input}: only http://, https://, file:// and paths are fetched.`);
}

function fetchError(message: string, cause?: unknown): PacError {
  return new PacError(ErrorCode.PacFetch, message, cause === undefined ? undefined : { cause });
}

/** UTF-8 unless a byte-order mark says UTF-16; the BOM itself is dropped (the same rule as every text file we read). */
export const decodePacText = decodeByBom;

export async function fetchPac(input: string, options: FetchPacOptions = {}): Promise<FetchedPac> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PAC_FETCH_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_PAC_MAX_BYTES;
  const started = performance.now();
  const location = locatePac(input);
  const result =
    location.kind === 'file'
      ? await withTimeout(readBounded(location.path, maxBytes, input), timeoutMs, input)
      : await httpGet(location.url, maxBytes, timeoutMs, options.connectAddress);
  return {
    url: input,
    script: decodePacText(result.body),
    bytes: result.body.byteLength,
    ms: Math.round(performance.now() - started),
    source: location.kind,
    status: result.status,
    contentType: result.contentType,
    address: location.kind === 'http' ? (options.connectAddress ?? null) : null,
  };
}

// undici's own per-phase timers can beat the overall AbortSignal by a tick; all mean the same to the admin.
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

type Raw = { body: Uint8Array; status: number | null; contentType: string | null };

function tooLarge(input: string, maxBytes: number): PacError {
  return fetchError(`The PAC at ${input} is larger than the ${maxBytes}-byte limit.`);
}

async function readBounded(path: string, maxBytes: number, input: string): Promise<Raw> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    throw fetchError(`Cannot open the PAC file ${input}: ${(err as Error).message}`, err);
  }
  try {
    // One byte more than allowed tells "exactly at the limit" from "over it" without a stat race.
    const buffer = Buffer.alloc(maxBytes + 1);
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw tooLarge(input, maxBytes);
    }
    return { body: buffer.subarray(0, total), status: null, contentType: null };
  } catch (err) {
    if (err instanceof PacError) throw err;
    throw fetchError(`Cannot read the PAC file ${input}: ${(err as Error).message}`, err);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

async function withTimeout<T>(work: Promise<T>, timeoutMs: number, input: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(fetchError(`Reading ${input} took longer than ${timeoutMs} ms.`)), timeoutMs);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

function pinnedLookup(address: string): LookupFunction {
  const family = isIP(address);
  return ((_host: string, opts: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (opts?.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  }) as LookupFunction;
}

async function httpGet(url: URL, maxBytes: number, timeoutMs: number, connectAddress?: string): Promise<Raw> {
  if (connectAddress !== undefined && isIP(connectAddress) === 0) {
    throw fetchError(`connectAddress must be an IP address, got ${connectAddress}`);
  }
  // Loaded on first use: undici is large, and most CLI runs never fetch a PAC.
  // undici is CommonJS: loaded from its own file (module/engine/vendor/), it may come only as the default export.
  const undici = (await import('undici')) as typeof import('undici') & { default?: typeof import('undici') };
  const { Agent, request } = undici.default ?? undici;
  const lookup = connectAddress === undefined ? {} : { lookup: pinnedLookup(connectAddress) };
  const agent = new Agent({
    connect: { timeout: timeoutMs, ...lookup },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    pipelining: 0,
  });
  const signal = AbortSignal.timeout(timeoutMs);
  const shown = url.href;
  try {
    const response = await request(url, {
      method: 'GET',
      dispatcher: agent,
      signal,
      headers: { accept: '*/*', 'user-agent': 'MDIConnectivity-PAC/1' },
    });
    const header = (name: string): string | null => {
      const value = response.headers[name];
      return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
    };
    if (response.statusCode !== 200) {
      await response.body.dump().catch(() => undefined);
      const location = header('location');
      const redirect = location ? ` (redirect to ${location}, not followed)` : '';
      throw fetchError(`Fetching ${shown} returned HTTP ${response.statusCode}${redirect}.`);
    }
    if (Number(header('content-length') ?? 0) > maxBytes) {
      response.body.destroy();
      throw tooLarge(shown, maxBytes);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of response.body) {
      const piece = chunk as Buffer;
      total += piece.byteLength;
      if (total > maxBytes) {
        response.body.destroy();
        throw tooLarge(shown, maxBytes);
      }
      chunks.push(piece);
    }
    return { body: Buffer.concat(chunks), status: response.statusCode, contentType: header('content-type') };
  } catch (err) {
    if (err instanceof PacError) throw err;
    const code = (err as { code?: string }).code;
    if (signal.aborted || (code !== undefined && TIMEOUT_CODES.has(code))) {
      throw fetchError(`Fetching ${shown} took longer than ${timeoutMs} ms.`, err);
    }
    throw fetchError(`Fetching ${shown} failed: ${code ? `${code} ` : ''}${(err as Error).message}`, err);
  } finally {
    await agent.destroy().catch(() => undefined);
  }
}
