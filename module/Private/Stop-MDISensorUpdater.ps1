function Stop-MDISensorUpdater {
    <#
    .SYNOPSIS
    Windows-only seam: stops the AATPSensorUpdater service (throws when it cannot).
    .DESCRIPTION
    Set-MDIClassicSensorProxy calls it after its caller's confirmation for the restart, before the
    sensor configuration is written, as the official module does.
    #>
    [CmdletBinding()]
    param()

    Stop-Service -Name 'AATPSensorUpdater' -ErrorAction Stop -WhatIf:$false -Confirm:$false
}
