# Asking node for its version costs a process start; remember answers per file and timestamp
# so repeated runs in one session stay fast but an upgraded node.exe is noticed.
$script:MDINodeVersionCache = @{}

function Get-MDINodeVersion {
    <#
    .SYNOPSIS
    Runs "<Path> --version" and returns the version it reports (Version is $null when it reports none).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string] $Path
    )

    $item = Get-Item -LiteralPath $Path -ErrorAction SilentlyContinue
    $stamp = 0
    if ($null -ne $item) { $stamp = $item.LastWriteTimeUtc.Ticks }
    $key = '{0}|{1}' -f $Path, $stamp
    if ($script:MDINodeVersionCache.ContainsKey($key)) { return $script:MDINodeVersionCache[$key] }

    $text = ''
    $version = $null
    $process = $null
    try {
        $startInfo = [System.Diagnostics.ProcessStartInfo]::new()
        $startInfo.FileName = $Path
        $startInfo.Arguments = '--version'
        $startInfo.UseShellExecute = $false
        $startInfo.CreateNoWindow = $true
        $startInfo.RedirectStandardOutput = $true
        $startInfo.RedirectStandardError = $true
        $process = [System.Diagnostics.Process]::Start($startInfo)
        # Both pipes are drained so a chatty binary cannot block on a full stderr buffer.
        $outTask = $process.StandardOutput.ReadToEndAsync()
        $errTask = $process.StandardError.ReadToEndAsync()
        if ($process.WaitForExit(15000)) {
            [void]$outTask.Wait(5000)
            [void]$errTask.Wait(5000)
            $text = ([string]$outTask.Result).Trim()
        }
        else {
            try { $process.Kill() } catch { Write-Verbose "Could not stop $Path after it hung: $($_.Exception.Message)" }
            $text = 'no answer to --version within 15 s'
        }
    }
    catch {
        $text = 'could not be run: {0}' -f $_.Exception.Message
    }
    finally {
        if ($null -ne $process) { $process.Dispose() }
    }

    if ($text -match '^v(\d+)\.(\d+)\.(\d+)') {
        $version = [version]::new([int]$Matches[1], [int]$Matches[2], [int]$Matches[3])
    }
    $result = [pscustomobject]@{ Path = $Path; Version = $version; Text = $text }
    # Failures are not cached: the admin may fix the file and retry in the same session.
    if ($null -ne $version) { $script:MDINodeVersionCache[$key] = $result }
    $result
}
