function ConvertTo-MDIPropertyTable {
    <#
    .SYNOPSIS
    Copies the properties of one parsed engine object into a hashtable, read by the converters.
    .DESCRIPTION
    A missing key reads as a real $null, also under Set-StrictMode -Version Latest, where touching a
    missing property of the object itself throws. A real $null matters: a value that is PowerShell's
    "nothing" (AutomationNull) in a result property turns into an empty object {} through remoting,
    PSSerializer and ConvertTo-Json. One call per object, not per property, keeps converting a whole
    answer cheap (a function call costs far more than a hashtable read).
    #>
    [CmdletBinding()]
    [OutputType([hashtable])]
    param(
        [Parameter(Position = 0)]
        [AllowNull()]
        [object] $InputObject
    )

    $table = @{}
    if ($null -ne $InputObject) {
        foreach ($property in $InputObject.PSObject.Properties) { $table[$property.Name] = $property.Value }
    }
    $table
}
