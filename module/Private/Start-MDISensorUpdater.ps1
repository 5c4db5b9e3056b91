function Start-MDISensorUpdater {
    <#
    .SYNOPSIS
    Windows-only seam: starts the AATPSensorUpdater service again (throws when it cannot).
    .DESCRIPTION
    Set-MDIClassicSensorProxy calls it after the sensor configuration is written (or failed to be),
    whenever it stopped the service.
    #>
    [CmdletBinding()]
    param()

    Start-Service -Name 'AATPSensorUpdater' -ErrorAction Stop -WhatIf:$false -Confirm:$false
}
