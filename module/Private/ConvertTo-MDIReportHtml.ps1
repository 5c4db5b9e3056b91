# Inline style sheet: the report is one file that opens offline (no CDN, no script, no network).
$script:MDIReportStyle = @'
:root { --pass: #1a7f37; --fail: #c62828; --warn: #9a6700; --ink: #1f2328; --mute: #57606a; --line: #d0d7de; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { font: 14px/1.45 "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif; color: var(--ink); margin: 0 auto; max-width: 1200px; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 24px 0 8px; } h3 { font-size: 15px; margin: 0; }
.meta { color: var(--mute); margin: 0; }
.badge { display: inline-block; border-radius: 10px; padding: 1px 9px; font-size: 12px; font-weight: 600; color: #fff; background: var(--fail); }
.badge.pass { background: var(--pass); }
table.summary { border-collapse: collapse; min-width: 360px; }
table.summary td { padding: 4px 10px; border-bottom: 1px solid var(--line); }
table.summary td.count { text-align: right; font-weight: 600; font-variant-numeric: tabular-nums; }
.host { border: 1px solid var(--line); border-left: 6px solid var(--fail); border-radius: 6px; padding: 12px 16px; margin: 12px 0; break-inside: avoid; }
.host.pass { border-left-color: var(--pass); }
.host header { display: flex; gap: 10px; align-items: center; }
.check { margin-top: 10px; padding-top: 8px; border-top: 1px dashed var(--line); }
dl { display: grid; grid-template-columns: 120px 1fr; gap: 2px 12px; margin: 6px 0; }
dt { color: var(--mute); } dd { margin: 0; overflow-wrap: anywhere; }
.remediation { font-weight: 600; }
pre { background: var(--bg); padding: 6px 8px; border-radius: 4px; white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; font-size: 12px; }
.phases { display: grid; grid-template-columns: 110px 1fr 80px; gap: 3px 10px; align-items: center; max-width: 640px; margin: 6px 0; }
.phase-bar { height: 10px; background: var(--bg); border-radius: 3px; }
.phase-bar span { display: block; height: 10px; min-width: 2px; border-radius: 3px; background: #0969da; }
.phase-bar.failed span { background: var(--fail); }
.ms { text-align: right; color: var(--mute); font-variant-numeric: tabular-nums; }
details { margin: 6px 0; } summary { cursor: pointer; color: #0969da; }
table.others { border-collapse: collapse; width: 100%; font-size: 13px; }
table.others td { padding: 2px 8px; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
ol.chain { margin: 4px 0; padding-left: 22px; } ol.chain li { margin-bottom: 4px; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .host { break-inside: avoid; }
  .badge, .host, .phase-bar span { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  summary { color: var(--ink); }
  details::details-content { content-visibility: visible; display: block; }
  details > * { display: block; }
}
'@

function ConvertTo-MDIReportHtml {
    <#
    .SYNOPSIS
    Renders the report document (ConvertTo-MDIReportModel) as one self-contained HTML page.
    .DESCRIPTION
    Every value from a host, a proxy or a server (host names, details, response bodies, certificate
    names) goes through HtmlEncode: a proxy's error page is shown as text, never as markup. A
    Content-Security-Policy forbids scripts and every fetch, so the file also stays offline. Failing
    checks are shown in full; a host's other checks and each certificate chain are folded (<details>),
    and unfold when printed.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary] $Report
    )

    $e = { param($value) [System.Net.WebUtility]::HtmlEncode([string]$value) }
    $out = New-Object -TypeName System.Text.StringBuilder
    $add = { param([string] $text) $null = $out.Append($text) }
    $badge = { param([string] $verdict) $class = 'badge'; if ($verdict -eq 'Pass') { $class = 'badge pass' }; '<span class="{0}">{1}</span>' -f $class, (& $e $verdict) }
    $ms = { param([double] $value) $value.ToString('0.0', [System.Globalization.CultureInfo]::InvariantCulture) + ' ms' }

    & $add '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
    & $add "<meta http-equiv=`"Content-Security-Policy`" content=`"default-src 'none'; style-src 'unsafe-inline'`">"
    & $add '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Defender for Identity connectivity report</title>'
    & $add ('<style>{0}</style></head><body>' -f $script:MDIReportStyle)
    & $add ('<header><h1>Defender for Identity connectivity</h1><p class="meta">{0} host(s), {1} failing &middot; {2} &middot; {3}</p></header>' -f `
            $Report.hostCount, $Report.failingHostCount, (& $e $Report.generatedAt), (& $e $Report.generatedBy))

    & $add '<section><h2>Summary</h2><table class="summary"><tbody>'
    foreach ($line in $Report.summary) {
        & $add ('<tr data-verdict="{0}"><td>{1}</td><td class="count">{2}</td><td>host(s)</td></tr>' -f (& $e $line.verdict), (& $badge $line.verdict), $line.hosts)
    }
    & $add '</tbody></table></section><section><h2>Hosts</h2>'

    foreach ($entry in $Report.hosts) {
        $class = 'host fail'
        if ($entry.passed) { $class = 'host pass' }
        & $add ('<article class="{0}" data-host="{1}" data-verdict="{2}"><header>{3}<h3>{1}</h3></header>' -f $class, (& $e $entry.computerName), (& $e $entry.verdict), (& $badge $entry.verdict))
        $shown = @($entry.checks | Where-Object { $_.required -and -not $_.passed })
        if ($shown.Count -eq 0) { $shown = @($entry.checks | Select-Object -First 1) }
        foreach ($check in $shown) { & $add (ConvertTo-MDIReportCheckHtml -Check $check) }
        $others = @($entry.checks | Where-Object { $shown -notcontains $_ })
        if ($others.Count -gt 0) {
            & $add ('<details class="others"><summary>{0} other check(s)</summary><table class="others"><tbody>' -f $others.Count)
            foreach ($check in $others) {
                & $add ('<tr><td>{0}</td><td>{1}</td><td>{2}</td><td class="ms">{3}</td><td>{4}</td></tr>' -f (& $e $check.category), (& $e $check.target), (& $badge $check.verdict), (& $ms $check.totalMs), (& $e $check.detail))
            }
            & $add '</tbody></table></details>'
        }
        & $add '</article>'
    }
    & $add '</section></body></html>'
    $out.ToString()
}

function ConvertTo-MDIReportCheckHtml {
    # One check in full: what, verdict, detail, remediation, route, response, phase bars, folded chain.
    param([Parameter(Mandatory = $true)] [System.Collections.IDictionary] $Check)

    $e = { param($value) [System.Net.WebUtility]::HtmlEncode([string]$value) }
    $rows = New-Object -TypeName System.Collections.Generic.List[string]
    $row = { param([string] $name, [string] $html, [string] $class) $rows.Add(('<dt>{0}</dt><dd class="{1}">{2}</dd>' -f $name, $class, $html)) }
    & $row 'Check' ('{0} &middot; {1}' -f (& $e $Check.category), (& $e $Check.target)) 'target'
    & $row 'Verdict' (& $e $Check.verdict) 'verdict'
    & $row 'Detail' (& $e $Check.detail) 'detail'
    & $row 'Remediation' (& $e $Check.remediation) 'remediation'
    $route = $Check.routeSource
    if ($Check.proxy) { $route = '{0} via {1}' -f $route, $Check.proxy }
    elseif ($route -and $Check.category -ne 'Host') { $route = '{0}, direct' -f $route }
    if ($Check.routeReason) { $route = '{0} ({1})' -f $route, $Check.routeReason }
    if ($route) { & $row 'Route' (& $e $route) 'route' }
    if ($null -ne $Check.httpStatus) { & $row 'HTTP status' (& $e $Check.httpStatus) 'status' }
    if ($Check.responseBody) { & $row 'Response' ('<pre>{0}</pre>' -f (& $e $Check.responseBody)) 'response' }
    $html = '<div class="check"><dl>{0}</dl>' -f ($rows -join '')

    $phases = @($Check.phases)
    if ($phases.Count -gt 0) {
        $longest = 1.0
        foreach ($phase in $phases) { $longest = [Math]::Max($longest, [double]$phase.ms) }
        $bars = foreach ($phase in $phases) {
            $width = [Math]::Round(100.0 * [double]$phase.ms / $longest, 1).ToString([System.Globalization.CultureInfo]::InvariantCulture)
            $state = ''
            if (-not $phase.ok) { $state = ' failed' }
            '<span class="phase-name" title="{0}">{1}</span><div class="phase-bar{2}"><span style="width:{3}%"></span></div><span class="ms">{4} ms</span>' -f `
                (& $e $phase.note), (& $e $phase.name), $state, $width, ([double]$phase.ms).ToString('0.0', [System.Globalization.CultureInfo]::InvariantCulture)
        }
        $html += '<div class="phases">{0}</div>' -f ($bars -join '')
    }
    $chain = @($Check.certificateChain)
    if ($chain.Count -gt 0) {
        $items = foreach ($certificate in $chain) {
            $known = ''
            if ($certificate.recognizedAs) { $known = ' &middot; ' + (& $e $certificate.recognizedAs) }
            '<li><b>{0}</b><br>issued by {1} &middot; {2} to {3} &middot; SHA-1 {4}{5}</li>' -f (& $e $certificate.subject), (& $e $certificate.issuer), (& $e $certificate.notBefore), (& $e $certificate.notAfter), (& $e $certificate.thumbprint), $known
        }
        $html += '<details class="chain"><summary>Certificate chain ({0})</summary><ol class="chain">{1}</ol></details>' -f $chain.Count, ($items -join '')
    }
    $html + '</div>'
}
