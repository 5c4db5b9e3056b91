function New-MDIFleetRun {
    <#
    .SYNOPSIS
    The state of one fleet run of a public command: made in begin, filled per pipeline object, run in end.
    .DESCRIPTION
    The hosts are collected first so they can be checked at once (sessions, copies and checks in
    parallel), rather than one pipeline object after another. HostNameOnCommandLine records whether
    -HostName was typed (SSH) or came from piped objects (their HostName property; see Add-MDIFleetTarget).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Management.Automation.PSCmdlet] $Caller,

        [Parameter(Mandatory = $true)]
        [string] $CommandName,

        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary] $BoundParameters
    )

    [pscustomobject]@{
        PSTypeName            = 'MDIConnectivity.FleetRun'
        Caller                = $Caller
        CommandName           = $CommandName
        HostNameOnCommandLine = $BoundParameters.ContainsKey('HostName')
        Targets               = New-Object -TypeName System.Collections.Generic.List[object]
        Connection            = $null
    }
}
