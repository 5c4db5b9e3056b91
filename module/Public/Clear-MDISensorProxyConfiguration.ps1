function Clear-MDISensorProxyConfiguration {
    <#
    .SYNOPSIS
    Removes the proxy from the Defender for Identity sensor's configuration, like the DefenderForIdentity module's command of the same name.

    .DESCRIPTION
    Clear-MDISensorProxyConfiguration mirrors the command of the same name in Microsoft's
    DefenderForIdentity module: it is Set-MDISensorProxyConfiguration with an empty proxy URL, with the
    same safety: -WhatIf/-Confirm (ConfirmImpact High), the plan first, the previous file kept.

    Classic (v2) sensor: the SensorProxyConfiguration value of SensorConfiguration.json becomes null (as
    the original writes it); every other byte of the file stays as it was; a configuration without proxy
    is left untouched. On Windows the AATPSensorUpdater service is stopped before the write and started
    after (its own confirmation; -SkipServiceRestart leaves it alone); a failed stop or start is the
    non-terminating error MDI_SERVICE_RESTART_FAILED and the file stays written.

    Unified (v3) sensor: both policy values (TelemetryProxyServer, Windows Defender ProxyServer) are
    deleted, after a backup .reg of their present values; offline, -Path and -OutputPath write the .reg to
    import instead.

    Runbooks: this command changes what the sensor uses, so it asks a person first (ConfirmImpact High).
    Runbooks, scheduled tasks and remote scripts pass -Confirm:$false (and can run -WhatIf first to see
    the plan). Without it, a session that cannot ask (pwsh -NonInteractive, a host without a user
    interface) stops with the single error MDI_CONFIRMATION_REQUIRED before anything is written.

    .PARAMETER SensorConfigurationPath
    Classic sensor: SensorConfiguration.json, or the folder holding it. Without it, on Windows, the file in
    the AATPSensor service's folder. Required off Windows and where the classic sensor is not installed.

    .PARAMETER SensorType
    Classic, or Unified (Modern in the documentation; the same). Detected when not given, as for
    Set-MDISensorProxyConfiguration.

    .PARAMETER SkipServiceRestart
    Classic sensor on Windows: does not stop and start the AATPSensorUpdater service.

    .PARAMETER Path
    Unified sensor, offline: a .reg export of its two policy keys. Requires -OutputPath.

    .PARAMETER OutputPath
    With -Path: the .reg file to write, to import on the domain controller.

    .PARAMETER BackupPath
    Unified sensor: the .reg file that restores the present values (online default: in the temp folder).

    .PARAMETER PassThru
    Returns the configuration after the change (MDIConnectivity.SensorProxyConfiguration).

    .EXAMPLE
    Clear-MDISensorProxyConfiguration -WhatIf -Verbose

    Shows which proxy would be removed, from which file, and that the updater would be restarted; writes
    nothing.

    .EXAMPLE
    Clear-MDISensorProxyConfiguration -Confirm:$false -PassThru

    Removes the proxy without prompting and returns the configuration now (IsProxyEnabled False).

    .EXAMPLE
    Clear-MDISensorProxyConfiguration -Path ./dc02-policies.reg -OutputPath ./dc02-clear.reg

    Unified sensor, offline: writes the .reg that deletes both policy values, to import on DC02.

    .INPUTS
    System.Management.Automation.PSObject
    Bound by property name: SensorConfigurationPath, SensorType (for example rows of Import-Csv naming
    configuration copies).

    .OUTPUTS
    None by default.

    MDIConnectivity.SensorProxyConfiguration
    With -PassThru.

    .NOTES
    Errors carry the ids of Set-MDISensorProxyConfiguration (MDI_CONFIRMATION_REQUIRED, MDI_SENSOR_CONFIG_NOT_FOUND,
    MDI_SENSOR_CONFIG_READ_ONLY, MDI_WRITE_FAILED, MDI_SERVICE_RESTART_FAILED, MDI_REGISTRY_WRITE_FAILED,
    MDI_VERIFY_FAILED, ...). Clearing needs no certificate, so this command has no certificate
    parameters. Run elevated on the domain controller.

    .LINK
    https://learn.microsoft.com/powershell/module/defenderforidentity/clear-mdisensorproxyconfiguration

    .LINK
    Set-MDISensorProxyConfiguration
    #>
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
    [OutputType('MDIConnectivity.SensorProxyConfiguration')]
    param(
        [Parameter(ValueFromPipelineByPropertyName = $true)]
        [ValidateNotNullOrEmpty()]
        [string] $SensorConfigurationPath,

        [Parameter(ValueFromPipelineByPropertyName = $true)]
        [ValidateSet('Classic', 'Unified', 'Modern')]
        [string] $SensorType,

        [switch] $SkipServiceRestart,

        [ValidateNotNullOrEmpty()]
        [string] $Path,

        [ValidateNotNullOrEmpty()]
        [string] $OutputPath,

        [ValidateNotNullOrEmpty()]
        [string] $BackupPath,

        [switch] $PassThru
    )

    process {
        # The same work as Set-MDISensorProxyConfiguration with an empty URL, asked through this command.
        try {
            $result = Invoke-MDISensorProxyChange -Caller $PSCmdlet -ProxyUrl '' -SensorConfigurationPath $SensorConfigurationPath -SensorType $SensorType `
                -SkipServiceRestart:$SkipServiceRestart -Path $Path -OutputPath $OutputPath -BackupPath $BackupPath
        }
        catch {
            $PSCmdlet.ThrowTerminatingError((New-MDIErrorRecord -FromErrorRecord $_))
        }
        # A bad parameter or file comes back as its one ErrorRecord, thrown here and nowhere else.
        if ($result -is [System.Management.Automation.ErrorRecord]) { $PSCmdlet.ThrowTerminatingError($result) }
        if ($PassThru -and $null -ne $result) { $result }
    }
}
