// Installer/Deployer switches: golden strings for the quoting rules, round trips through
// our own parser for hostile values, and what parsing does with the rest of a real line.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors.js';
import { formatDeployerSyntax, parseDeployerSyntax, type DeployerSettings } from '../../../src/sensor-config/deployer-syntax.js';
import { escapeForCmd, quoteArgument, splitCommandLine, unescapeCmd } from '../../../src/sensor-config/windows-args.js';

describe('quoteArgument (Microsoft C runtime rules)', () => {
  it.each([
    ['plain', '"plain"'],
    ['', '""'],
    ['a b', '"a b"'],
    ['CONTOSO\\svc', '"CONTOSO\\svc"'],
    ['ends\\', '"ends\\\\"'],
    ['a"b', '"a\\"b"'],
    ['a\\"b', '"a\\\\\\"b"'],
    ['\\\\server\\share\\', '"\\\\server\\share\\\\"'],
  ])('%j → %s', (value, quoted) => {
    expect(quoteArgument(value)).toBe(quoted);
    expect(splitCommandLine(quoted).args).toEqual([value]);
  });
});

describe('splitCommandLine', () => {
  it.each([
    ['a b\tc', ['a', 'b', 'c']],
    ['"a b" c', ['a b', 'c']],
    ['ProxyUrl="http://p:1" X=1', ['ProxyUrl=http://p:1', 'X=1']],
    ['a\\\\b', ['a\\\\b']],
    ['"a""b"', ['a"b']],
    ['"unterminated value', ['unterminated value']],
    ['  ', []],
    ['""', ['']],
  ])('%j', (line, args) => expect(splitCommandLine(line).args).toEqual(args));
});

describe('cmd.exe escaping', () => {
  it('adds ^ only where a quote inside a value leaves an operator outside cmd\'s quotes', () => {
    const line = `P=${quoteArgument('a"b&c|d')}`;
    expect(line).toBe('P="a\\"b&c|d"');
    expect(escapeForCmd(line)).toBe('P="a\\"b^&c^|d"');
    expect(unescapeCmd(escapeForCmd(line))).toBe(line);
    expect(escapeForCmd('P="a&b"')).toBe('P="a&b"');
  });
});

const settings = (proxyUrl: string | null, proxyUser: string | null = null, proxyPassword: string | null = null, clear = false): DeployerSettings =>
  ({ clear, proxyUrl, proxyUser, proxyPassword });

describe('formatDeployerSyntax', () => {
  it('writes the documented form, password masked unless revealed', () => {
    const s = settings('http://proxy.contoso.com:8080', 'CONTOSO\\ProxyUser', 'P@ssw0rd');
    expect(formatDeployerSyntax(s, false).arguments).toBe('ProxyUrl="http://proxy.contoso.com:8080" ProxyUserName="CONTOSO\\ProxyUser" ProxyUserPassword="********"');
    const shown = formatDeployerSyntax(s, true);
    expect(shown.arguments).toBe('ProxyUrl="http://proxy.contoso.com:8080" ProxyUserName="CONTOSO\\ProxyUser" ProxyUserPassword="P@ssw0rd"');
    expect(shown.cmdCommandLine).toBe(`Microsoft.Tri.Sensor.Deployment.Deployer.exe ${shown.arguments}`);
    expect(formatDeployerSyntax(settings(null, null, null, true), false).cmdCommandLine).toBe('Microsoft.Tri.Sensor.Deployment.Deployer.exe ClearProxyConfiguration');
  });

  it('warns about a quote (cmd escapes added) and about %VAR%', () => {
    const out = formatDeployerSyntax(settings('http://p:1', 'u', 'a"b&%PATH%'), true);
    expect(out.cmdCommandLine).toContain('ProxyUserPassword="a\\"b^&%PATH%"');
    expect(out.warnings.join(' ')).toMatch(/double quote.*puts \^ before/);
    expect(out.warnings.join(' ')).toMatch(/%…% or !/);
  });

  it('refuses a value no command line can carry', () => {
    expect(() => formatDeployerSyntax(settings('http://p:1', 'u', 'line\nbreak'), true)).toThrow(expect.objectContaining({ code: ErrorCode.DeployerSyntaxInvalid }));
  });
});

