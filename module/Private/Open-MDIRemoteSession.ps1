# The session budget: opening a session may take this long before the host is HostUnreachable.
$script:MDIFleetConnectSec = 30

function Open-MDIRemoteSession {
    <#
    .SYNOPSIS
    Opens one PowerShell session per target (WinRM or SSH, in parallel up to the throttle limit); a failure becomes a host verdict.
    .DESCRIPTION
    Returns one [pscustomobject]@{ Target; Session; Owned; Failure } per target, in order. Owned says the
    session was opened here (and is closed by the caller); the caller's own -Session objects are used
    as they are. A target without a session gets Failure = a host result (New-MDIFleetHostResult)
    whose Detail is the remoting error's text, plus ssh's own words for SSH.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [object[]] $Targets,

        [Parameter(Mandatory = $true)]
        [psobject] $Connection
    )

    $byName = @{}
    $errorsByName = @{}
    foreach ($transport in @('WinRM', 'SSH')) {
        $names = @($Targets | Where-Object { $_.Transport -eq $transport } | ForEach-Object { $_.Name } | Select-Object -Unique)
        if ($names.Count -eq 0) { continue }
        $open = @{ ErrorAction = 'SilentlyContinue'; ErrorVariable = 'failures' }
        if ($Connection.ThrottleLimit -gt 0) { $open['ThrottleLimit'] = $Connection.ThrottleLimit }
        if ($transport -eq 'SSH') {
            if ($PSVersionTable.PSVersion.Major -lt 7) {
                throw (New-MDIErrorRecord -ErrorId 'MDI_INVALID_ARGUMENT' -Category InvalidArgument -Message 'SSH remoting (-HostName) needs PowerShell 7 or later; use -ComputerName (WinRM) in Windows PowerShell.')
            }
            $open['HostName'] = $names
            $open['ConnectingTimeout'] = $script:MDIFleetConnectSec * 1000
            if ($Connection.UserName) { $open['UserName'] = $Connection.UserName }
            if ($Connection.KeyFilePath) { $open['KeyFilePath'] = $Connection.KeyFilePath }
        }
        else {
            $open['ComputerName'] = $names
            $open['SessionOption'] = New-PSSessionOption -OpenTimeout ($script:MDIFleetConnectSec * 1000)
            if ($null -ne $Connection.Credential -and $Connection.Credential -ne [System.Management.Automation.PSCredential]::Empty) { $open['Credential'] = $Connection.Credential }
        }
        $failures = $null
        foreach ($session in @(New-PSSession @open)) { $byName[(Get-MDIFleetHostKey $session.ComputerName)] = $session }
        foreach ($failure in @($failures)) {
            $target = $failure.TargetObject
            $name = $null
            if ($null -ne $target -and $null -ne $target.PSObject.Properties['ConnectionInfo']) { $name = $target.ConnectionInfo.ComputerName }
            if ($name) { $errorsByName[(Get-MDIFleetHostKey $name)] = $failure }
        }
    }

    foreach ($target in $Targets) {
        if ($target.Transport -eq 'Session') {
            $failure = $null
            if ($target.Session.State -ne 'Opened') {
                $failure = New-MDIFleetHostResult -ComputerName $target.Name -Verdict 'HostUnreachable' -Transport 'Session' -Detail ('The session is {0}, not Opened.' -f $target.Session.State)
            }
            [pscustomobject]@{ Target = $target; Session = $target.Session; Owned = $false; Failure = $failure }
            continue
        }
        $key = Get-MDIFleetHostKey $target.Name
        $session = $byName[$key]
        if ($null -ne $session) {
            [pscustomobject]@{ Target = $target; Session = $session; Owned = $true; Failure = $null }
            continue
        }
        $text = 'No session was opened.'
        if ($errorsByName.ContainsKey($key)) { $text = $errorsByName[$key].Exception.Message }
        if ($target.Transport -eq 'SSH') {
            $said = Get-MDIRemoteSshReason -HostName $target.Name -UserName $Connection.UserName -KeyFilePath $Connection.KeyFilePath
            if ($said) { $text = '{0} ssh reported: {1}' -f $text, ($said -replace '^ssh:\s*', '') }
        }
        $verdict = Get-MDIFleetHostVerdict -Text $text
        [pscustomobject]@{ Target = $target; Session = $null; Owned = $false; Failure = (New-MDIFleetHostResult -ComputerName $target.Name -Verdict $verdict -Transport $target.Transport -Detail $text) }
    }
}

function Get-MDIFleetHostKey {
    # Sessions report the bare host name: "admin@dc1:22" and "DC1" are the same host.
    param([string] $Name)
    (($Name -replace '^[^@]*@', '') -replace ':\d+$', '').ToLowerInvariant()
}
