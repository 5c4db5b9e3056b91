function Resolve-MDIFilePath {
    <#
    .SYNOPSIS
    Resolves a path the user typed to full file system path(s), or throws an ErrorRecord saying what is wrong.
    .DESCRIPTION
    Paths resolve against the PowerShell location (the engine runs in the module folder and the
    process's current folder may differ), through the FileSystem provider only: a registry or
    certificate drive path is refused. -PathType checks file (Leaf), folder (Container) or either (Any).
    -Wildcard resolves wildcards and may return several paths; otherwise the path is literal and one
    path is returned. The error id is MDI_FILE_NOT_FOUND unless the caller names another (-ErrorId).
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [string] $Path,

        # What the path should name, for the message: "the .reg export", "a certificate file"...
        [string] $Purpose = 'the file',

        [ValidateSet('Leaf', 'Container', 'Any')]
        [string] $PathType = 'Leaf',

        [switch] $Wildcard,

        [string] $ErrorId = 'MDI_FILE_NOT_FOUND'
    )

    $resolved = @()
    try {
        if ($Wildcard) { $resolved = @(Resolve-Path -Path $Path -ErrorAction Stop) }
        else { $resolved = @(Resolve-Path -LiteralPath $Path -ErrorAction Stop) }
    }
    catch {
        $message = "Cannot find {0} '{1}': {2}" -f $Purpose, $Path, $_.Exception.Message
        throw (New-MDIErrorRecord -ErrorId $ErrorId -Category ObjectNotFound -Message $message -TargetObject $Path -InnerException $_.Exception)
    }
    if ($resolved.Count -eq 0) {
        $message = "Cannot find {0} '{1}': nothing matches it." -f $Purpose, $Path
        throw (New-MDIErrorRecord -ErrorId $ErrorId -Category ObjectNotFound -Message $message -TargetObject $Path)
    }
    $files = @($resolved | Where-Object { $_.Provider.Name -eq 'FileSystem' })
    if ($files.Count -eq 0) {
        $message = "'{0}' is not a file system path; give {1} as a file path." -f $Path, $Purpose
        throw (New-MDIErrorRecord -ErrorId $ErrorId -Category InvalidArgument -Message $message -TargetObject $Path)
    }
    foreach ($item in $files) {
        $full = $item.ProviderPath
        $isFolder = Test-Path -LiteralPath $full -PathType Container
        if ($PathType -eq 'Leaf' -and $isFolder) {
            $message = "'{0}' is a folder, not a file: give {1}." -f $full, $Purpose
            throw (New-MDIErrorRecord -ErrorId $ErrorId -Category InvalidArgument -Message $message -TargetObject $Path)
        }
        if ($PathType -eq 'Container' -and -not $isFolder) {
            $message = "'{0}' is a file, not a folder: give {1}." -f $full, $Purpose
            throw (New-MDIErrorRecord -ErrorId $ErrorId -Category InvalidArgument -Message $message -TargetObject $Path)
        }
        $full
    }
}