describe('round trip: format → parse gives back every value', () => {
  const passwords = ['p;a"ss@word 1', 'ends with backslash\\', '\\"', '""', 'Grüße 東京 😀', '  spaced  ', '&|<>^()', '%PATH%!x!', 'a\\\\"b', '', '********x'];
  const users = ['CONTOSO\\svc-mdi', 'svc@contoso.com', 'dom\\"odd" user\\'];
  it.each(passwords.flatMap((password) => users.map((user) => [password, user])))('password %j, user %j', (password, user) => {
    const s = settings('http://proxy.contoso.com:8080', user, password);
    const out = formatDeployerSyntax(s, true);
    expect(parseDeployerSyntax(out.cmdCommandLine, 'cmd').settings).toEqual(s);
    expect(parseDeployerSyntax(out.arguments, 'argv').settings).toEqual(s);
  });
});

describe('parseDeployerSyntax', () => {
  it('reads the documented installer line, lists other switches by name only', () => {
    const parsed = parseDeployerSyntax('"Azure ATP sensor Setup.exe" /quiet NetFrameworkCommandLineArguments="/q" AccessKey="secret-key" ProxyUrl="http://proxy.internal.com" ProxyUserName="domain\\proxyuser" ProxyUserPassword="ProxyPassword"', 'cmd');
    expect(parsed.settings).toEqual(settings('http://proxy.internal.com', 'domain\\proxyuser', 'ProxyPassword'));
    expect(parsed.ignored).toEqual(['/quiet', 'NetFrameworkCommandLineArguments=…', 'AccessKey=…']);
    expect(JSON.stringify(parsed.ignored)).not.toContain('secret-key');
  });

  it('adds http:// as Set does, is case-insensitive on names, takes the last duplicate', () => {
    const parsed = parseDeployerSyntax('proxyurl=first:1 PROXYURL=proxy:3128', 'argv');
    expect(parsed.settings.proxyUrl).toBe('http://proxy:3128');
    expect(parsed.warnings.join(' ')).toMatch(/more than once/);
  });

  it('reads ClearProxyConfiguration', () => {
    expect(parseDeployerSyntax('Microsoft.Tri.Sensor.Deployment.Deployer.exe ClearProxyConfiguration', 'cmd').settings).toEqual(settings(null, null, null, true));
  });

  it.each([
    ['nothing useful', '/quiet AccessKey=x', /no ProxyUrl/],
    ['clear with a URL', 'ClearProxyConfiguration ProxyUrl=http://p:1', /cannot be combined/],
    ['password without user', 'ProxyUrl=http://p:1 ProxyUserPassword=x', /without ProxyUserName/],
    ['several lines', 'ProxyUrl=http://p:1\nProxyUserName=u', /several lines/],
  ])('refuses %s', (_name, line, message) => {
    expect(() => parseDeployerSyntax(line, 'cmd')).toThrow(message);
  });

  it('refuses a bad URL with the URL error, never quoting a password', () => {
    expect(() => parseDeployerSyntax('ProxyUrl="https://p:1" ProxyUserName=u ProxyUserPassword=SECRET', 'cmd')).toThrow(expect.objectContaining({ code: ErrorCode.ProxyUrlInvalid }));
    try {
      parseDeployerSyntax('ProxyUrl="http://u:SECRET@p:1"', 'cmd');
    } catch (error) {
      expect((error as Error).message).not.toContain('SECRET');
    }
  });

  it('warns about an unclosed quote and a masked password', () => {
    const parsed = parseDeployerSyntax('ProxyUrl=http://p:1 ProxyUserName=u ProxyUserPassword="********', 'cmd');
    expect(parsed.warnings.join(' ')).toMatch(/not closed/);
    expect(parsed.warnings.join(' ')).toMatch(/mask/);
  });
});
