function Get-MDIServicePathName {
    <#
    .SYNOPSIS
    Windows-only seam: the command line (PathName) a Windows service starts, or $null when there is no such service.
    .DESCRIPTION
    Win32_Service through CIM, as the official module finds the sensor's folder; also tells whether a
    service is installed. A failed query is $null, said on the verbose stream.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [ValidateSet('AATPSensor', 'AATPSensorUpdater')]
        [string] $Name
    )

    try { $service = Get-CimInstance -ClassName Win32_Service -Filter ("Name='{0}'" -f $Name) -ErrorAction Stop -Verbose:$false }
    catch { Write-Verbose ('Could not query the {0} service: {1}' -f $Name, $_.Exception.Message); return $null }
    if ($null -ne $service) { [string]$service.PathName }
}
