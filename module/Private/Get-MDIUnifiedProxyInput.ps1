function Get-MDIUnifiedProxyInput {
    <#
    .SYNOPSIS
    Where the unified sensor's two proxy values come from, as UnifiedProxyRequest fields: a .reg export, or the live registry.
    .DESCRIPTION
    -Path given: regFileBase64 holds the export's bytes (resolved against the PowerShell location).
    Otherwise unifiedRegistry holds Read-MDIUnifiedProxyRegistry's values (Windows only:
    MDI_REGISTRY_UNAVAILABLE elsewhere). Returns [pscustomobject]@{ SourcePath; Fields } where Fields
    is the hashtable of request keys to merge and SourcePath says where the values were read; or the
    failure's ErrorRecord (returned, not thrown: see Resolve-MDIFilePath).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject], [System.Management.Automation.ErrorRecord])]
    param(
        [string] $Path
    )

    $unifiedInput = @{}
    $source = 'HKLM\SOFTWARE\Policies\Microsoft\Windows\DataCollection; HKLM\SOFTWARE\Policies\Microsoft\Windows Defender'
    if (-not [string]::IsNullOrEmpty($Path)) {
        $source = @(Resolve-MDIFilePath -Path $Path -Purpose 'the .reg export of the unified sensor''s policy keys')[0]
        if ($source -is [System.Management.Automation.ErrorRecord]) { return $source }
        Write-Verbose ('Reading the unified sensor''s proxy values from the export {0}' -f $source)
        $unifiedInput['regFileBase64'] = [Convert]::ToBase64String([System.IO.File]::ReadAllBytes($source))
    }
    else {
        $unifiedInput['unifiedRegistry'] = Read-MDIUnifiedProxyRegistry
        if ($unifiedInput['unifiedRegistry'] -is [System.Management.Automation.ErrorRecord]) { return $unifiedInput['unifiedRegistry'] }
    }
    [pscustomobject]@{ SourcePath = $source; Fields = $unifiedInput }
}
