function Resolve-MDISensorConfigurationPath {
    <#
    .SYNOPSIS
    Finds the classic sensor's SensorConfiguration.json: from -Path (file or folder), else from the AATPSensor service.
    .DESCRIPTION
    -Path resolves against the PowerShell location (Resolve-MDIFilePath); a folder means the
    SensorConfiguration.json in it. Without -Path, on Windows, the file is the one in the folder of the
    AATPSensor service's binary (Win32_Service PathName, quotes and arguments removed), as the official
    module finds it. Returns [pscustomobject]@{ Path; FromService; ServiceFolder } (ServiceFolder: the
    service's folder when the service exists, so a caller can tell whether -Path names the live file).
    Nothing found: MDI_SENSOR_CONFIG_NOT_FOUND saying how to fix it, or $null with -Optional.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [string] $Path,

        [switch] $Optional
    )

    $serviceFolder = $null
    $windows = Test-MDIWindows
    if ($windows) {
        $pathName = ([string](Get-MDIServicePathName -Name 'AATPSensor')).Trim()
        if ($pathName.Length -gt 0) {
            $binary = $pathName
            if ($pathName.StartsWith('"')) {
                $end = $pathName.IndexOf('"', 1)
                if ($end -gt 1) { $binary = $pathName.Substring(1, $end - 1) } else { $binary = $pathName.Trim('"') }
            }
            else {
                $exe = $pathName.IndexOf('.exe', [System.StringComparison]::OrdinalIgnoreCase)
                if ($exe -gt 0) { $binary = $pathName.Substring(0, $exe + 4) }
            }
            $serviceFolder = [System.IO.Path]::GetDirectoryName($binary)
        }
    }

    if (-not [string]::IsNullOrEmpty($Path)) {
        $full = @(Resolve-MDIFilePath -Path $Path -PathType Any -ErrorId 'MDI_SENSOR_CONFIG_NOT_FOUND' -Purpose 'the sensor configuration (SensorConfiguration.json, or the folder holding it)')[0]
        if ($full -is [System.Management.Automation.ErrorRecord]) { throw $full }
        if (Test-Path -LiteralPath $full -PathType Container) { $full = [System.IO.Path]::Combine($full, 'SensorConfiguration.json') }
        return [pscustomobject]@{ Path = $full; FromService = $false; ServiceFolder = $serviceFolder }
    }
    if (-not [string]::IsNullOrEmpty($serviceFolder)) {
        $file = [System.IO.Path]::Combine($serviceFolder, 'SensorConfiguration.json')
        Write-Verbose ('Sensor configuration from the AATPSensor service: {0}' -f $file)
        return [pscustomobject]@{ Path = $file; FromService = $true; ServiceFolder = $serviceFolder }
    }
    if ($Optional) { return $null }
    $where = 'this is not Windows'
    if ($windows) { $where = 'the AATPSensor service (the classic sensor) is not installed here' }
    $message = 'No sensor configuration to read: {0}. On a domain controller with the classic sensor it is found from the AATPSensor service; otherwise give -SensorConfigurationPath with SensorConfiguration.json or its folder (a copy of C:\Program Files\Azure Advanced Threat Protection Sensor\<version>\SensorConfiguration.json). For the unified sensor use -SensorType Unified.' -f $where
    throw (New-MDIErrorRecord -ErrorId 'MDI_SENSOR_CONFIG_NOT_FOUND' -Category ObjectNotFound -Message $message)
}
