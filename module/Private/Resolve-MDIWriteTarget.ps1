function Resolve-MDIWriteTarget {
    <#
    .SYNOPSIS
    Resolves the files an offline change or a registry backup writes (-OutputPath, -BackupPath), refusing any two that are the same file, or the source export.
    .DESCRIPTION
    Shared by Copy-MDIProxySetting and the unified sensor's Set/Clear. Paths resolve against the
    PowerShell location, as every path a user types does; a backup without -BackupPath goes to the
    temp folder as <BackupPrefix>-<yyyyMMdd-HHmmss>.reg when -Online, beside -OutputPath offline
    (Get-MDIRestoreRegPath: fix.reg -> fix.backup.reg). The same file is recognised
    through any spelling (relative or absolute, ./, ..), case-insensitively on Windows: writing the
    import file over the export it is made from would destroy the only copy of the present values.
    Returns [pscustomobject]@{ OutputFile; BackupFile } ($null where nothing is to be written), or the
    MDI_INVALID_ARGUMENT ErrorRecord, returned, not thrown (see Resolve-MDIFilePath).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject], [System.Management.Automation.ErrorRecord])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Management.Automation.PSCmdlet] $Caller,

        # The .reg export read (offline), compared with the files to write.
        [string] $Path,

        [string] $OutputPath,

        [string] $BackupPath,

        [Parameter(Mandatory = $true)]
        [string] $BackupPrefix,

        [switch] $Online
    )

    $full = {
        param([string] $Given)
        if ([string]::IsNullOrEmpty($Given)) { return $null }
        [System.IO.Path]::GetFullPath($Caller.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Given))
    }
    try {
        $source = & $full $Path
        $output = & $full $OutputPath
        $backup = & $full $BackupPath
    }
    catch {
        $cause = $_.Exception
        if ($cause -is [System.Management.Automation.MethodInvocationException] -and $null -ne $cause.InnerException) { $cause = $cause.InnerException }
        $message = '-Path, -OutputPath or -BackupPath is not a usable file path: {0}' -f $cause.Message
        return (New-MDIErrorRecord -ErrorId 'MDI_INVALID_ARGUMENT' -Category InvalidArgument -Message $message -InnerException $cause)
    }
    if ($null -eq $backup -and $Online) { $backup = Join-Path ([System.IO.Path]::GetTempPath()) ('{0}-{1}.reg' -f $BackupPrefix, (Get-Date -Format 'yyyyMMdd-HHmmss')) }
    # Offline too a backup is always written first: beside the import file (fix.reg -> fix.backup.reg).
    elseif ($null -eq $backup -and $null -ne $output) { $backup = Get-MDIRestoreRegPath -OutputFile $output }

    $comparison = [System.StringComparison]::Ordinal
    if (Test-MDIWindows) { $comparison = [System.StringComparison]::OrdinalIgnoreCase }
    $pairs = @(
        , @($output, $source, "-OutputPath and -Path name the same file ('{0}'): the import file would overwrite the export it is made from. Give -OutputPath another file name.")
        , @($backup, $source, "-BackupPath and -Path name the same file ('{0}'): the backup would overwrite the export it is made from. Give -BackupPath another file name.")
        , @($output, $backup, "-OutputPath and -BackupPath name the same file ('{0}'): give two different files.")
    )
    foreach ($pair in $pairs) {
        if ($null -ne $pair[0] -and $null -ne $pair[1] -and [string]::Equals($pair[0], $pair[1], $comparison)) {
            return (New-MDIErrorRecord -ErrorId 'MDI_INVALID_ARGUMENT' -Category InvalidArgument -Message ($pair[2] -f $pair[0]) -TargetObject $pair[0])
        }
    }
    [pscustomobject]@{ OutputFile = $output; BackupFile = $backup }
}
