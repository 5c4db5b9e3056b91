// Composes the proxy string and the bypass list into the route a manually configured
// Windows client takes for one URL (no PAC, no WPAD: that is a separate decision).
// Pure: no I/O. The reason is one readable line for the report.

import { isBypassed, parseBypassList, unusableRules, IMPLICIT_LOOPBACK_RULE } from './bypass.js';
import { formatHostPort, parseProxyServer, proxyForUrl, type ProxyProtocol, type ProxyVia } from './proxy-string.js';

export interface ManualProxySettings {
  /** The `ProxyServer` string. */
  proxyServer: string;
  /** The `ProxyOverride` / bypass list. */
  bypassList: string;
  /** Flag 0x2 (PROXY_TYPE_PROXY) of the connection settings. */
  useProxy: boolean;
}

export interface RouteOptions {
  /** See ProxyForUrlOptions.socksFallback: true for WinINet (default), false for WinHTTP. */
  socksFallback?: boolean;
  /** See BypassOptions.implicitLoopback (default true). */
  implicitLoopback?: boolean;
}

export interface RouteDecision {
  kind: 'direct' | 'proxy';
  proxy?: { host: string; port: number; via: ProxyVia; protocol?: ProxyProtocol };
  /** One line, e.g. "bypassed by '*.contoso.com'". */
  reason: string;
  /** Bypass entries Windows would skip, as "'entry': reason"; empty when all were read. */
  ignoredBypassRules: string[];
}

/**
 * Decide DIRECT or which proxy for `url`. Order follows WinINet: the enable flag, then
 * the bypass list, then the entry for the URL's scheme. A malformed proxy string throws
 * (MdiInputError, MDI_PROXY_STRING_INVALID) — but only when the flag is set: with it
 * clear Windows never reads the string, so a broken one behind it is not an error here.
 * Bad bypass entries never throw; they are listed in `ignoredBypassRules`.
 */
export function decideManualRoute(settings: ManualProxySettings, url: URL, options: RouteOptions = {}): RouteDecision {
  const rules = parseBypassList(settings.bypassList);
  // Cut long junk so each line stays readable; the full text is in the settings anyway.
  const ignoredBypassRules = unusableRules(rules).map((r) => `'${r.text.length > 80 ? `${r.text.slice(0, 80)}…` : r.text}': ${r.reason}`);
  const direct = (reason: string): RouteDecision => ({ kind: 'direct', reason, ignoredBypassRules });

  if (!settings.useProxy) return direct('proxy not enabled (flag 0x2 clear)');
  const entries = parseProxyServer(settings.proxyServer);
  if (entries.length === 0) return direct('proxy enabled (flag 0x2) but the proxy server string is empty');

  const bypass = isBypassed(rules, url, options.implicitLoopback === undefined ? {} : { implicitLoopback: options.implicitLoopback });
  if (bypass.bypassed) {
    const rule = bypass.rule ?? '';
    if (rule === IMPLICIT_LOOPBACK_RULE) return direct('bypassed: Windows always sends loopback and link-local addresses direct (no <-loopback> in the list)');
    // CIDR matching is ours (ipaddr.js); say so, since classic WinINet compares text.
    const note = rule.includes('/') ? ' (CIDR entry: not every Windows HTTP stack honours CIDR)' : '';
    return direct(`bypassed by '${rule}'${note}`);
  }

  const choice = proxyForUrl(entries, url, options.socksFallback === undefined ? {} : { socksFallback: options.socksFallback });
  const scheme = url.protocol.slice(0, -1);
  if (choice === null) {
    const listed = [...new Set(entries.map((e) => (e.scheme === null ? 'default' : `${e.scheme}=`)))].join(', ');
    return direct(`no proxy entry for ${scheme} URLs (the string lists only ${listed})`);
  }
  const where = formatHostPort(choice.host, choice.port);
  const label = choice.via === 'default' ? 'default entry' : `${choice.via} entry`;
  const how = choice.protocol === 'socks' ? ' (SOCKS)' : '';
  const proxy: NonNullable<RouteDecision['proxy']> = { host: choice.host, port: choice.port, via: choice.via };
  if (choice.protocol !== undefined) proxy.protocol = choice.protocol;
  return { kind: 'proxy', proxy, reason: `${label} ${where}${how}`, ignoredBypassRules };
}
