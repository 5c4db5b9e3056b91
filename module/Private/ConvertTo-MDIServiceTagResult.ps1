function ConvertTo-MDIServiceTagResult {
    <#
    .SYNOPSIS
    Turns the engine's service-tags answer into one MDIConnectivity.ServiceTagResult object.
    .DESCRIPTION
    Properties are rebuilt from strings, numbers, booleans, string arrays and [pscustomobject]s only,
    so the result survives Invoke-Command (remoting serialization). Hosts hold Addresses, two levels
    below the result: the serialization depth of the result type is registered for the session
    (Update-TypeData) unless a types file already gives one. FileDate becomes a UTC [datetime]
    whether ConvertFrom-Json left it a string (5.1) or made it a date (7). Missing, Stale and Broader
    are empty and Covered is $null when no firewall list was compared.
    #>
    [CmdletBinding()]
    [OutputType('MDIConnectivity.ServiceTagResult')]
    param(
        [Parameter(Mandatory = $true)]
        [psobject] $Response
    )

    $typeName = 'MDIConnectivity.ServiceTagResult'
    try {
        if ($null -eq (Get-TypeData -TypeName $typeName)) { Update-TypeData -TypeName $typeName -SerializationDepth 4 -ErrorAction Stop }
    }
    catch {
        Write-Verbose ('Could not set the serialization depth of {0}: {1}' -f $typeName, $_.Exception.Message)
    }

    $tags = @(foreach ($tag in @(Get-MDIPropertyValue $Response 'tags')) {
            $change = (ConvertTo-MDIPropertyTable $tag)['changeNumber']
            if ($null -ne $change) { $change = [long]$change }
            [pscustomobject]@{
                PSTypeName   = 'MDIConnectivity.ServiceTagSummary'
                Name         = [string](Get-MDIPropertyValue $tag 'name')
                ChangeNumber = $change
                IPv4Prefixes = [int](Get-MDIPropertyValue $tag 'ipv4Prefixes')
                IPv6Prefixes = [int](Get-MDIPropertyValue $tag 'ipv6Prefixes')
            }
        })

    $hosts = @(foreach ($entry in @(Get-MDIPropertyValue $Response 'hosts')) {
            $addresses = @(foreach ($address in @(Get-MDIPropertyValue $entry 'addresses')) {
                    [pscustomobject]@{
                        PSTypeName = 'MDIConnectivity.ServiceTagAddress'
                        Address    = [string](Get-MDIPropertyValue $address 'address')
                        Family     = [string](Get-MDIPropertyValue $address 'family')
                        InTag      = [bool](Get-MDIPropertyValue $address 'inTag')
                        Prefix     = (ConvertTo-MDIPropertyTable $address)['prefix']
                        Tag        = (ConvertTo-MDIPropertyTable $address)['tag']
                    }
                })
            $outside = @(foreach ($address in $addresses) { if (-not $address.InTag) { $address.Address } })
            [pscustomobject]@{
                PSTypeName = 'MDIConnectivity.ServiceTagHost'
                HostName   = [string](Get-MDIPropertyValue $entry 'host')
                Passed     = [bool](Get-MDIPropertyValue $entry 'passed')
                Addresses  = $addresses
                OutsideTag = [string[]]$outside
                Error      = (ConvertTo-MDIPropertyTable $entry)['error']
            }
        })

    $firewall = Get-MDIPropertyValue $Response 'firewall'
    $covered = $null
    if ($null -ne $firewall) { $covered = [int](Get-MDIPropertyValue $firewall 'covered') }

    # A real $null when absent (see ConvertTo-MDIPropertyTable): "nothing" would serialize as {}.
    $fileDate = (ConvertTo-MDIPropertyTable $Response)['fileDate']
    if ($fileDate -is [datetime]) { $fileDate = [datetime]::SpecifyKind($fileDate.Date, [System.DateTimeKind]::Utc) }
    elseif ($null -ne $fileDate) {
        $parsed = [datetime]::MinValue
        $styles = [System.Globalization.DateTimeStyles]::AssumeUniversal -bor [System.Globalization.DateTimeStyles]::AdjustToUniversal
        if ([datetime]::TryParseExact([string]$fileDate, 'yyyy-MM-dd', [System.Globalization.CultureInfo]::InvariantCulture, $styles, [ref]$parsed)) { $fileDate = $parsed }
        else { $fileDate = $null }
    }

    [pscustomobject]@{
        PSTypeName   = 'MDIConnectivity.ServiceTagResult'
        Passed       = [bool](Get-MDIPropertyValue $Response 'passed')
        Service      = [string](Get-MDIPropertyValue $Response 'service')
        Cloud        = [string](Get-MDIPropertyValue $Response 'cloud')
        ChangeNumber = [long](Get-MDIPropertyValue $Response 'changeNumber')
        FileDate     = $fileDate
        Tags         = $tags
        Hosts        = $hosts
        Covered      = $covered
        Missing      = [string[]]@(Get-MDIPropertyValue $firewall 'missing')
        Stale        = [string[]]@(Get-MDIPropertyValue $firewall 'stale')
        Broader      = [string[]]@(Get-MDIPropertyValue $firewall 'broader')
        Notes        = [string[]]@(Get-MDIPropertyValue $Response 'notes')
    }
}
