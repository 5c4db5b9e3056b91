import { hostname } from 'node:os';
import { createType1Message, createType3Message, decodeType2Message } from '@ewsjs/ntlm-client';

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

/** 'CONTOSO\svc' and 'svc@contoso.com' as Windows reads them. */
export function splitAccount(account: string): NtlmIdentity {
  const slash = account.indexOf('\\');
  if (slash >= 0) return { domain: account.slice(0, slash), user: account.slice(slash + 1) };
  return { domain: '', user: account };
}

export function ntlmNegotiate(account: string): string {
  return createType1Message(workstation(), splitAccount(account).domain);
}

export function ntlmAuthenticate(challenge: string, account: string, password: string): string {
  const { domain, user } = splitAccount(account);
  const type2 = decodeType2Message(challenge);
  return createType3Message(type2, user, password, workstation(), domain || undefined);
}

function workstation(): string {
  return hostname().split('.')[0]!.toUpperCase();
}
