function Export-MDIConnectivityReport {
    <#
    .SYNOPSIS
    Writes connectivity results (one host or a whole fleet) as a self-contained HTML page or a JSON document.

    .DESCRIPTION
    Export-MDIConnectivityReport takes MDIConnectivity.CheckResult objects from the pipeline, from
    Test-MDIConnectivity on this machine or -ComputerName/-HostName/-Session across domain controllers,
    or deserialized from Invoke-Command, and groups them by host (ComputerName, else PSComputerName).

    HTML (a .html or .htm path): one file that opens offline, with no script, no CDN and no network. It
    starts with a summary line per verdict, then the hosts, failing hosts first. Per host: the verdict,
    and for each failed check its detail, remediation, route, the server's or proxy's response, the
    phase timings as bars and the certificate chain (folded). Every value from a host, proxy or server
    is escaped: an error page cannot add markup. It prints well (folded parts unfold on paper).

    JSON (a .json path): the same report as data, following module/schema/connectivity-report.schema.json
    (generated from the TypeScript types in src/contract/report-types.ts).

    The file is written safely: an existing file is backed up (<name>.<time>.bak) first, the new one
    replaces it atomically and is read back. -WhatIf shows what would be written.

    .PARAMETER InputObject
    CheckResult objects, as Test-MDIConnectivity returns them. Accepts pipeline input.

    .PARAMETER Path
    The file to write: .html/.htm for the page, .json for the data. Relative paths resolve against the
    current PowerShell location; the folder must exist.

    .PARAMETER PassThru
    Returns the written file (System.IO.FileInfo).

    .EXAMPLE
    Test-MDIConnectivity -WorkspaceName contoso-corp -ComputerName (Get-ADDomainController -Filter *).HostName | Export-MDIConnectivityReport -Path ./mdi-connectivity.html

    Checks every domain controller and writes one page to read, failing DCs first.

    .EXAMPLE
    $results = Test-MDIConnectivity contoso-corp -ProxyUrl http://proxy.contoso.com:8080; $results | Export-MDIConnectivityReport -Path ./report.html; $results | Export-MDIConnectivityReport -Path ./report.json

    The same results as a page for people and as JSON for tools (with -HostName or -ComputerName, of every DC).

    .EXAMPLE
    Test-MDIConnectivity -WorkspaceName contoso-corp -ProxyUrl http://proxy.contoso.com:8080 | Export-MDIConnectivityReport -Path ./this-dc.html -PassThru

    One host's report; returns the file written.

    .INPUTS
    MDIConnectivity.CheckResult (also Deserialized.MDIConnectivity.CheckResult).

    .OUTPUTS
    None, or System.IO.FileInfo with -PassThru.

    .NOTES
    Errors: MDI_INVALID_ARGUMENT (an extension other than .html, .htm or .json; no results),
    MDI_WRITE_FAILED (the folder does not exist, or the file could not be written and verified).

    .LINK
    Test-MDIConnectivity
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    [OutputType([System.IO.FileInfo])]
    param(
        [Parameter(Mandatory = $true, ValueFromPipeline = $true)]
        [psobject[]] $InputObject,

        [Parameter(Mandatory = $true, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string] $Path,

        [switch] $PassThru
    )

    begin {
        $results = New-Object -TypeName System.Collections.Generic.List[object]
        $format = $null
        switch -Regex ([System.IO.Path]::GetExtension($Path).ToLowerInvariant()) {
            '^\.html?$' { $format = 'Html' }
            '^\.json$' { $format = 'Json' }
        }
        if ($null -eq $format) {
            $PSCmdlet.ThrowTerminatingError((New-MDIErrorRecord -ErrorId 'MDI_INVALID_ARGUMENT' -Category InvalidArgument -TargetObject $Path `
                        -Message ("Cannot tell the report format from '{0}': use a path ending in .html (a page) or .json (data)." -f $Path)))
        }
    }

    process {
        foreach ($item in $InputObject) {
            # -Quiet booleans carry no detail to report; anything else must look like a CheckResult.
            if ($null -eq $item -or $null -eq $item.PSObject.Properties['Verdict']) {
                Write-Warning ('Skipped an input that is not a connectivity result: {0}' -f $item)
                continue
            }
            $results.Add($item)
        }
    }

    end {
        if ($results.Count -eq 0) {
            $PSCmdlet.ThrowTerminatingError((New-MDIErrorRecord -ErrorId 'MDI_INVALID_ARGUMENT' -Category InvalidData -TargetObject $Path `
                        -Message 'No connectivity results were piped in: pipe Test-MDIConnectivity results (not -Quiet) into Export-MDIConnectivityReport.'))
        }
        $report = ConvertTo-MDIReportModel -Result $results.ToArray()
        if ($format -eq 'Html') { $text = ConvertTo-MDIReportHtml -Report $report }
        else { $text = ConvertTo-Json -InputObject $report -Depth 8 }
        $target = $PSCmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
        $what = '{0} report of {1} host(s), {2} failing' -f $format, $report.hostCount, $report.failingHostCount
        if (-not $PSCmdlet.ShouldProcess($target, ('Write the {0}' -f $what))) { return }
        try {
            $backup = Write-MDIFileSafely -Path $target -Content ([System.Text.UTF8Encoding]::new($false).GetBytes($text))
        }
        catch {
            $PSCmdlet.ThrowTerminatingError((New-MDIErrorRecord -FromErrorRecord $_))
        }
        if ($backup -is [System.Management.Automation.ErrorRecord]) { $PSCmdlet.ThrowTerminatingError($backup) }
        if ($backup) { Write-Verbose ('The previous file was kept as {0}.' -f $backup) }
        Write-Verbose ('Wrote the {0} to {1}.' -f $what, $target)
        if ($PassThru) { Get-Item -LiteralPath $target }
    }
}
