// squid.conf text for the three test instances (see squid.ts for how they run).
import type { TestPki } from './pki.js';

export const LIBEXEC = '/usr/lib/squid';
export const PROXY_REALM = 'MDI test proxy';

function commonConf(d: string, hostsFile: string): string {
  return `
cache_effective_user proxy
pid_filename ${d}/squid.pid
cache_log ${d}/cache.log
access_log stdio:${d}/access.log squid
cache_store_log none
coredump_dir ${d}
logfile_rotate 0
# Memory-only, and no caching at all: every request goes to the origin.
cache deny all
cache_mem 8 MB
memory_pools off
shutdown_lifetime 0 seconds
visible_hostname mdi-test-proxy
forwarded_for delete
via off
pinger_enable off
# Names come from hosts_file; DNS only sees names that must fail, and goes to
# our NXDOMAIN server on 127.0.0.1:53 (see nxdomain-dns.ts), never outside.
hosts_file ${hostsFile}
dns_nameservers 127.0.0.1
dns_timeout 3 seconds
dns_retransmit_interval 1 seconds
negative_dns_ttl 1 seconds
connect_timeout 10 seconds

acl CONNECT method CONNECT
# Squid 5.7 answers a CONNECT to an unresolvable name with 500 ERR_CANNOT_FORWARD
# (Squid bug 5294, fixed in 6.x; older and newer Squids answer 503 ERR_DNS_FAIL).
# Reproduce the usual 503 ERR_DNS_FAIL: the dst ACL resolves the name (hosts_file,
# then DNS) and does not match when that fails. deny_info's "503:" prefix leaks
# into X-Squid-Error in 5.7, so the header is rewritten to the standard value.
acl resolvable dst all
acl mark_dnsfail annotate_transaction mdi_dnsfail=yes
acl is_dnsfail note mdi_dnsfail yes
deny_info 503:ERR_DNS_FAIL mark_dnsfail
reply_header_access X-Squid-Error deny is_dnsfail
reply_header_replace X-Squid-Error ERR_DNS_FAIL 0
`;
}

export function openConf(d: string, hostsFile: string, p: Record<'open' | 'deny' | 'bump' | 'rawDns', number>, pki: TestPki): string {
  return `${commonConf(d, hostsFile)}
http_port 127.0.0.1:${p.open} name=open
http_port 127.0.0.1:${p.deny} name=deny
http_port 127.0.0.1:${p.rawDns} name=rawDns
http_port 127.0.0.1:${p.bump} name=bump ssl-bump generate-host-certificates=on dynamic_cert_mem_cache_size=4MB tls-cert=${pki.bumpCa.certPath} tls-key=${pki.bumpCa.keyPath}
acl p_open myportname open
acl p_deny myportname deny
acl p_bump myportname bump
acl p_rawDns myportname rawDns

sslcrtd_program ${LIBEXEC}/security_file_certgen -s ${d}/ssl_db -M 4MB
sslcrtd_children 3 startup=1 idle=1
acl step1 at_step SslBump1
ssl_bump peek step1
ssl_bump bump all
# The origin presents a cert from our test root, which Squid does not trust: accept it.
tls_outgoing_options flags=DONT_VERIFY_PEER
sslproxy_cert_error allow all

acl mdi_domains dstdomain .atp.azure.com
http_access deny p_deny CONNECT mdi_domains
# A strict allowlist that forgot the trust-list host: plain GETs to it are refused.
acl trust_list_host dstdomain ctldl.windowsupdate.com
http_access deny p_deny trust_list_host
http_access allow p_rawDns
http_access deny CONNECT !resolvable mark_dnsfail
http_access allow all
`;
}

export function basicConf(d: string, hostsFile: string, port: number, passwd: string): string {
  return `${commonConf(d, hostsFile)}
http_port 127.0.0.1:${port} name=basic
auth_param basic program ${LIBEXEC}/basic_ncsa_auth ${passwd}
auth_param basic children 3 startup=1 idle=1
auth_param basic realm ${PROXY_REALM}
auth_param basic casesensitive on
auth_param basic credentialsttl 1 minute
acl authed proxy_auth REQUIRED
http_access deny !authed
http_access deny CONNECT !resolvable mark_dnsfail
http_access allow authed
http_access deny all
`;
}

/** NTLM checked by a real domain controller through winbind's ntlm_auth (see samba.ts). */
export function ntlmConf(d: string, hostsFile: string, port: number, smbConf: string): string {
  return `${commonConf(d, hostsFile)}
http_port 127.0.0.1:${port} name=ntlm
auth_param ntlm program /usr/bin/ntlm_auth --helper-protocol=squid-2.5-ntlmssp --configfile=${smbConf}
auth_param ntlm children 3 startup=1 idle=1
auth_param ntlm keep_alive on
acl authed proxy_auth REQUIRED
http_access deny !authed
http_access deny CONNECT !resolvable mark_dnsfail
http_access allow authed
http_access deny all
`;
}

// ---- process management --------------------------------------------------
