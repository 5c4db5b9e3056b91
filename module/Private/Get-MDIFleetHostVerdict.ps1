function Get-MDIFleetHostVerdict {
    <#
    .SYNOPSIS
    Names why a session could not be opened, from the remoting error's text and what ssh said.
    .DESCRIPTION
    WinRM errors name the cause in their text and id (Access is denied, cannot find the computer); over
    SSH PowerShell only says the transport ended, so the reason comes from ssh's own stderr
    (Get-MDIRemoteSshReason). Anything not recognised is -Default: HostUnreachable for a session that never opened.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [AllowEmptyString()]
        [string] $Text,

        # What an unrecognised text means: no session (HostUnreachable), or a failure after logging on.
        [string] $Default = 'HostUnreachable'
    )

    if ($Text -match 'Permission denied|Access is denied|AccessDenied|LogonFailure|Authentication failed|user name or password is incorrect') { return 'HostAccessDenied' }
    if ($Text -match 'Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|No .* host key is known') { return 'HostKeyUntrusted' }
    if ($Text -match 'subsystem request failed|powershell.*(not found|No such file)|pwsh.*not found|The WS-Management service cannot process|Microsoft\.PowerShell.*not found') { return 'HostNoPowerShell' }
    $Default
}
