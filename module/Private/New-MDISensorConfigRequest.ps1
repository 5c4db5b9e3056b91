function New-MDISensorConfigRequest {
    <#
    .SYNOPSIS
    Starts a SensorConfigRequest (src/contract/sensor-config-types.ts) for one SensorConfiguration.json.
    .DESCRIPTION
    The callers add the rest (proxyUrl, proxyUser, certificatePem or certificatePath, whatIf); the proxy
    and certificate passwords are never keys here: Invoke-MDIEngine adds them at the last moment.
    #>
    [CmdletBinding()]
    [OutputType([hashtable])]
    param(
        [Parameter(Mandatory = $true)]
        [ValidateSet('get', 'set', 'clear')]
        [string] $Action,

        [Parameter(Mandatory = $true)]
        [string] $SensorConfigurationPath
    )

    $request = @{
        schemaVersion           = $script:MDIExpectedSchemaVersion
        command                 = 'sensor-config'
        action                  = $Action.ToLowerInvariant()
        sensorConfigurationPath = $SensorConfigurationPath
    }
    $request
}
