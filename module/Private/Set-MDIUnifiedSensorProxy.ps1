function Set-MDIUnifiedSensorProxy {
    <#
    .SYNOPSIS
    Set/Clear-MDISensorProxyConfiguration for the unified sensor: the two policy values, backup first, verified.
    .DESCRIPTION
    The engine (unified-proxy set/clear) plans what TelemetryProxyServer and Defender's ProxyServer
    become and returns a .reg restoring the present values (backupRegBase64) and one applying the
    change (importRegBase64). Credentials are sent only as the user name, for the engine to refuse
    (MDI_PROXY_CREDENTIALS_UNSUPPORTED): the unified sensor cannot authenticate to a proxy.
    Online (no -Path; Windows): after -Caller's ShouldProcess, FIRST the backup .reg (-BackupPath, by
    default MDIConnectivity-unified-proxy-backup-<stamp>.reg in the temp folder), then each value that
    changes is written (REG_SZ) or deleted, then both are read back and compared (MDI_VERIFY_FAILED).
    Offline (-Path, a .reg export): after ShouldProcess, the restoring .reg goes to -BackupPath (default
    beside -OutputPath, fix.reg -> fix.backup.reg), then the import .reg to -OutputPath. No service is restarted. Returns the
    MDIConnectivity.SensorProxyConfiguration as it is (or would be) after the change, or the failure's
    ErrorRecord (returned, not thrown: see Resolve-MDIFilePath).
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

        [string] $Path,
        [string] $OutputPath,
        [string] $BackupPath
    )

    $offline = -not [string]::IsNullOrEmpty($Path)
    if ($offline -and [string]::IsNullOrEmpty($OutputPath)) { $problem = '-Path (a .reg export of the unified sensor''s policy keys) needs -OutputPath: the .reg file to write for import on the domain controller.' }
    elseif (-not $offline -and -not [string]::IsNullOrEmpty($OutputPath)) { $problem = '-OutputPath is for an offline change from -Path. Online the registry is changed directly and -BackupPath names the backup.' }
    else { $problem = $null }
    if ($null -ne $problem) { return (New-MDIErrorRecord -ErrorId 'MDI_INVALID_ARGUMENT' -Category InvalidArgument -Message $problem) }

    $request = @{
        schemaVersion = $script:MDIExpectedSchemaVersion
        command       = 'unified-proxy'
        action        = 'set'
    }
    if ([string]::IsNullOrWhiteSpace($ProxyUrl)) { $request['action'] = 'clear' } else { $request['proxyUrl'] = $ProxyUrl }
    if ($null -ne $ProxyCredential -and -not [string]::IsNullOrEmpty($ProxyCredential.UserName)) { $request['proxyUser'] = $ProxyCredential.UserName }
    $unified = Get-MDIUnifiedProxyInput -Path $Path
    if ($unified -is [System.Management.Automation.ErrorRecord]) { return $unified }
    foreach ($key in @($unified.Fields.Keys)) { $request[$key] = $unified.Fields[$key] }
    $files = Resolve-MDIWriteTarget -Caller $Caller -Path $Path -OutputPath $OutputPath -BackupPath $BackupPath -BackupPrefix 'MDIConnectivity-unified-proxy-backup' -Online:(-not $offline)
    if ($files -is [System.Management.Automation.ErrorRecord]) { return $files }
    $backupFile = $files.BackupFile
    $outputFile = $files.OutputFile

    # The password never goes: the engine refuses credentials on the user name alone.
    $engine = Invoke-MDIEngine -Request $request -Caller $Caller
    $response = $engine.Response
    if ($null -eq $response -or $null -ne (Get-MDIPropertyValue $response 'error')) { return }
    $result = ConvertTo-MDISensorProxyConfiguration -Response $response -SensorType Unified -SourcePath $unified.SourcePath
    $pending = @(Get-MDIPropertyValue $response 'changes' | Where-Object { -not [bool](Get-MDIPropertyValue $_ 'unchanged') })
    foreach ($change in @(Get-MDIPropertyValue $response 'changes')) {
        Write-Verbose ('{0}\{1}: {2} -> {3}' -f (Get-MDIPropertyValue $change 'key'), (Get-MDIPropertyValue $change 'name'), (Get-MDIPropertyValue $change 'current'), (Get-MDIPropertyValue $change 'new'))
    }
    if ($pending.Count -eq 0 -and -not $offline) { Write-Verbose 'Both values already hold this: nothing to write.'; return $result }

    $shown = 'no proxy (values deleted)'
    if ($null -ne $result.Url) { $shown = $result.Url }
    $backupBytes = [Convert]::FromBase64String([string](Get-MDIPropertyValue $response 'backupRegBase64'))
    if ($offline) {
        $approved = Confirm-MDIChange -Caller $Caller -Target $outputFile -Action ('Write the .reg that sets the unified sensor proxy to {0}' -f $shown)
        if ($approved -is [System.Management.Automation.ErrorRecord]) { return $approved }
        if (-not $approved) { return $result }
        if ($null -ne $backupFile) {
            $written = Write-MDIFileSafely -Path $backupFile -Content $backupBytes
            if ($written -is [System.Management.Automation.ErrorRecord]) { return $written }
        }
        $written = Write-MDIFileSafely -Path $outputFile -Content ([Convert]::FromBase64String([string](Get-MDIPropertyValue $response 'importRegBase64')))
        if ($written -is [System.Management.Automation.ErrorRecord]) { return $written }
        Write-Verbose ('Import it on the domain controller, elevated: reg import "{0}"' -f $outputFile)
        return $result
    }
    $approved = Confirm-MDIChange -Caller $Caller -Target 'TelemetryProxyServer and Windows Defender ProxyServer policy values' -Action ('Set the unified sensor proxy to {0}' -f $shown)
    if ($approved -is [System.Management.Automation.ErrorRecord]) { return $approved }
    if (-not $approved) { return $result }
    # The backup comes first: if anything below fails, what was there can be restored.
    $written = Write-MDIFileSafely -Path $backupFile -Content $backupBytes
    if ($written -is [System.Management.Automation.ErrorRecord]) { return $written }
    $restore = 'restore with: reg import "{0}" (elevated)' -f $backupFile
    Write-Verbose ('Backup of the present values written; {0}' -f $restore)
    $fields = @{ TelemetryProxyServer = 'telemetryProxyServer'; ProxyServer = 'defenderProxyServer' }
    foreach ($change in $pending) {
        $name = [string](Get-MDIPropertyValue $change 'name')
        $new = Get-MDIPropertyValue $change 'new'
        try {
            if ($null -eq $new) { Write-MDIUnifiedProxyRegistryValue -Name $name -Delete }
            else { Write-MDIUnifiedProxyRegistryValue -Name $name -Value ([string]$new) }
        }
        catch {
            $message = 'Could not write {0}: {1} Run the command in an elevated session; to undo what was already changed, {2}.' -f $name, $_.Exception.Message, $restore
            return (New-MDIErrorRecord -ErrorId 'MDI_REGISTRY_WRITE_FAILED' -Category WriteError -Message $message -TargetObject $name -InnerException $_.Exception)
        }
    }
    $after = Read-MDIUnifiedProxyRegistry
    if ($after -is [System.Management.Automation.ErrorRecord]) { return $after }
    foreach ($change in $pending) {
        $name = [string](Get-MDIPropertyValue $change 'name')
        $expected = Get-MDIPropertyValue $change 'new'
        $actual = $after[$fields[$name]]
        if ([string]$actual -ne [string]$expected -or (($null -eq $actual) -ne ($null -eq $expected))) {
            $message = '{0} does not read back as written (expected {1}, found {2}); {3}.' -f $name, $expected, $actual, $restore
            return (New-MDIErrorRecord -ErrorId 'MDI_VERIFY_FAILED' -Category WriteError -Message $message -TargetObject $name)
        }
        Write-Verbose ('{0}: written and read back' -f $name)
    }
    $result
}
