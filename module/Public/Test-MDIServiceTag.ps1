function Test-MDIServiceTag {
    <#
    .SYNOPSIS
    Checks that the service's hosts resolve inside its Azure service tag, and compares a firewall's allowed list with the tag.

    .DESCRIPTION
    Firewalls that cannot filter by name allow the Azure service tag instead: AzureAdvancedThreatProtection
    for Defender for Identity, MicrosoftDefenderForEndpoint and OneDsCollector for Defender for Endpoint.
    Microsoft publishes the tags every week in ServiceTags_Public_<date>.json (also _AzureGovernment_ and
    _China_) on the Microsoft Download Center. Test-MDIServiceTag reads such a file and:
    - resolves the service's hosts from this machine (at most 8 at once, all within -TimeoutSec) and checks
      that every address, IPv4 and IPv6, lies in a prefix of the tag. For Defender for Identity that is the
      workspace's sensor API host (-WorkspaceName): the certificate hosts are served by CDNs outside the
      tag. For Defender for Endpoint it is the data location's service hosts (-Region), without the
      certificate, sign-in and blob storage hosts, which belong to other tags;
    - with a firewall list (-FirewallRange, the pipeline or -FirewallRangePath), lists the tag prefixes the
      list misses (Missing), the entries that overlap no tag prefix (Stale, e.g. left from an older file)
      and the entries wider than the tag prefixes they hold (Broader). A prefix filled by several smaller
      entries counts as covered.
    Passed is $true only when something was checked, every host is inside the tag and nothing is missing
    or stale. The file's change number, its cloud and the date in its name are reported.

    Files are read here and sent to the bundled Node.js engine (22.15 or later) on its standard input.

    .PARAMETER Path
    The service tags file, ServiceTags_Public_<yyyyMMdd>.json (or _AzureGovernment_, _China_) as
    downloaded from the Microsoft Download Center. The date in the name becomes FileDate.

    .PARAMETER Service
    MDI (Defender for Identity, tag AzureAdvancedThreatProtection; the default) or MDE (Defender for
    Endpoint, tags MicrosoftDefenderForEndpoint and OneDsCollector).

    .PARAMETER WorkspaceName
    Defender for Identity workspace whose sensor API host (<workspace>sensorapi.atp.azure.com) is checked.

    .PARAMETER Cloud
    Defender for Identity cloud of the workspace: Commercial (default), GCC, GCCHigh or DoD. GCC High and
    DoD addresses are in the AzureGovernment file.

    .PARAMETER Region
    Defender for Endpoint data location whose hosts are checked: US, EU, UK, AU, UAE, GCC, GCCHigh or DoD.
    Required with -Service MDE unless -HostName is given.

    .PARAMETER Streamlined
    Defender for Endpoint streamlined connectivity (*.endpoint.security.microsoft.com), the hosts the static
    IP ranges are published for.

    .PARAMETER HostName
    Host names (or URLs) to check instead of the catalog's hosts.

    .PARAMETER FirewallRange
    Entries of the firewall's allowed list: CIDR prefixes (20.36.120.112/29, 2603:1000:4::140/123) or single
    addresses. Binds from the pipeline, as strings or objects with an AddressPrefix, AddressPrefixes or
    Cidr property. A line may hold several entries; text after # is a comment.

    .PARAMETER FirewallRangePath
    A text file with the firewall's allowed list, one entry (or several, separated by spaces, commas or
    semicolons) per line; # starts a comment, blank lines are skipped. Errors name the line.

    .PARAMETER Resolve
    Pins names to addresses like curl's --resolve: host:port:address[,address...] (port 443, or * for any).

    .PARAMETER TimeoutSec
    Seconds all name resolutions together may take (1 to 300, default 10).

    .EXAMPLE
    Test-MDIServiceTag -Path .\ServiceTags_Public_20261116.json -WorkspaceName contoso-corp

    Resolves contoso-corpsensorapi.atp.azure.com on this domain controller and checks that every address
    is in AzureAdvancedThreatProtection.

    .EXAMPLE
    Get-Content .\edge-allowlist.txt | Test-MDIServiceTag -Path .\ServiceTags_Public_20261116.json | Select-Object Passed, Covered, Missing, Stale, Broader

    Compares the firewall's allowed list with the tag: what to add (Missing), what to remove (Stale) and
    what is wider than needed (Broader).

    .EXAMPLE
    Test-MDIServiceTag -Path .\ServiceTags_AzureGovernment_20261116.json -Cloud GCCHigh -WorkspaceName contoso-corp -FirewallRangePath .\allowlist.txt

    GCC High: the sensor API host and the firewall list against the government file.

    .EXAMPLE
    Test-MDIServiceTag -Path .\ServiceTags_Public_20261116.json -Service MDE -Region EU -Streamlined -Verbose

    Defender for Endpoint, EU data location, streamlined hosts; -Verbose shows each address and its prefix.

    .EXAMPLE
    Invoke-Command -ComputerName (Get-ADDomainController -Filter *).HostName -ScriptBlock {
        Test-MDIServiceTag -Path C:\Temp\ServiceTags_Public_20261116.json -WorkspaceName contoso-corp
    } | Format-Table PSComputerName, Passed, @{ n = 'Outside'; e = { $_.Hosts.OutsideTag } }

    Checks the name resolution of every domain controller (the module and the file on each).

    .INPUTS
    System.String. Firewall ranges (CIDR prefixes or addresses); objects with a FirewallRange,
    AddressPrefix, AddressPrefixes or Cidr property bind by property name.

    .OUTPUTS
    MDIConnectivity.ServiceTagResult
    Passed, Service, Cloud (the file's), ChangeNumber, FileDate, Tags (Name, ChangeNumber, IPv4Prefixes,
    IPv6Prefixes), Hosts (HostName, Passed, Addresses with Address, Family, InTag, Prefix and Tag,
    OutsideTag, Error), Covered ($null without a firewall list), Missing, Stale, Broader, Notes.

    .NOTES
    Errors carry stable ids: MDI_FILE_NOT_FOUND, MDI_SERVICE_TAGS_INVALID (the file is not a service tags
    file; the message names the JSON path, e.g. values[3].properties.addressPrefixes[2]),
    MDI_FIREWALL_RANGE_INVALID (names the entry and its line), MDI_INVALID_ARGUMENT, MDI_NODE_NOT_FOUND,
    MDI_ENGINE_FAILED. New ranges are not used for at least a week after a file is published: add missing
    prefixes when they appear.

    .LINK
    Test-MDIConnectivity

    .LINK
    https://www.microsoft.com/download/details.aspx?id=56519
    #>
    [CmdletBinding()]
    [OutputType('MDIConnectivity.ServiceTagResult')]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string] $Path,

        [ValidateSet('MDI', 'MDE')]
        [string] $Service = 'MDI',

        [ValidateNotNullOrEmpty()]
        [string] $WorkspaceName,

        [ValidateSet('Commercial', 'GCC', 'GCCHigh', 'DoD')]
        [string] $Cloud,

        [ValidateSet('US', 'EU', 'UK', 'AU', 'UAE', 'GCC', 'GCCHigh', 'DoD')]
        [string] $Region,

        [switch] $Streamlined,

        [ValidateNotNullOrEmpty()]
        [string[]] $HostName,

        [Parameter(ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [Alias('AddressPrefix', 'AddressPrefixes', 'Cidr')]
        [AllowEmptyString()]
        [AllowEmptyCollection()]
        [string[]] $FirewallRange,

        [ValidateNotNullOrEmpty()]
        [string] $FirewallRangePath,

        [ValidateNotNullOrEmpty()]
        [string[]] $Resolve,

        [ValidateRange(1, 300)]
        [int] $TimeoutSec = 10
    )

    begin {
        # Pipeline input is collected, and the engine runs once for all of it.
        $ranges = New-Object -TypeName System.Collections.Generic.List[string]
        $rangeGiven = $false
    }

    process {
        foreach ($range in @($FirewallRange)) {
            if ($null -eq $range) { continue }
            $ranges.Add([string]$range)
            $rangeGiven = $true
        }
    }

    end {
        $activity = 'Checking Azure service tags'
        # Files first, outside the try: a missing one is the one ErrorRecord the user sees.
        $file = @(Resolve-MDIFilePath -Path $Path -Purpose 'the service tags file (ServiceTags_Public_<date>.json from the Microsoft Download Center)')[0]
        if ($file -is [System.Management.Automation.ErrorRecord]) { $PSCmdlet.ThrowTerminatingError($file) }
        $listFile = $null
        if ($FirewallRangePath) {
            $listFile = @(Resolve-MDIFilePath -Path $FirewallRangePath -Purpose 'the firewall list (one CIDR prefix or address per line)')[0]
            if ($listFile -is [System.Management.Automation.ErrorRecord]) { $PSCmdlet.ThrowTerminatingError($listFile) }
        }
        try {
            Write-Verbose ('Reading the service tags file {0}' -f $file)
            $request = @{
                schemaVersion       = $script:MDIExpectedSchemaVersion
                command             = 'service-tags'
                serviceTagsJson     = [System.IO.File]::ReadAllText($file)
                serviceTagsFileName = [System.IO.Path]::GetFileName($file)
                service             = $Service
                timeoutSec          = $TimeoutSec
            }
            if ($WorkspaceName) { $request['workspace'] = $WorkspaceName }
            if ($Cloud) { $request['cloud'] = $Cloud }
            if ($Region) { $request['region'] = $Region }
            if ($Streamlined) { $request['streamlined'] = $true }
            if ($HostName) { $request['hosts'] = [string[]]$HostName }
            if ($Resolve) { $request['resolve'] = [string[]]$Resolve }

            # The file's lines first, as they are: the engine skips comments and names line numbers in errors.
            $lines = New-Object -TypeName System.Collections.Generic.List[string]
            if ($listFile) {
                Write-Verbose ('Reading the firewall list {0}' -f $listFile)
                $lines.AddRange([string[]][System.IO.File]::ReadAllLines($listFile))
            }
            $lines.AddRange($ranges)
            if ($FirewallRangePath -or $rangeGiven) { $request['firewallRanges'] = $lines.ToArray() }

            Write-Progress -Activity $activity -Status 'Resolving the hosts and reading the tags'
            $engine = Invoke-MDIEngine -Request $request -Caller $PSCmdlet -ProgressActivity $activity
        }
        catch {
            $PSCmdlet.ThrowTerminatingError((New-MDIErrorRecord -FromErrorRecord $_))
        }
        finally {
            Write-Progress -Activity $activity -Completed
        }

        $response = $engine.Response
        if ($null -eq $response -or $null -ne (Get-MDIPropertyValue $response 'error')) { return }
        foreach ($note in @(Get-MDIPropertyValue $response 'notes')) { Write-Verbose $note }
        ConvertTo-MDIServiceTagResult -Response $response
    }
}
