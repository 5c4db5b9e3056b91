# Parameters that say where and how to connect; every other bound parameter is the remote command's.
# Error and output handling stay here: a remote -ErrorAction SilentlyContinue would hide the host's answer.
$script:MDIFleetParameterNames = @('ComputerName', 'HostName', 'Session', 'Credential', 'UserName', 'KeyFilePath', 'ThrottleLimit',
    'ErrorAction', 'ErrorVariable', 'WarningAction', 'WarningVariable', 'InformationAction', 'InformationVariable', 'OutVariable', 'OutBuffer', 'PipelineVariable', 'ProgressAction')

function Add-MDIFleetTarget {
    <#
    .SYNOPSIS
    Records the hosts one call (or one pipeline object) names, with the parameters to run there; $false when none.
    .DESCRIPTION
    The public command returns when this says $true: the work happens in Invoke-MDIFleetRun at the end.
    Transport: -ComputerName is WinRM, -Session is the caller's sessions, a typed -HostName is SSH. A
    HostName that came from piped objects (Get-ADDomainController's HostName property) is WinRM, as
    Windows domain controllers answer by default, unless -UserName or -KeyFilePath asks for SSH.
    Switches are sent as booleans: a SwitchParameter does not survive remoting serialization as one.
    #>
    [CmdletBinding()]
    [OutputType([bool])]
    param(
        [Parameter(Mandatory = $true)]
        [psobject] $Run,

        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary] $BoundParameters
    )

    $named = @(@('ComputerName', 'HostName', 'Session') | Where-Object { $BoundParameters.ContainsKey($_) })
    if ($named.Count -eq 0) { return $false }
    if ($named.Count -gt 1) {
        throw (New-MDIErrorRecord -ErrorId 'MDI_INVALID_ARGUMENT' -Category InvalidArgument -TargetObject $named `
                -Message ('Name the hosts one way: -{0} cannot be used together.' -f ($named -join ' and -')))
    }

    $sshAsked = $BoundParameters.ContainsKey('UserName') -or $BoundParameters.ContainsKey('KeyFilePath')
    $transport = 'WinRM'
    if ($named[0] -eq 'Session') { $transport = 'Session' }
    elseif ($named[0] -eq 'HostName' -and ($Run.HostNameOnCommandLine -or $sshAsked)) { $transport = 'SSH' }

    $remote = @{}
    foreach ($key in @($BoundParameters.Keys)) {
        if ($script:MDIFleetParameterNames -contains $key) { continue }
        $value = $BoundParameters[$key]
        if ($value -is [System.Management.Automation.SwitchParameter]) { $value = $value.IsPresent }
        $remote[$key] = $value
    }
    if ($null -eq $Run.Connection) {
        $Run.Connection = [pscustomobject]@{
            Credential        = $BoundParameters['Credential']
            UserName          = [string]$BoundParameters['UserName']
            KeyFilePath       = [string]$BoundParameters['KeyFilePath']
            ThrottleLimit     = [int]$BoundParameters['ThrottleLimit']
            TimeoutSec        = [int]$BoundParameters['TimeoutSec']
        }
    }
    foreach ($target in @($BoundParameters[$named[0]])) {
        $name = [string]$target
        $session = $null
        if ($transport -eq 'Session') { $session = $target; $name = $target.ComputerName }
        $Run.Targets.Add([pscustomobject]@{ Name = $name; Transport = $transport; Session = $session; Parameters = $remote })
    }
    return $true
}
