// WPAD discovery by DNS, the way Windows does it: `wpad.<suffix>`, then the
// suffix devolved one label at a time, fetching http://wpad.<name>/wpad.dat.
//
// Devolution stops while two labels remain (`wpad.contoso.com`, never
// `wpad.com`): a `wpad` name under a public suffix is registrable by anyone,
// which is the classic WPAD hijack. For the same reason a suffix with fewer than
// two labels yields no candidate at all.
//
// Name resolution is the caller's (an injected resolver), and the fetch goes to
// the resolved address with the wpad name kept in the URL, so the Host header
// is `wpad.<suffix>` as a real client would send it.
import { ErrorCode } from '../errors.js';
import { fetchPac, type FetchedPac, type FetchPacOptions } from './fetch-pac.js';
import { PacError } from './pac-error.js';

export interface DiscoverWpadOptions {
  /** The machine's DNS suffix(es), most specific first (primary suffix, then the search list). */
  dnsSuffix: string | string[];
  /** Resolves a candidate name; an empty list means "no such name". */
  resolveHost: (host: string) => Promise<string[]>;
  fetch?: typeof fetchPac;
  /** Port of the WPAD web server. Default 80. */
  port?: number;
  /** Bound for each lookup and each fetch. Default 5 s. */
  timeoutMs?: number;
  maxBytes?: number;
}

export interface WpadAttempt {
  host: string;
  url: string;
  addresses: string[];
  /** The address whose fetch succeeded, or the last one tried. */
  address: string | null;
  outcome: 'found' | 'no-address' | 'dns-failed' | 'fetch-failed';
  error: string | null;
}

export interface WpadResult {
  url: string;
  candidatesTried: string[];
  attempts: WpadAttempt[];
  pac: FetchedPac;
}

export const DEFAULT_WPAD_TIMEOUT_MS = 5000;
/** Addresses tried per name; a round-robin record of dozens must not multiply the wait. */
const MAX_ADDRESSES_PER_NAME = 4;
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$/;

/** Candidate WPAD host names for the suffixes, in the order they are tried, without duplicates. */
export function wpadCandidates(dnsSuffix: string | string[]): string[] {
  const names: string[] = [];
  for (const suffix of Array.isArray(dnsSuffix) ? dnsSuffix : [dnsSuffix]) {
    const labels = String(suffix).trim().toLowerCase().replace(/^\.+|\.+$/g, '').split('.');
    if (!labels.every((label) => LABEL.test(label))) continue;
    for (let i = 0; labels.length - i >= 2; i++) {
      const name = `wpad.${labels.slice(i).join('.')}`;
      if (!names.includes(name)) names.push(name);
    }
  }
  return names;
}

function wpadUrl(host: string, port: number): string {
  return `http://${host}${port === 80 ? '' : `:${port}`}/wpad.dat`;
}

async function within<T>(work: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export async function discoverWpad(options: DiscoverWpadOptions): Promise<WpadResult> {
  const fetch = options.fetch ?? fetchPac;
  const port = options.port ?? 80;
  const timeoutMs = options.timeoutMs ?? DEFAULT_WPAD_TIMEOUT_MS;
  const candidates = wpadCandidates(options.dnsSuffix);
  const attempts: WpadAttempt[] = [];

  for (const host of candidates) {
    const url = wpadUrl(host, port);
    const attempt: WpadAttempt = { host, url, addresses: [], address: null, outcome: 'no-address', error: null };
    attempts.push(attempt);
    try {
      // Promise.resolve().then: a resolver that throws synchronously is a failed lookup, not a crash.
      const resolved = await within(Promise.resolve().then(() => options.resolveHost(host)), timeoutMs, `Resolving ${host}`);
      attempt.addresses = Array.isArray(resolved) ? resolved.filter((a) => typeof a === 'string' && a !== '') : [];
    } catch (err) {
      attempt.outcome = 'dns-failed';
      attempt.error = reason(err);
      continue;
    }
    for (const address of attempt.addresses.slice(0, MAX_ADDRESSES_PER_NAME)) {
      attempt.address = address;
      const fetchOptions: FetchPacOptions = { timeoutMs, connectAddress: address };
      if (options.maxBytes !== undefined) fetchOptions.maxBytes = options.maxBytes;
      try {
        const pac = await fetch(url, fetchOptions);
        attempt.outcome = 'found';
        attempt.error = null;
        return { url, candidatesTried: attempts.map((a) => a.host), attempts, pac };
      } catch (err) {
        attempt.outcome = 'fetch-failed';
        attempt.error = reason(err);
      }
    }
  }
  throw new PacError(ErrorCode.WpadNotFound, notFoundMessage(options.dnsSuffix, attempts));
}

function notFoundMessage(dnsSuffix: string | string[], attempts: WpadAttempt[]): string {
  const suffixes = (Array.isArray(dnsSuffix) ? dnsSuffix : [dnsSuffix]).map((s) => `"${s}"`).join(', ');
  if (attempts.length === 0) {
    return `No WPAD name to try: the DNS suffix ${suffixes || '(none)'} has fewer than two valid labels.`;
  }
  const lines = attempts.map((a) => {
    if (a.outcome === 'no-address') return `${a.host}: no address`;
    if (a.outcome === 'dns-failed') return `${a.host}: lookup failed (${a.error ?? 'unknown'})`;
    return `${a.url} via ${a.address ?? '?'}: ${a.error ?? 'failed'}`;
  });
  return `No WPAD script found for DNS suffix ${suffixes}. Tried: ${lines.join('; ')}.`;
}
