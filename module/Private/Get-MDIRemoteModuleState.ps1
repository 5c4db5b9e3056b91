function Get-MDIRemoteModuleState {
    <#
    .SYNOPSIS
    Asks every session at once whether MDIConnectivity (this version or later) is installed there, and where its temp folder is.
    .DESCRIPTION
    One Invoke-Command fanned out over all sessions (throttled), so a fleet pays one round trip, not one per
    host. Returns a hashtable: session InstanceId -> [pscustomobject]@{ Manifest; TempPath; Platform } (the
    manifest path is $null when the module must be copied), or -> the ErrorRecord of a host that failed.
    #>
    [CmdletBinding()]
    [OutputType([hashtable])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Management.Automation.Runspaces.PSSession[]] $Session,

        [int] $ThrottleLimit = 32
    )

    $version = [string]$ExecutionContext.SessionState.Module.Version
    $failures = $null
    $answers = @(Invoke-Command -Session $Session -ThrottleLimit $ThrottleLimit -ErrorAction SilentlyContinue -ErrorVariable failures -ScriptBlock {
            $minimum = [version]$using:version
            $installed = Get-Module -ListAvailable -Name 'MDIConnectivity' | Where-Object { $_.Version -ge $minimum } | Sort-Object -Property Version -Descending | Select-Object -First 1
            $path = $null
            if ($null -ne $installed) { $path = $installed.Path }
            # RuntimeInformation needs .NET Framework 4.7.1; older Windows PowerShell hosts name the CPU in the environment.
            $architecture = [string]$env:PROCESSOR_ARCHITECTURE
            try { $architecture = [string][System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture } catch { $architecture = $architecture -replace '^AMD64$', 'X64' -replace '^ARM64$', 'Arm64' }
            [pscustomobject]@{ Manifest = $path; TempPath = [System.IO.Path]::GetTempPath(); Platform = ('{0}/{1}' -f [System.Environment]::OSVersion.Platform, $architecture) }
        })
    $state = @{}
    foreach ($answer in $answers) { $state[[guid]$answer.RunspaceId] = $answer }
    foreach ($failure in @($failures)) {
        $origin = $failure.PSObject.Properties['OriginInfo']
        if ($null -ne $origin -and $null -ne $origin.Value) { $state[[guid]$origin.Value.RunspaceID] = $failure }
    }
    $state
}
