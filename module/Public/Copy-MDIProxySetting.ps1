function Copy-MDIProxySetting {
    <#
    .SYNOPSIS
    Copies the current user's proxy settings to the sensor's service accounts (LocalService, LocalSystem), with a backup first.

    .DESCRIPTION
    The Defender for Identity documentation has admins copy the current user's WinINet proxy settings
    (DefaultConnectionSettings, set in Internet Options) byte for byte to the accounts the sensor runs
    as: LocalService (the sensor) and LocalSystem (the updater). Copy-MDIProxySetting does that copy
    safely.

    Online (no -Path; Windows, elevated): for each target that differs, it asks for confirmation
    (ConfirmImpact High; -WhatIf shows what would change and writes nothing at all), then FIRST writes
    a .reg backup of what the targets have now (-BackupPath, by default
    MDIConnectivity-proxy-backup-<yyyyMMdd-HHmmss>.reg in the temp folder), then writes each target and
    reads it back. Targets that already have the current user's settings are skipped (-Verbose says so).
    If a value does not read back as written, the error MDI_VERIFY_FAILED names the backup to restore
    with reg import.

    Offline (-Path): reads a .reg export made on a domain controller and writes, to -OutputPath, the .reg
    that sets the targets to that export's current-user settings, to import there with reg import.
    It first writes the .reg restoring the targets' values from the export (-BackupPath, by default
    beside -OutputPath: fix.reg -> fix.backup.reg).

    Every file is written safely: an existing file is kept as <name>.<yyyyMMdd-HHmmss>.bak, the new one
    is written beside it, swapped in and read back. The plan (what to write, the backup) comes from
    the bundled Node.js engine (Node.js 22.15 or later); this command does the writing.

    Runbooks: this command changes the proxy of the sensor's accounts, so it asks a person first
    (ConfirmImpact High). Runbooks, scheduled tasks and remote scripts pass -Confirm:$false (and can
    run -WhatIf first to see the plan). Without it, a session that cannot ask (pwsh -NonInteractive, a host without a user
    interface) stops with the single error MDI_CONFIRMATION_REQUIRED before anything is written.

    .PARAMETER To
    Accounts to copy to: LocalService (the sensor), LocalSystem (the updater), or both (the default).

    .PARAMETER Path
    A .reg export to copy from and to (offline mode): the current user's DefaultConnectionSettings in
    it is copied, in the import file written to -OutputPath. Nothing on this machine is changed.

    .PARAMETER OutputPath
    With -Path: the .reg file to write, to import on the domain controller (reg import <file>).
    Required with -Path, refused without it.

    .PARAMETER BackupPath
    The .reg file that restores the targets' present values. Online it is always written, before any
    change (default: MDIConnectivity-proxy-backup-<yyyyMMdd-HHmmss>.reg in the temp folder). Offline it
    is always written too, before the import file (default: beside -OutputPath, fix.reg -> fix.backup.reg).

    .PARAMETER PassThru
    Returns one MDIConnectivity.ProxySettingCopy object per target (Scope, Location, Changed, BackupPath,
    OutputPath). Without it the command returns nothing.

    .EXAMPLE
    Copy-MDIProxySetting -WhatIf
    Copy-MDIProxySetting -BackupPath C:\Temp\proxy-before.reg -PassThru

    Online, in an elevated session on the domain controller: first shows which service accounts would
    change (nothing is written, not even the backup), then copies the current user's settings to
    LocalService and LocalSystem after confirmation, with the backup written first.

    .EXAMPLE
    Copy-MDIProxySetting -To LocalService -Confirm:$false -Verbose

    Copies to the sensor's account only, without a prompt (for runbooks), and says where the backup is.

    .EXAMPLE
    Copy-MDIProxySetting -Path ./dc01-proxy.reg -OutputPath ./dc01-import.reg -BackupPath ./dc01-restore.reg

    Offline, on any system: from DC01's export, writes the .reg to import on DC01 (reg import
    dc01-import.reg, elevated) and the .reg that restores DC01's present values.

    .EXAMPLE
    reg import "$env:TEMP\MDIConnectivity-proxy-backup-20250101-120000.reg"

    Restores the service accounts' settings from a backup this command wrote (elevated prompt). Values
    that did not exist before the copy are deleted again.

    .INPUTS
    None. Copy-MDIProxySetting takes no pipeline input.

    .OUTPUTS
    None by default.

    MDIConnectivity.ProxySettingCopy
    With -PassThru: Scope, Location, Changed ($true when the value was written online, or when the import
    file changes it offline), BackupPath and OutputPath (the files written, or $null).

    .NOTES
    Errors carry stable ids: MDI_CONFIRMATION_REQUIRED (non-interactive without -Confirm:$false),
    MDI_INVALID_ARGUMENT (-Path without -OutputPath, or -OutputPath without -Path, or -OutputPath or
    -BackupPath naming the -Path export itself), MDI_REGISTRY_UNAVAILABLE (online off Windows: use -Path), MDI_FILE_NOT_FOUND,
    MDI_REG_FILE_INVALID, MDI_WRITE_FAILED (a file could not be written), MDI_REGISTRY_WRITE_FAILED (a
    value could not be written: run elevated), MDI_VERIFY_FAILED (a value did not read back as written).
    Both registry errors name the backup to restore with reg import.
    With ProxySettingsPerUser = 0 every account uses the machine-wide settings and per-account copies
    have no effect; Get-MDIProxySetting warns about it.

    .LINK
    Get-MDIProxySetting

    .LINK
    https://learn.microsoft.com/defender-for-identity/deploy/configure-proxy
    #>
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
    [OutputType('MDIConnectivity.ProxySettingCopy')]
    param(
        [Parameter(Position = 0)]
        [ValidateSet('LocalSystem', 'LocalService')]
        [string[]] $To = @('LocalSystem', 'LocalService'),

        [ValidateNotNullOrEmpty()]
        [string] $Path,

        [ValidateNotNullOrEmpty()]
        [string] $OutputPath,

        [ValidateNotNullOrEmpty()]
        [string] $BackupPath,

        [switch] $PassThru
    )

    $offline = -not [string]::IsNullOrEmpty($Path)
    $problem = $null
    if ($offline -and [string]::IsNullOrEmpty($OutputPath)) { $problem = '-Path (an offline copy from a .reg export) needs -OutputPath: the .reg file to write for import on the domain controller.' }
    if (-not $offline -and -not [string]::IsNullOrEmpty($OutputPath)) { $problem = '-OutputPath is for an offline copy from -Path. Online the registry is changed directly and -BackupPath names the backup.' }
    if ($null -ne $problem) {
        $PSCmdlet.ThrowTerminatingError((New-MDIErrorRecord -ErrorId 'MDI_INVALID_ARGUMENT' -Category InvalidArgument -Message $problem))
    }
    # ValidateSet accepts any casing; the engine wants the contract's spelling.
    $targetNames = @(foreach ($name in @('LocalSystem', 'LocalService')) { if ($To -contains $name) { $name } })
    try {
        $files = Resolve-MDIWriteTarget -Caller $PSCmdlet -Path $Path -OutputPath $OutputPath -BackupPath $BackupPath -BackupPrefix 'MDIConnectivity-proxy-backup' -Online:(-not $offline)
        if ($files -is [System.Management.Automation.ErrorRecord]) { $PSCmdlet.ThrowTerminatingError($files) }
        $backupFile = $files.BackupFile
        $outputFile = $files.OutputFile

        $request = @{
            schemaVersion = $script:MDIExpectedSchemaVersion
            command       = 'copy-settings'
            to            = [string[]]$targetNames
        }
        $settingsInput = Get-MDISettingsInput -Path $Path -Required
        if ($settingsInput -is [System.Management.Automation.ErrorRecord]) { $PSCmdlet.ThrowTerminatingError($settingsInput) }
        foreach ($key in @($settingsInput.Keys)) { $request[$key] = $settingsInput[$key] }
        $engine = Invoke-MDIEngine -Request $request -Caller $PSCmdlet
    }
    catch {
        $PSCmdlet.ThrowTerminatingError((New-MDIErrorRecord -FromErrorRecord $_))
    }
    $response = $engine.Response
    $targets = @(Get-MDIPropertyValue $response 'targets')
    if ($targets.Count -eq 0) { return }
    $backupBytes = [Convert]::FromBase64String([string](Get-MDIPropertyValue $response 'backupRegBase64'))
    $importBytes = [Convert]::FromBase64String([string](Get-MDIPropertyValue $response 'importRegBase64'))

    $changed = @{}
    $backupWritten = $null
    $outputWritten = $null
    try {
        if (-not $offline) {
            $approved = New-Object -TypeName System.Collections.Generic.List[object]
            foreach ($target in $targets) {
                $scope = [string](Get-MDIPropertyValue $target 'scope')
                $location = [string](Get-MDIPropertyValue $target 'location')
                if ([bool](Get-MDIPropertyValue $target 'unchanged')) {
                    Write-Verbose ('{0} already has the current user''s settings ({1}): skipped.' -f $scope, $location)
                }
                else {
                    $answer = Confirm-MDIChange -Caller $PSCmdlet -Target $location -Action ('Replace the proxy settings of {0} with the current user''s' -f $scope)
                    if ($answer -is [System.Management.Automation.ErrorRecord]) { $PSCmdlet.ThrowTerminatingError($answer) }
                    if ($answer) { $approved.Add($target) }
                }
            }
            if ($approved.Count -gt 0) {
                # The backup comes first: if anything below fails, what was there can be restored.
                $written = Write-MDIFileSafely -Path $backupFile -Content $backupBytes
                if ($written -is [System.Management.Automation.ErrorRecord]) { $PSCmdlet.ThrowTerminatingError($written) }
                $backupWritten = $backupFile
                $restore = 'restore with: reg import "{0}" (elevated)' -f $backupFile
                Write-Verbose ('Backup of the present values written; {0}' -f $restore)
                foreach ($target in $approved) {
                    $scope = [string](Get-MDIPropertyValue $target 'scope')
                    $location = [string](Get-MDIPropertyValue $target 'location')
                    $expected = [string](Get-MDIPropertyValue $target 'newBase64')
                    try { $readBack = Write-MDIProxyRegistryValue -Scope $scope -Value ([Convert]::FromBase64String($expected)) }
                    catch {
                        $message = 'Could not write {0} ({1}): {2} Run the command in an elevated session; to undo what was already changed, {3}.' -f $location, $scope, $_.Exception.Message, $restore
                        $PSCmdlet.ThrowTerminatingError((New-MDIErrorRecord -ErrorId 'MDI_REGISTRY_WRITE_FAILED' -Category WriteError -Message $message -TargetObject $location -InnerException $_.Exception))
                    }
                    $actual = $null
                    if ($null -ne $readBack) { $actual = [Convert]::ToBase64String([byte[]]$readBack) }
                    if ($actual -ne $expected) {
                        $message = '{0} ({1}) does not read back as written: something else changed it or the write did not take; {2}.' -f $location, $scope, $restore
                        $PSCmdlet.ThrowTerminatingError((New-MDIErrorRecord -ErrorId 'MDI_VERIFY_FAILED' -Category WriteError -Message $message -TargetObject $location))
                    }
                    $changed[$scope] = $true
                    Write-Verbose ('{0}: written and read back ({1})' -f $scope, $location)
                }
            }
        }
        else {
            $pending = @($targets | Where-Object { -not [bool](Get-MDIPropertyValue $_ 'unchanged') })
            foreach ($target in $targets) {
                if ([bool](Get-MDIPropertyValue $target 'unchanged')) { Write-Verbose ('{0} already has the current user''s settings in the export: the import leaves it as it is.' -f (Get-MDIPropertyValue $target 'scope')) }
            }
            $action = 'Write the .reg that copies the current user''s proxy settings to {0}' -f ($targetNames -join ' and ')
            if ($null -ne $backupFile) { $action += (', after the restoring .reg {0}' -f $backupFile) }
            $answer = Confirm-MDIChange -Caller $PSCmdlet -Target $outputFile -Action $action
            if ($answer -is [System.Management.Automation.ErrorRecord]) { $PSCmdlet.ThrowTerminatingError($answer) }
            if ($answer) {
                if ($null -ne $backupFile) {
                    $written = Write-MDIFileSafely -Path $backupFile -Content $backupBytes
                    if ($written -is [System.Management.Automation.ErrorRecord]) { $PSCmdlet.ThrowTerminatingError($written) }
                    $backupWritten = $backupFile
                }
                $written = Write-MDIFileSafely -Path $outputFile -Content $importBytes
                if ($written -is [System.Management.Automation.ErrorRecord]) { $PSCmdlet.ThrowTerminatingError($written) }
                $outputWritten = $outputFile
                foreach ($target in $pending) {
                    $scope = [string](Get-MDIPropertyValue $target 'scope')
                    $changed[$scope] = $true
                }
                Write-Verbose ('Import it on the domain controller, elevated: reg import "{0}"' -f $outputFile)
            }
        }
    }
    catch {
        $PSCmdlet.ThrowTerminatingError((New-MDIErrorRecord -FromErrorRecord $_))
    }

    if (-not $PassThru) { return }
    foreach ($target in $targets) {
        $scope = [string](Get-MDIPropertyValue $target 'scope')
        [pscustomobject]@{
            PSTypeName = 'MDIConnectivity.ProxySettingCopy'
            Scope      = $scope
            Location   = [string](Get-MDIPropertyValue $target 'location')
            Changed    = $changed.ContainsKey($scope)
            BackupPath = $backupWritten
            OutputPath = $outputWritten
        }
    }
}
