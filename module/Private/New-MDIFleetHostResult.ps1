# What an admin does about each host verdict (a host that gave no answer of its own).
$script:MDIFleetRemediation = @{
    HostUnreachable    = 'Check that the name resolves and the host is up, and that its remoting port (WinRM 5985/5986, SSH 22) is open from this machine.'
    HostAccessDenied   = 'Use an account that may log on there remotely: -Credential for WinRM (a local administrator); for SSH -UserName and -KeyFilePath, with the public key in its authorized_keys.'
    HostKeyUntrusted   = 'Check the host''s SSH key out of band, then add it to known_hosts (connect once with ssh interactively).'
    HostNoPowerShell   = 'Install PowerShell there and enable remoting: Enable-PSRemoting for WinRM, or "Subsystem powershell <pwsh> -sshs -NoLogo" in sshd_config for SSH.'
    HostTimeout        = 'The host did not finish within its budget: run the command on it directly with -Verbose, or raise -TimeoutSec.'
    HostRuntimeMissing = 'Install Node.js 22.15 or later on the host, or stage the module with the runtime for its platform (./build.ps1).'
    HostCommandFailed  = 'Read Detail; run the command on the host directly for the whole error.'
}

function New-MDIFleetHostResult {
    <#
    .SYNOPSIS
    The result for a host that gave no answer of its own: a CheckResult of Category Host with a named verdict.
    .DESCRIPTION
    Built through ConvertTo-MDICheckResult so it has exactly the CheckResult shape: tables, -Quiet
    and Export-MDIConnectivityReport treat it like any other failed check. Detail carries the remoting
    error's own text (and, over SSH, what ssh itself said).
    #>
    [CmdletBinding()]
    [OutputType('MDIConnectivity.CheckResult')]
    param(
        [Parameter(Mandatory = $true)]
        [string] $ComputerName,

        [Parameter(Mandatory = $true)]
        [ValidateSet('HostUnreachable', 'HostAccessDenied', 'HostKeyUntrusted', 'HostNoPowerShell', 'HostTimeout', 'HostRuntimeMissing', 'HostCommandFailed')]
        [string] $Verdict,

        [Parameter(Mandatory = $true)]
        [string] $Detail,

        [string] $Transport
    )

    $check = [pscustomobject]@{
        category    = 'Host'
        target      = $ComputerName
        host        = $ComputerName
        required    = $true
        verdict     = $Verdict
        passed      = $false
        detail      = $Detail
        remediation = $script:MDIFleetRemediation[$Verdict]
        failedPhase = 'remoting'
        routeSource = $Transport
    }
    $result = $check | ConvertTo-MDICheckResult
    Add-Member -InputObject $result -NotePropertyName ComputerName -NotePropertyValue $ComputerName
    $result
}
