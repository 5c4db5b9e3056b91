#Requires -Version 5.1
<#
.SYNOPSIS
Builds the MDIConnectivity module: installs npm dependencies, bundles the engine, generates the schema, validates the manifest.
.DESCRIPTION
Produces module/engine/mdi-connectivity.mjs and module/schema/*.json (via npm run build, i.e.
scripts/build.mjs), then runs Test-ModuleManifest on MDIConnectivity.psd1. Needs Node.js 22+ and npm.
.PARAMETER SkipInstall
Skips "npm ci" when node_modules is already up to date.
.EXAMPLE
./build.ps1
.EXAMPLE
./build.ps1 -SkipInstall
#>
[CmdletBinding()]
param([switch]$SkipInstall)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

function Invoke-Npm {
    param([Parameter(Mandatory = $true)][string[]] $Arguments)
    Write-Host ('> npm {0}' -f ($Arguments -join ' '))
    # npm is npm.cmd on Windows; the call operator resolves it through PATHEXT on every edition.
    # Windows PowerShell turns a native command's stderr into errors when output is redirected (CI),
    # and npm writes warnings there: judge npm by its exit code only.
    $ErrorActionPreference = 'Continue'
    & npm @Arguments
    if ($LASTEXITCODE -ne 0) { throw ('npm {0} failed with exit code {1}' -f ($Arguments -join ' '), $LASTEXITCODE) }
}

$root = $PSScriptRoot
if (-not (Get-Command -Name 'npm' -ErrorAction SilentlyContinue)) {
    throw 'npm was not found on PATH. Install Node.js 22 or later (it includes npm) and run ./build.ps1 again.'
}

Push-Location -LiteralPath $root
try {
    if (-not $SkipInstall) { Invoke-Npm -Arguments @('ci') }
    Invoke-Npm -Arguments @('run', 'build')

    $engine = Join-Path -Path $root -ChildPath 'module/engine/mdi-connectivity.mjs'
    if (-not (Test-Path -LiteralPath $engine -PathType Leaf)) {
        throw "npm run build finished but $engine is missing."
    }
    $manifest = Test-ModuleManifest -Path (Join-Path -Path $root -ChildPath 'MDIConnectivity.psd1')

    Write-Host ''
    Write-Host ('Built {0} {1}' -f $manifest.Name, $manifest.Version)
    Write-Host ('  engine  {0} ({1:N0} bytes)' -f $engine, (Get-Item -LiteralPath $engine).Length)
    $schemaFolder = Join-Path -Path $root -ChildPath 'module/schema'
    foreach ($schema in @(Get-ChildItem -Path $schemaFolder -Filter '*.json' -File -ErrorAction SilentlyContinue)) {
        Write-Host ('  schema  {0}' -f $schema.FullName)
    }
    Write-Host ('  exports {0}' -f (@($manifest.ExportedFunctions.Keys) -join ', '))
    Write-Host ('Import it with: Import-Module {0}' -f (Join-Path -Path $root -ChildPath 'MDIConnectivity.psd1'))
}
finally {
    Pop-Location
}
