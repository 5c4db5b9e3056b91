function Resolve-MDIFilePath {
    <#
    .SYNOPSIS
    Resolves a path the user typed to full file system path(s), or returns the ErrorRecord saying what is wrong.
    .DESCRIPTION
    Paths resolve against the PowerShell location (the engine runs in the module folder and the
    process's current folder may differ), through the FileSystem provider only: a registry or
    certificate drive path is refused. -PathType checks file (Leaf), folder (Container) or either (Any).
    -Wildcard resolves wildcards and may return several paths; otherwise the path is literal and one
    path is returned. The error id is MDI_FILE_NOT_FOUND unless the caller names another (-ErrorId).
    A failure is returned, not thrown, and nothing inside raises or writes an error: PowerShell adds
    every exception raised under a command, even a caught one, to that command's -ErrorVariable and
    to $Error, and the user must find exactly one record there, the public command's MDI_* one.
    Callers test the result with -is [System.Management.Automation.ErrorRecord].
    #>
    [CmdletBinding()]
    [OutputType([string], [System.Management.Automation.ErrorRecord])]
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

    # -ErrorAction Ignore: a miss is reported below, once, in the module's words.
    $resolved = @()
    if ($Wildcard) { $resolved = @(Resolve-Path -Path $Path -ErrorAction Ignore) }
    elseif (Test-Path -LiteralPath $Path) { $resolved = @(Resolve-Path -LiteralPath $Path -ErrorAction Ignore) }
    if ($resolved.Count -eq 0) {
        $message = "Cannot find {0} '{1}': no such file." -f $Purpose, $Path
        return (New-MDIErrorRecord -ErrorId $ErrorId -Category ObjectNotFound -Message $message -TargetObject $Path)
    }
    $files = @($resolved | Where-Object { $_.Provider.Name -eq 'FileSystem' })
    if ($files.Count -eq 0) {
        $message = "'{0}' is not a file system path; give {1} as a file path." -f $Path, $Purpose
        return (New-MDIErrorRecord -ErrorId $ErrorId -Category InvalidArgument -Message $message -TargetObject $Path)
    }
    $paths = New-Object -TypeName System.Collections.Generic.List[string]
    foreach ($item in $files) {
        $full = $item.ProviderPath
        $isFolder = Test-Path -LiteralPath $full -PathType Container
        $problem = $null
        if ($PathType -eq 'Leaf' -and $isFolder) { $problem = "'{0}' is a folder, not a file: give {1}." -f $full, $Purpose }
        if ($PathType -eq 'Container' -and -not $isFolder) { $problem = "'{0}' is a file, not a folder: give {1}." -f $full, $Purpose }
        if ($null -ne $problem) { return (New-MDIErrorRecord -ErrorId $ErrorId -Category InvalidArgument -Message $problem -TargetObject $Path) }
        $paths.Add($full)
    }
    $paths.ToArray()
}
