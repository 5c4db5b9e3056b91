function New-MDIErrorRecord {
    <#
    .SYNOPSIS
    Builds the ErrorRecord the public commands emit, so every error carries a stable MDI_* id.
    .DESCRIPTION
    -FromErrorRecord re-creates a caught record so that, when a public command re-throws it with
    $PSCmdlet.ThrowTerminatingError, its FullyQualifiedErrorId reads "<CODE>,<public command>"
    instead of naming the private helper that failed.
    #>
    [CmdletBinding(DefaultParameterSetName = 'New')]
    [OutputType([System.Management.Automation.ErrorRecord])]
    param(
        [Parameter(Mandatory = $true, ParameterSetName = 'New')]
        [string] $ErrorId,

        [Parameter(Mandatory = $true, ParameterSetName = 'New')]
        [string] $Message,

        [Parameter(ParameterSetName = 'New')]
        [System.Management.Automation.ErrorCategory] $Category = [System.Management.Automation.ErrorCategory]::NotSpecified,

        [Parameter(ParameterSetName = 'New')]
        [object] $TargetObject,

        [Parameter(ParameterSetName = 'New')]
        [System.Exception] $InnerException,

        [Parameter(Mandatory = $true, ParameterSetName = 'From')]
        [System.Management.Automation.ErrorRecord] $FromErrorRecord
    )

    if ($PSCmdlet.ParameterSetName -eq 'From') {
        # The id is the part before the first comma; PowerShell appends ",<command>" once a record is written.
        $id = ([string]$FromErrorRecord.FullyQualifiedErrorId -split ',')[0]
        if ([string]::IsNullOrEmpty($id)) { $id = 'MDI_INTERNAL_ERROR' }
        $record = [System.Management.Automation.ErrorRecord]::new(
            $FromErrorRecord.Exception, $id, $FromErrorRecord.CategoryInfo.Category, $FromErrorRecord.TargetObject)
        if ($null -ne $FromErrorRecord.ErrorDetails) { $record.ErrorDetails = $FromErrorRecord.ErrorDetails }
        return $record
    }

    $exception = [System.Exception]::new($Message, $InnerException)
    [System.Management.Automation.ErrorRecord]::new($exception, $ErrorId, $Category, $TargetObject)
}
