function Get-MDIRootStoreInput {
    <#
    .SYNOPSIS
    Builds the RootStoreInput part of a request (src/contract/catalog-types.ts): which root store the root report reads.
    .DESCRIPTION
    -RootStorePath given: rootStorePem holds the PEM bundle's text (read here, resolved against the
    PowerShell location, because the engine runs in the module folder) and rootStoreLabel its full
    path; a missing file is the MDI_FILE_NOT_FOUND ErrorRecord, returned. An explicit bundle wins, even on Windows.
    Otherwise, on Windows: rootStoreThumbprints holds the SHA-1 thumbprints of the local machine's
    trusted roots (Cert:\LocalMachine\Root, plus LocalMachine\AuthRoot, where automatic root updates
    put the third-party roots; the chain engine trusts both).
    Otherwise, or when the store cannot be opened: $null, and the engine reads the store of the
    machine it runs on. Returns a hashtable whose keys are RootStoreInput fields.
    #>
    [CmdletBinding()]
    [OutputType([hashtable])]
    param(
        [string] $RootStorePath
    )

    if (-not [string]::IsNullOrEmpty($RootStorePath)) {
        $file = @(Resolve-MDIFilePath -Path $RootStorePath -Purpose 'the PEM CA bundle (for example /etc/ssl/certs/ca-certificates.crt)')[0]
        if ($file -is [System.Management.Automation.ErrorRecord]) { return $file }
        Write-Verbose ('Reading the trusted roots from the bundle {0}' -f $file)
        return @{
            rootStorePem   = [System.IO.File]::ReadAllText($file)
            rootStoreLabel = $file
        }
    }
    if ([System.Environment]::OSVersion.Platform -ne 'Win32NT') { return $null }

    $thumbprints = New-Object -TypeName System.Collections.Generic.List[string]
    foreach ($name in @('Root', 'AuthRoot')) {
        $store = $null
        try {
            $store = [System.Security.Cryptography.X509Certificates.X509Store]::new($name, [System.Security.Cryptography.X509Certificates.StoreLocation]::LocalMachine)
            $flags = [System.Security.Cryptography.X509Certificates.OpenFlags]::ReadOnly -bor [System.Security.Cryptography.X509Certificates.OpenFlags]::OpenExistingOnly
            $store.Open($flags)
            foreach ($certificate in $store.Certificates) {
                if (-not $thumbprints.Contains($certificate.Thumbprint)) { $thumbprints.Add($certificate.Thumbprint) }
            }
        }
        catch {
            if ($name -eq 'Root') {
                Write-Verbose ('Cannot read Cert:\LocalMachine\Root ({0}); the engine reads the store itself.' -f $_.Exception.Message)
                return $null
            }
            Write-Verbose ('Cannot read Cert:\LocalMachine\{0} ({1}).' -f $name, $_.Exception.Message)
        }
        finally {
            if ($null -ne $store) { $store.Close() }
        }
    }
    Write-Verbose ('Read {0} trusted root thumbprints from Cert:\LocalMachine\Root and AuthRoot' -f $thumbprints.Count)
    @{ rootStoreThumbprints = [string[]]$thumbprints.ToArray() }
}
