function Set-MDIClassicSensorProxy {
    <#
    .SYNOPSIS
    Set/Clear-MDISensorProxyConfiguration for the classic sensor: plan, ShouldProcess, stop the updater, write, start it.
    .DESCRIPTION
    1. Finds SensorConfiguration.json (Resolve-MDISensorConfigurationPath).
    2. With a credential, the certificate that will protect the password: -CertificatePath, or on
       Windows the one named by SecretManagerCertificateThumbprint (sensor-config get) from
       LocalMachine\My, sent as certificatePem (public part only).
    3. Asks the engine for the plan (whatIf true: nothing is written) and shows it with Write-Verbose.
    4. Only after -Caller's ShouldProcess approves the change: on Windows, when the AATPSensorUpdater
       service exists and the file is the live one, a second ShouldProcess for the restart, Stop-MDISensorUpdater;
       then the engine writes (whatIf false: backup, atomic replace, read back); Start-MDISensorUpdater in finally.
       A stop or start failure is the non-terminating MDI_SERVICE_RESTART_FAILED: the file stays written.
    Returns the MDIConnectivity.SensorProxyConfiguration after the change (or as planned), nothing
    when the engine reported an error (written through -Caller), or the ErrorRecord of a bad parameter
    or file (returned, not thrown: see Resolve-MDIFilePath).
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
        [string] $CertificatePath,

        [AllowNull()]
        [System.Security.SecureString] $CertificatePassword,

        [switch] $SkipServiceRestart,

        # Unified-only parameters of the public commands, refused here with the reason.
        [string] $OutputPath,
        [string] $BackupPath
    )

    if ($OutputPath -or $BackupPath) {
        $message = '-OutputPath and -BackupPath are for the unified sensor; the classic sensor''s file is changed in place and its previous copy kept beside it as SensorConfiguration.json.<stamp>.bak.'
        return (New-MDIErrorRecord -ErrorId 'MDI_INVALID_ARGUMENT' -Category InvalidArgument -Message $message)
    }

    $windows = Test-MDIWindows
    $location = Resolve-MDISensorConfigurationPath -Path $SensorConfigurationPath
    if ($location -is [System.Management.Automation.ErrorRecord]) { return $location }
    $clearing = [string]::IsNullOrWhiteSpace($ProxyUrl)
    $hasUser = $null -ne $ProxyCredential -and -not [string]::IsNullOrEmpty($ProxyCredential.UserName)
    if ($clearing -and $hasUser) {
        return (New-MDIErrorRecord -ErrorId 'MDI_INVALID_ARGUMENT' -Category InvalidArgument -Message 'A proxy credential needs a proxy URL; an empty -ProxyUrl clears the configuration.')
    }
    $action = 'set'
    if ($clearing) { $action = 'clear' }
    $request = New-MDISensorConfigRequest -Action $action -SensorConfigurationPath $location.Path
    if (-not $clearing) { $request['proxyUrl'] = $ProxyUrl }
    if ($hasUser) {
        # Sent as typed (DOMAIN\user or user@domain); the password is added by the seam only.
        $request['proxyUser'] = $ProxyCredential.UserName
        if (-not [string]::IsNullOrEmpty($CertificatePath)) {
            $request['certificatePath'] = @(Resolve-MDIFilePath -Path $CertificatePath -Purpose 'the sensor certificate file (PEM, DER or PFX)')[0]
            if ($request['certificatePath'] -is [System.Management.Automation.ErrorRecord]) { return $request['certificatePath'] }
        }
        elseif ($windows) {
            $current = Invoke-MDIEngine -Request (New-MDISensorConfigRequest -Action get -SensorConfigurationPath $location.Path) -Caller $Caller
            if ($null -eq $current.Response -or $null -ne (Get-MDIPropertyValue $current.Response 'error')) { return }
            $certificate = Get-MDIMachineCertificate -Thumbprint ([string](Get-MDIPropertyValue $current.Response 'secretManagerCertificateThumbprint'))
            $request['certificatePem'] = "-----BEGIN CERTIFICATE-----`n{0}`n-----END CERTIFICATE-----`n" -f [Convert]::ToBase64String($certificate.RawData, [Base64FormattingOptions]::InsertLineBreaks)
        }
        else {
            $message = 'Storing a proxy credential encrypts it for the sensor certificate; off Windows give that certificate with -CertificatePath (PEM, DER or PFX: the public part is enough).'
            return (New-MDIErrorRecord -ErrorId 'MDI_CERTIFICATE_MISSING' -Category InvalidArgument -Message $message)
        }
    }

    $request['whatIf'] = $true
    $plan = Invoke-MDIEngine -Request $request -ProxyCredential $ProxyCredential -CertificatePassword $CertificatePassword -Caller $Caller
    if ($null -eq $plan.Response -or $null -ne (Get-MDIPropertyValue $plan.Response 'error')) { return }
    $file = [string](Get-MDIPropertyValue $plan.Response 'sourcePath')
    $change = Get-MDIPropertyValue $plan.Response 'change'
    $before = 'no proxy'
    $previous = Get-MDIPropertyValue $plan.Response 'previous'
    if ($null -ne (Get-MDIPropertyValue $previous 'url')) { $before = [string](Get-MDIPropertyValue $previous 'url') }
    $after = 'no proxy'
    if (-not $clearing) { $after = [string](Get-MDIPropertyValue (Get-MDIPropertyValue $plan.Response 'proxy') 'url') }
    if ($hasUser) { $after += (' as {0}' -f $ProxyCredential.UserName) }
    Write-Verbose ('{0}: the sensor proxy is {1}; planned: {2} ({3} edit).' -f $file, $before, $after, (Get-MDIPropertyValue $change 'edit'))
    if (-not [bool](Get-MDIPropertyValue $change 'changed')) {
        Write-Verbose 'The file already holds this configuration: nothing to write, no service restart.'
        return (ConvertTo-MDISensorProxyConfiguration -Response $plan.Response -SensorType Classic)
    }

    # The updater is restarted only for the live file: the one in the AATPSensor service's folder.
    $restartable = $false
    if ($windows -and -not $SkipServiceRestart) {
        $live = $null -ne $location.ServiceFolder -and [System.IO.Path]::GetDirectoryName($file) -eq $location.ServiceFolder
        $restartable = $live -and -not [string]::IsNullOrEmpty((Get-MDIServicePathName -Name 'AATPSensorUpdater'))
    }
    $restartText = ''
    if ($restartable) { $restartText = ', then restart the AATPSensorUpdater service' }
    $approved = Confirm-MDIChange -Caller $Caller -Target $file -Action ('Set the sensor proxy to {0} (now {1}){2}' -f $after, $before, $restartText)
    if ($approved -is [System.Management.Automation.ErrorRecord]) { return $approved }
    if (-not $approved) {
        # The engine's notes already say "What if: nothing was written."
        return (ConvertTo-MDISensorProxyConfiguration -Response $plan.Response -SensorType Classic)
    }
    $restart = $false
    if ($restartable) {
        $restart = Confirm-MDIChange -Caller $Caller -Target 'AATPSensorUpdater' -Action 'Stop the service before writing the sensor configuration and start it again after'
        if ($restart -is [System.Management.Automation.ErrorRecord]) { return $restart }
    }
    if ($restartable -and -not $restart) { Write-Verbose 'The AATPSensorUpdater service is not restarted: the sensor reads the file when it starts, so restart it later for the change to take effect.' }

    $stopped = $false
    $written = $null
    try {
        if ($restart) {
            try {
                Stop-MDISensorUpdater
                $stopped = $true
            }
            catch {
                $message = 'Could not stop the AATPSensorUpdater service before writing ({0}); the file is written anyway. Restart the service yourself (Restart-Service AATPSensorUpdater) for the change to take effect.' -f $_.Exception.Message
                $Caller.WriteError((New-MDIErrorRecord -ErrorId 'MDI_SERVICE_RESTART_FAILED' -Category ResourceUnavailable -Message $message -TargetObject 'AATPSensorUpdater'))
            }
        }
        $request['whatIf'] = $false
        $written = Invoke-MDIEngine -Request $request -ProxyCredential $ProxyCredential -CertificatePassword $CertificatePassword -Caller $Caller
    }
    finally {
        if ($stopped) {
            $state = 'the file was not changed'
            if ($null -ne $written -and $null -ne $written.Response -and $null -eq (Get-MDIPropertyValue $written.Response 'error')) { $state = 'the sensor configuration stays written' }
            try { Start-MDISensorUpdater }
            catch {
                $message = 'Could not start the AATPSensorUpdater service again ({0}); {1}. Start it yourself: Start-Service AATPSensorUpdater.' -f $_.Exception.Message, $state
                $Caller.WriteError((New-MDIErrorRecord -ErrorId 'MDI_SERVICE_RESTART_FAILED' -Category ResourceUnavailable -Message $message -TargetObject 'AATPSensorUpdater'))
            }
        }
    }
    if ($null -eq $written.Response -or $null -ne (Get-MDIPropertyValue $written.Response 'error')) { return }
    $backup = Get-MDIPropertyValue (Get-MDIPropertyValue $written.Response 'change') 'backupPath'
    if ($null -ne $backup) { Write-Verbose ('Written, read back; the previous file is kept as {0}' -f $backup) }
    ConvertTo-MDISensorProxyConfiguration -Response $written.Response -SensorType Classic
}
