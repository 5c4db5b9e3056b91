import { hostname } from 'node:os';
import { authenticateMessage, negotiateMessage, parseChallenge } from './ntlm.js';

export { MalformedChallengeError } from './ntlm.js';

export type AuthScheme = 'Basic' | 'NTLM';

/** The schemes we can answer, strongest first (the order Windows clients prefer). */
const SUPPORTED: readonly AuthScheme[] = ['NTLM', 'Basic'];

export function chooseScheme(offered: string[]): AuthScheme | null {
  const lower = offered.map((scheme) => scheme.toLowerCase());
  return SUPPORTED.find((scheme) => lower.includes(scheme.toLowerCase())) ?? null;
}

export function basicAuthorization(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

interface NtlmIdentity {
  domain: string;
  user: string;
}

/**
 * 'CONTOSO\\svc' and 'svc@contoso.com' as Windows sends them: a UPN goes whole in the
 * user field with an empty domain, and the domain controller resolves it.
 */
export function splitAccount(account: string): NtlmIdentity {
  const slash = account.indexOf('\\');
  if (slash >= 0) return { domain: account.slice(0, slash), user: account.slice(slash + 1) };
  return { domain: '', user: account };
}

export function ntlmNegotiate(): string {
  return `NTLM ${negotiateMessage().toString('base64')}`;
}

/** Throws MalformedChallengeError (never with the password in it) when the challenge is unusable. */
export function ntlmAuthenticate(challenge: string, account: string, password: string): string {
  const parsed = parseChallenge(Buffer.from(challenge, 'base64'));
  const message = authenticateMessage(parsed, { ...splitAccount(account), password, workstation: workstation() });
  return `NTLM ${message.toString('base64')}`;
}

function workstation(): string {
  return hostname().split('.')[0]!.toUpperCase();
}
