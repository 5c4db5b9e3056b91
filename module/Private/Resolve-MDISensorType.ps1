function Resolve-MDISensorType {
    <#
    .SYNOPSIS
    Decides which sensor's proxy configuration a command works on: 'Classic' (v2) or 'Unified' (v3).
    .DESCRIPTION
    -SensorType wins (Modern, the documentation's name, means Unified). Otherwise -Path (a .reg export
    of the unified sensor's policy keys) means Unified and -SensorConfigurationPath means Classic.
    Otherwise, on Windows, a running SenseIdentity process means Unified, as the official module
    detects it; everything else is Classic. A -SensorType that contradicts -Path or
    -SensorConfigurationPath is the MDI_INVALID_ARGUMENT ErrorRecord, returned, not thrown
    (see Resolve-MDIFilePath).
    #>
    [CmdletBinding()]
    [OutputType([string], [System.Management.Automation.ErrorRecord])]
    param(
        [string] $SensorType,
        [string] $Path,
        [string] $SensorConfigurationPath
    )

    $type = $null
    if ($SensorType -eq 'Classic') { $type = 'Classic' }
    elseif (@('Unified', 'Modern') -contains $SensorType) { $type = 'Unified' }
    $hasPath = -not [string]::IsNullOrEmpty($Path)
    $hasFile = -not [string]::IsNullOrEmpty($SensorConfigurationPath)
    $problem = $null
    if ($hasPath -and $hasFile) { $problem = '-Path (the unified sensor''s .reg export) and -SensorConfigurationPath (the classic sensor''s file) name different sensors: give one of them.' }
    elseif ($type -eq 'Classic' -and $hasPath) { $problem = '-Path is the .reg export of the unified sensor''s policy keys; the classic sensor''s configuration is given with -SensorConfigurationPath.' }
    elseif ($type -eq 'Unified' -and $hasFile) { $problem = 'The unified sensor keeps its proxy in two policy values, not in SensorConfiguration.json: drop -SensorConfigurationPath (use -Path for a .reg export) or use -SensorType Classic.' }
    if ($null -ne $problem) {
        return (New-MDIErrorRecord -ErrorId 'MDI_INVALID_ARGUMENT' -Category InvalidArgument -Message $problem)
    }
    if ($null -ne $type) { return $type }
    if ($hasPath) { return 'Unified' }
    if ($hasFile) { return 'Classic' }
    if ((Test-MDIWindows) -and (Test-MDIProcessRunning -Name 'SenseIdentity')) {
        Write-Verbose 'SenseIdentity is running: this is the unified (v3) sensor, whose proxy is in two policy values.'
        return 'Unified'
    }
    'Classic'
}
