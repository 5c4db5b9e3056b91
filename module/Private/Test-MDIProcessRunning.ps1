function Test-MDIProcessRunning {
    <#
    .SYNOPSIS
    Windows-only seam: whether a process of that name runs (SenseIdentity marks the unified sensor).
    #>
    [CmdletBinding()]
    [OutputType([bool])]
    param(
        [Parameter(Mandatory = $true)]
        [ValidateSet('SenseIdentity')]
        [string] $Name
    )

    @(Get-Process -Name $Name -ErrorAction SilentlyContinue).Count -gt 0
}
