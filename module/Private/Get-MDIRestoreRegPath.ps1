function Get-MDIRestoreRegPath {
    <#
    .SYNOPSIS
    Where the restoring .reg of an offline fix goes when -BackupPath is not given: beside the import file,
    fix.reg -> fix.backup.reg (the engine's defaultRestorePath in src/commands/reg-output.ts). A backup is
    always written first, offline as online.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [string] $OutputFile
    )

    $stem = [regex]::Replace([System.IO.Path]::GetFileName($OutputFile), '\.reg$', '', [System.Text.RegularExpressions.RegexOptions]::IgnoreCase)
    [System.IO.Path]::Combine([System.IO.Path]::GetDirectoryName($OutputFile), ('{0}.backup.reg' -f $stem))
}
