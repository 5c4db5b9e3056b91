function Invoke-MDISensorProxyChange {
    <#
    .SYNOPSIS
    The one path behind Set- and Clear-MDISensorProxyConfiguration: pick the sensor type, then change its proxy.
    .DESCRIPTION
    Clear is Set with an empty URL (as in the official module); both public commands call this with their
    own $PSCmdlet as -Caller, so prompts and errors name the command the admin typed. A failure of the
    parameters or the files is returned as its ErrorRecord (not thrown: see Resolve-MDIFilePath), for
    the public command to throw once.
    #>
    [CmdletBinding()]
    [OutputType('MDIConnectivity.SensorProxyConfiguration', [System.Management.Automation.ErrorRecord])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Management.Automation.PSCmdlet] $Caller,

        [AllowEmptyString()]
        [string] $ProxyUrl,

        [AllowNull()]
        [System.Management.Automation.PSCredential] $ProxyCredential,

        [string] $SensorConfigurationPath,
        [string] $SensorType,
        [string] $CertificatePath,

        [AllowNull()]
        [System.Security.SecureString] $CertificatePassword,

        [switch] $SkipServiceRestart,
        [string] $Path,
        [string] $OutputPath,
        [string] $BackupPath
    )

    $type = Resolve-MDISensorType -SensorType $SensorType -Path $Path -SensorConfigurationPath $SensorConfigurationPath
    if ($type -is [System.Management.Automation.ErrorRecord]) { return $type }
    if ($type -eq 'Unified') {
        return Set-MDIUnifiedSensorProxy -Caller $Caller -ProxyUrl $ProxyUrl -ProxyCredential $ProxyCredential -Path $Path -OutputPath $OutputPath -BackupPath $BackupPath
    }
    Set-MDIClassicSensorProxy -Caller $Caller -ProxyUrl $ProxyUrl -ProxyCredential $ProxyCredential -SensorConfigurationPath $SensorConfigurationPath `
        -CertificatePath $CertificatePath -CertificatePassword $CertificatePassword -SkipServiceRestart:$SkipServiceRestart -OutputPath $OutputPath -BackupPath $BackupPath
}
