function Get-MDIRemoteSshReason {
    <#
    .SYNOPSIS
    Asks ssh itself why it cannot reach a host: what it prints on stderr ("No route to host", "Permission denied (publickey)").
    .DESCRIPTION
    PowerShell's SSH transport reports only that the ssh process ended; ssh's own message goes to the
    console. After a failure this runs ssh once more, non-interactive (BatchMode: no prompt can wait),
    with the same user, key and the admin's ssh_config, and returns its stderr lines. Bounded: ssh's
    ConnectTimeout, and the process is killed after -TimeoutSec. Returns '' when ssh is not found.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [string] $HostName,

        [string] $UserName,

        [string] $KeyFilePath,

        [ValidateRange(1, 120)]
        [int] $TimeoutSec = 10
    )

    $ssh = Get-Command -Name 'ssh' -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($null -eq $ssh) { return '' }
    $arguments = @('-o', 'BatchMode=yes', '-o', ('ConnectTimeout={0}' -f $TimeoutSec), '-T')
    if ($UserName) { $arguments += @('-l', $UserName) }
    if ($KeyFilePath) { $arguments += @('-i', $KeyFilePath) }
    $arguments += @('--', $HostName, 'exit')

    $start = New-Object -TypeName System.Diagnostics.ProcessStartInfo
    $start.FileName = $ssh.Path
    # One string for both .NET Framework and .NET: each argument quoted, inner quotes escaped.
    $start.Arguments = (@($arguments | ForEach-Object { '"{0}"' -f ($_ -replace '"', '\"') }) -join ' ')
    $start.UseShellExecute = $false
    $start.RedirectStandardError = $true
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardInput = $true
    $start.CreateNoWindow = $true
    $process = [System.Diagnostics.Process]::Start($start)
    try {
        $process.StandardInput.Close()
        $stderr = $process.StandardError.ReadToEndAsync()
        $null = $process.StandardOutput.ReadToEndAsync()
        if (-not $process.WaitForExit(($TimeoutSec + 2) * 1000)) {
            $process.Kill()
            return ('ssh did not finish within {0} s' -f ($TimeoutSec + 2))
        }
        $lines = @($stderr.Result -split '\r?\n' | Where-Object { $_.Trim() -and $_ -notmatch '^Warning: Permanently added' })
        return ($lines -join ' ').Trim()
    }
    finally {
        $process.Dispose()
    }
}
