function Get-MDIPropertyValue {
    <#
    .SYNOPSIS
    Reads a property of a parsed engine document, or nothing when it is absent.
    .DESCRIPTION
    Callers may run under Set-StrictMode -Version Latest (it reaches module code through the global
    scope), where touching a missing property throws; engine documents are read only through here.
    Nothing is written for a missing or null value, so "@(Get-MDIPropertyValue ...)" is empty then.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)]
        [AllowNull()]
        [object] $InputObject,

        [Parameter(Mandatory = $true, Position = 1)]
        [string] $Name
    )

    if ($null -eq $InputObject) { return }
    $property = $InputObject.PSObject.Properties[$Name]
    if ($null -eq $property -or $null -eq $property.Value) { return }
    $property.Value
}
