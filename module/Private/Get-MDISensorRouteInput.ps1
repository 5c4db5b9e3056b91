function Get-MDISensorRouteInput {
    <#
    .SYNOPSIS
    Prepares what the engine needs to use the classic sensor's own proxy configuration: the file, and how to open the stored password.
    .DESCRIPTION
    Finds SensorConfiguration.json (Resolve-MDISensorConfigurationPath: -SensorConfigurationPath, else
    the AATPSensor service's folder on Windows; with -Optional a missing one returns $null). Then:
    - with -CertificatePath, the engine opens the stored password with that PEM/PFX (its password goes
      through Invoke-MDIEngine as -CertificatePassword);
    - else on Windows (unless -SkipDecrypt) the engine reads the file (sensor-config get) and, when the
      proxy has a user and a stored password, Unprotect-MDIStoredPassword opens it with the machine key
      and the result is a PSCredential for Invoke-MDIEngine, the only way it reaches the engine.
    Returns [pscustomobject]@{ Path; CertificatePath; Credential; Failed }: Failed means the engine
    reported an error, already written through -Caller.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Management.Automation.PSCmdlet] $Caller,

        [string] $SensorConfigurationPath,

        [string] $CertificatePath,

        [switch] $Optional,

        [switch] $SkipDecrypt
    )

    $location = Resolve-MDISensorConfigurationPath -Path $SensorConfigurationPath -Optional:$Optional
    # A missing file is returned, not thrown, so the user sees one record (see Resolve-MDIFilePath).
    if ($location -is [System.Management.Automation.ErrorRecord]) { return $location }
    if ($null -eq $location) {
        Write-Verbose 'No sensor configuration here (no AATPSensor service and no -SensorConfigurationPath).'
        return $null
    }
    $route = [pscustomobject]@{ Path = $location.Path; CertificatePath = $null; Credential = $null; Failed = $false }
    if (-not [string]::IsNullOrEmpty($CertificatePath)) {
        $route.CertificatePath = @(Resolve-MDIFilePath -Path $CertificatePath -Purpose 'the sensor certificate file (PFX, or PEM with its private key)')[0]
        if ($route.CertificatePath -is [System.Management.Automation.ErrorRecord]) { return $route.CertificatePath }
        return $route
    }
    if ($SkipDecrypt -or -not (Test-MDIWindows)) { return $route }

    $request = New-MDISensorConfigRequest -Action get -SensorConfigurationPath $location.Path
    $engine = Invoke-MDIEngine -Request $request -Caller $Caller
    if ($null -eq $engine.Response -or $null -ne (Get-MDIPropertyValue $engine.Response 'error')) {
        $route.Failed = $true
        return $route
    }
    $proxy = Get-MDIPropertyValue $engine.Response 'proxy'
    $user = [string](Get-MDIPropertyValue $proxy 'userName')
    $stored = [string](Get-MDIPropertyValue $proxy 'encryptedUserPasswordData')
    if ($user.Length -gt 0 -and $stored.Length -gt 0) {
        Write-Verbose ('The sensor authenticates to its proxy as {0}: opening the stored secret with the machine key of the sensor certificate.' -f $user)
        $route.Credential = Unprotect-MDIStoredPassword -UserName $user -EncryptedData $stored `
            -Thumbprint ([string](Get-MDIPropertyValue $proxy 'certificateThumbprint')) `
            -FallbackThumbprint ([string](Get-MDIPropertyValue $engine.Response 'secretManagerCertificateThumbprint'))
        if ($route.Credential -is [System.Management.Automation.ErrorRecord]) { return $route.Credential }
    }
    $route
}
