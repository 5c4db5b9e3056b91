#Requires -Version 5.1
<#
.SYNOPSIS
Builds the MDIConnectivity release: the engine, a staged module folder per platform, a .nupkg and a .zip of each.
.DESCRIPTION
1. npm ci, then npm run build (engine bundle and JSON Schemas in module/).
2. npm run stage per platform: <OutputPath>/<platform>/MDIConnectivity/<version>/ holds exactly what a
   user installs, with the Node.js runtime of that platform under runtime/<platform>/.
3. With -CertificateThumbprint (Windows only): Authenticode-signs the staged .ps1, .psm1, .psd1 and .ps1xml.
4. Checks each staged folder (a missing engine or runtime stops the build), runs Test-ModuleManifest, then
   writes <OutputPath>/packages/<platform>/MDIConnectivity.<version>.nupkg with Publish-PSResource into a
   local folder repository, and <OutputPath>/packages/MDIConnectivity-<version>-<platform>.zip, whose
   MDIConnectivity/<version>/ folder is expanded into a Modules folder on an air-gapped DC.
One package per platform: each carries one Node.js runtime, which keeps the Windows package under 40 MB.
.PARAMETER Platform
The runtimes to package, one package each: win-x64 (domain controllers) and linux-x64.
.PARAMETER OutputPath
Where the staged folders and packages go; default out/ beside this script.
.PARAMETER SkipInstall
Skips "npm ci" when node_modules is already up to date.
.PARAMETER SkipBuild
Uses the engine already in module/engine instead of running npm run build.
.PARAMETER SkipPackage
Stops after staging and checking: no .nupkg and no .zip.
.PARAMETER CertificateThumbprint
Thumbprint of a code-signing certificate in Cert:\CurrentUser\My or Cert:\LocalMachine\My. Windows only.
.PARAMETER TimestampServer
The RFC 3161 time-stamping server used with -CertificateThumbprint, so signatures outlive the certificate.
.EXAMPLE
./build.ps1
.EXAMPLE
./build.ps1 -SkipInstall -Platform win-x64
.EXAMPLE
./build.ps1 -Platform win-x64 -CertificateThumbprint 0123456789ABCDEF0123456789ABCDEF01234567 -TimestampServer http://timestamp.contoso.com
#>
[CmdletBinding()]
param(
    [ValidateSet('win-x64', 'linux-x64')]
    [string[]] $Platform = @('win-x64', 'linux-x64'),
    [string] $OutputPath = (Join-Path -Path $PSScriptRoot -ChildPath 'out'),
    [switch] $SkipInstall,
    [switch] $SkipBuild,
    [switch] $SkipPackage,
    [string] $CertificateThumbprint,
    [string] $TimestampServer
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$moduleName = 'MDIConnectivity'

function Invoke-Npm {
    param([Parameter(Mandatory = $true)][string[]] $Arguments)
    Write-Host ('> npm {0}' -f ($Arguments -join ' '))
    # npm is npm.cmd on Windows; the call operator resolves it through PATHEXT on every edition.
    # Windows PowerShell turns a native command's stderr into errors when output is redirected (CI),
    # and npm writes progress there: judge npm by its exit code only.
    $ErrorActionPreference = 'Continue'
    $output = & npm @Arguments
    if ($LASTEXITCODE -ne 0) { throw ('npm {0} failed with exit code {1}; its messages are above.' -f ($Arguments -join ' '), $LASTEXITCODE) }
    $output
}

function Get-SigningCertificate {
    param([Parameter(Mandatory = $true)][string] $Thumbprint)
    if ([System.Environment]::OSVersion.Platform -ne [System.PlatformID]::Win32NT) {
        throw 'Authenticode signing (-CertificateThumbprint) needs Windows: Set-AuthenticodeSignature and the certificate stores exist only there. Build without -CertificateThumbprint here and sign on Windows.'
    }
    $clean = ($Thumbprint -replace '\s', '').ToUpperInvariant()
    foreach ($store in @('Cert:\CurrentUser\My', 'Cert:\LocalMachine\My')) {
        $certificate = Get-ChildItem -Path $store -CodeSigningCert -ErrorAction SilentlyContinue | Where-Object { $_.Thumbprint -eq $clean } | Select-Object -First 1
        if ($null -ne $certificate) {
            if (-not $certificate.HasPrivateKey) { throw "The certificate $clean in $store has no private key: it cannot sign." }
            return $certificate
        }
    }
    throw "No code-signing certificate with thumbprint $clean in Cert:\CurrentUser\My or Cert:\LocalMachine\My."
}

function Invoke-StagedModuleSigning {
    param([Parameter(Mandatory = $true)][string] $Path, [Parameter(Mandatory = $true)] $Certificate)
    $files = @(Get-ChildItem -Path $Path -Recurse -File -Include '*.ps1', '*.psm1', '*.psd1', '*.ps1xml')
    $signing = @{ Certificate = $Certificate; HashAlgorithm = 'SHA256' }
    if ($TimestampServer) { $signing['TimestampServer'] = $TimestampServer }
    foreach ($file in $files) {
        $signature = Set-AuthenticodeSignature -FilePath $file.FullName @signing
        if ($signature.Status -ne 'Valid') { throw "Signing $($file.FullName) failed: $($signature.StatusMessage)" }
    }
    Write-Host ('  signed  {0} files with {1}' -f $files.Count, $Certificate.Subject)
}

function New-ModulePackage {
    param([Parameter(Mandatory = $true)][string] $StagedPath, [Parameter(Mandatory = $true)][string] $Destination)
    # A repository registered only for this call, under a unique name, so no user setting is touched.
    $null = New-Item -Path $Destination -ItemType Directory -Force
    $repository = 'MDIConnectivityBuild-{0}' -f [guid]::NewGuid().ToString('N')
    Register-PSResourceRepository -Name $repository -Uri $Destination -Trusted
    try {
        Publish-PSResource -Path $StagedPath -Repository $repository
    }
    finally {
        Unregister-PSResourceRepository -Name $repository
    }
}

$root = $PSScriptRoot
if ($CertificateThumbprint) { $certificate = Get-SigningCertificate -Thumbprint $CertificateThumbprint }
if (-not (Get-Command -Name 'npm' -ErrorAction SilentlyContinue)) {
    throw 'npm was not found on PATH. Install Node.js 22 or later (it includes npm) and run ./build.ps1 again.'
}
if (-not $SkipPackage -and -not (Get-Command -Name 'Publish-PSResource' -ErrorAction SilentlyContinue)) {
    throw 'Publish-PSResource was not found: packaging needs Microsoft.PowerShell.PSResourceGet (it ships with PowerShell 7.4 and later; Install-Module Microsoft.PowerShell.PSResourceGet on Windows PowerShell).'
}

Push-Location -LiteralPath $root
try {
    if (-not $SkipInstall) { $null = Invoke-Npm -Arguments @('ci') }
    if (-not $SkipBuild) { $null = Invoke-Npm -Arguments @('run', 'build') }
    $OutputPath = [System.IO.Path]::GetFullPath($OutputPath)
    $packages = Join-Path -Path $OutputPath -ChildPath 'packages'

    foreach ($name in $Platform) {
        $staged = @(Invoke-Npm -Arguments @('run', '--silent', 'stage', '--', '--runtime', $name, '--dest', (Join-Path -Path $OutputPath -ChildPath $name)))[-1]
        if ($CertificateThumbprint) { Invoke-StagedModuleSigning -Path $staged -Certificate $certificate }
        # Again after signing, and as the last word before anything is packaged.
        $null = Invoke-Npm -Arguments @('run', '--silent', 'stage:check', '--', $staged, '--runtime', $name)
        $manifest = Test-ModuleManifest -Path (Join-Path -Path $staged -ChildPath "$moduleName.psd1")
        Write-Host ('Staged {0} {1} for {2}: {3}' -f $manifest.Name, $manifest.Version, $name, $staged)
        if ($SkipPackage) { continue }

        $nupkgFolder = Join-Path -Path $packages -ChildPath $name
        $nupkg = Join-Path -Path $nupkgFolder -ChildPath ('{0}.{1}.nupkg' -f $moduleName, $manifest.Version)
        Remove-Item -LiteralPath $nupkg -Force -ErrorAction SilentlyContinue
        New-ModulePackage -StagedPath $staged -Destination $nupkgFolder
        $zip = Join-Path -Path $packages -ChildPath ('{0}-{1}-{2}.zip' -f $moduleName, $manifest.Version, $name)
        Remove-Item -LiteralPath $zip -Force -ErrorAction SilentlyContinue
        # The zip holds MDIConnectivity/<version>/, ready to expand into a Modules folder.
        Compress-Archive -Path (Split-Path -Path $staged -Parent) -DestinationPath $zip
        foreach ($file in @($nupkg, $zip)) {
            Write-Host ('  package {0} ({1:N1} MB, 1 MB = 10^6 bytes)' -f $file, ((Get-Item -LiteralPath $file).Length / 1000000))
        }
    }
}
finally {
    Pop-Location
}
