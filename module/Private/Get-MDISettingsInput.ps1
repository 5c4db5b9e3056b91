function Get-MDISettingsInput {
    <#
    .SYNOPSIS
    Builds the SettingsInput part of a request (src/contract/settings-types.ts): a .reg export, or the live registry.
    .DESCRIPTION
    -Path given: regFileBase64 holds the file's bytes (read here, resolved against the PowerShell
    location, because the engine runs in the module folder); a missing file is MDI_FILE_NOT_FOUND.
    Otherwise, on Windows (or with -Required anywhere): registry holds Read-MDIProxyRegistry's
    snapshot (MDI_REGISTRY_UNAVAILABLE off Windows).
    Otherwise $null: there are no settings to read and the caller decides what that means.
    dnsSuffix is added when given. Returns a hashtable whose keys are SettingsInput fields, or the
    failure's ErrorRecord (returned, not thrown: see Resolve-MDIFilePath).
    #>
    [CmdletBinding()]
    [OutputType([hashtable], [System.Management.Automation.ErrorRecord])]
    param(
        [string] $Path,

        [string] $DnsSuffix,

        # Read the live registry even off Windows, so that its MDI_REGISTRY_UNAVAILABLE reaches the caller.
        [switch] $Required
    )

    $settingsInput = @{}
    if (-not [string]::IsNullOrEmpty($Path)) {
        $file = @(Resolve-MDIFilePath -Path $Path -Purpose 'the .reg export (regedit File > Export, or reg export)')[0]
        if ($file -is [System.Management.Automation.ErrorRecord]) { return $file }
        Write-Verbose ('Reading proxy settings from the export {0}' -f $file)
        $settingsInput['regFileBase64'] = [Convert]::ToBase64String([System.IO.File]::ReadAllBytes($file))
    }
    elseif ($Required -or (Test-MDIWindows)) {
        Write-Verbose 'Reading proxy settings from the live registry'
        $settingsInput['registry'] = Read-MDIProxyRegistry
        if ($settingsInput['registry'] -is [System.Management.Automation.ErrorRecord]) { return $settingsInput['registry'] }
    }
    else {
        return $null
    }
    if (-not [string]::IsNullOrEmpty($DnsSuffix)) { $settingsInput['dnsSuffix'] = $DnsSuffix }
    $settingsInput
}
