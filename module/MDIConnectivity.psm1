# Loader only: every function lives in its own file so each one can be reviewed and tested alone.
# Private first, because public functions call the private helpers as soon as they run.
foreach ($folder in @('Private', 'Public')) {
    $path = Join-Path -Path $PSScriptRoot -ChildPath $folder
    foreach ($file in @(Get-ChildItem -Path $path -Filter '*.ps1' -File -ErrorAction SilentlyContinue | Sort-Object -Property Name)) {
        . $file.FullName
    }
}
