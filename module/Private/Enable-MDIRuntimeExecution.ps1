function Enable-MDIRuntimeExecution {
    <#
    .SYNOPSIS
    Gives the module's own bundled node its execute bits off Windows when the copy that installed it dropped them.
    .DESCRIPTION
    NuGet packages and zip archives do not carry Unix file modes, so Install-PSResource and Expand-Archive
    leave runtime/linux-x64/node as a plain file. Only the module's own runtime is touched, never a file
    the admin chose. Windows, and .NET without SetUnixFileMode (Windows PowerShell), need nothing.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string] $Path
    )

    $item = Get-Item -LiteralPath $Path -Force -ErrorAction SilentlyContinue
    if ($null -eq $item -or $null -eq $item.PSObject.Properties['UnixStat'] -or $null -eq $item.UnixStat) { return }
    $mode = [int]$item.UnixStat.Mode
    if (($mode -band 0x49) -eq 0x49) { return }
    $setMode = [System.IO.File].GetMethod('SetUnixFileMode', [type[]]@([string], [System.IO.UnixFileMode]))
    if ($null -eq $setMode) { return }
    try {
        # Read/execute for everyone, as node is installed by its own packages (0755).
        $newMode = [System.IO.UnixFileMode](($mode -band 0x1FF) -bor 0x16D)
        [System.IO.File]::SetUnixFileMode($Path, $newMode)
        Write-Verbose ('Made the bundled runtime {0} executable.' -f $Path)
    }
    catch {
        # Read-only installs (a module folder owned by root): the version check then reports why.
        Write-Verbose ('Could not make {0} executable: {1}' -f $Path, $_.Exception.Message)
    }
}
