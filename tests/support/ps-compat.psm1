# Windows PowerShell 5.1 compatibility, read from the real PowerShell parser's AST (a test-only module run in pwsh 7, whose
# parser knows the 7-only syntax and so can name it). Used by tests/pwsh/compat-syntax.test.ts, which
# also feeds it a small sample of every rule so that each rule is seen to fire.
Set-StrictMode -Version 3

# Parameters of built-in cmdlets that Windows PowerShell 5.1 does not have (checked against the 5.1 docs).
# Abbreviations are resolved against the cmdlet's real parameter set in this pwsh, as PowerShell would.
$script:SevenOnlyParameters = @{
    'ConvertFrom-Json'        = @('AsHashtable', 'Depth', 'NoEnumerate', 'DateKind')
    'ConvertTo-Json'          = @('AsArray', 'EscapeHandling', 'EnumsAsStrings')
    'ConvertFrom-SecureString' = @('AsPlainText')
    'Get-Content'             = @('AsByteStream')
    'Set-Content'             = @('AsByteStream')
    'Add-Content'             = @('AsByteStream')
    'Join-Path'               = @('AdditionalChildPath', 'Extension')
    'Split-Path'              = @('LeafBase', 'Extension')
    'ForEach-Object'          = @('Parallel', 'ThrottleLimit', 'TimeoutSeconds', 'AsJob', 'UseNewRunspace')
    'Sort-Object'             = @('Top', 'Bottom', 'Stable')
    'Select-String'           = @('Raw', 'NoEmphasis', 'Culture')
    'Out-String'              = @('NoNewline')
    'Get-Date'                = @('AsUTC', 'UnixTimeSeconds')
    'Start-Process'           = @('Environment')
    'Get-ChildItem'           = @('FollowSymlink')
    'Test-Connection'         = @('TargetName', 'TcpPort', 'Ping', 'Traceroute', 'MtuSize', 'Repeat', 'IPv4', 'IPv6', 'ResolveDestination', 'DetailedOutput')
    'Invoke-WebRequest'       = @('SkipCertificateCheck', 'SslProtocol', 'Authentication', 'Token', 'SkipHeaderValidation', 'ResponseHeadersVariable', 'StatusCodeVariable', 'Resume', 'NoProxy', 'HttpVersion', 'Form', 'MaximumRetryCount', 'RetryIntervalSec', 'SkipHttpErrorCheck', 'PreserveAuthorizationOnRedirect', 'AllowInsecureRedirect', 'ConnectionTimeoutSeconds', 'OperationTimeoutSeconds')
    'Invoke-RestMethod'       = @('SkipCertificateCheck', 'SslProtocol', 'Authentication', 'Token', 'SkipHeaderValidation', 'ResponseHeadersVariable', 'StatusCodeVariable', 'Resume', 'NoProxy', 'HttpVersion', 'Form', 'FollowRelLink', 'MaximumFollowRelLink', 'MaximumRetryCount', 'RetryIntervalSec', 'SkipHttpErrorCheck', 'PreserveAuthorizationOnRedirect', 'AllowInsecureRedirect', 'ConnectionTimeoutSeconds', 'OperationTimeoutSeconds')
}

# Commands that do not exist in a default Windows PowerShell 5.1.
$script:SevenOnlyCommands = @('Get-Error', 'Test-Json', 'Remove-Alias', 'Remove-Service', 'Start-ThreadJob', 'Get-Uptime', 'Join-String',
    'ConvertFrom-Markdown', 'Show-Markdown', 'Get-MarkdownOption', 'Set-MarkdownOption', 'Get-PSSubsystem', 'Clear-RecycleBin', 'ConvertTo-CliXml', 'ConvertFrom-CliXml')

# -Encoding values 5.1's file cmdlets do not accept.
$script:SevenOnlyEncodings = @('utf8BOM', 'utf8NoBOM', 'ansi', 'latin1')

# Automatic variables that are absent (so silently $null) in 5.1.
$script:SevenOnlyVariables = @('IsWindows', 'IsLinux', 'IsMacOS', 'IsCoreCLR', 'PSStyle', 'PSNativeCommandArgumentPassing', 'PSNativeCommandUseErrorActionPreference', 'EnabledExperimentalFeatures')

# .NET members of .NET Core / .NET 5+ that .NET Framework 4.x (under 5.1) lacks.
$script:SevenOnlyStaticMembers = @{
    'System.IO.Path'    = @('GetRelativePath', 'Join', 'TrimEndingDirectorySeparator', 'EndsInDirectorySeparator', 'IsPathFullyQualified', 'Exists')
    'System.Convert'    = @('ToHexString', 'FromHexString', 'ToHexStringLower')
    'System.OperatingSystem' = @('IsWindows', 'IsLinux', 'IsMacOS')
    'System.Text.Encoding' = @('Latin1')
    'System.IO.File'    = @('ReadAllTextAsync', 'ReadAllBytesAsync', 'WriteAllTextAsync', 'WriteAllBytesAsync', 'ReadAllLinesAsync')
    'System.Security.Cryptography.X509Certificates.X509Certificate2' = @('CreateFromPem', 'CreateFromPemFile', 'CreateFromEncryptedPem', 'CreateFromEncryptedPemFile')
    'System.Security.Cryptography.RandomNumberGenerator' = @('Fill', 'GetInt32', 'GetBytes', 'GetHexString', 'GetString')
    'System.Security.Cryptography.SHA256' = @('HashData')
    'System.Security.Cryptography.SHA1' = @('HashData')
    'System.Security.Cryptography.MD5' = @('HashData')
}
$script:SevenOnlyInstanceMembers = @{
    'StandardInputEncoding' = 'ProcessStartInfo.StandardInputEncoding is .NET Core only'
    'ArgumentList'          = 'ProcessStartInfo.ArgumentList is .NET Core only'
    'ExportCertificatePem'  = 'X509Certificate2.ExportCertificatePem is .NET 5+ only'
    'WaitForExitAsync'      = 'Process.WaitForExitAsync is .NET 5+ only'
}

# Get-Command on an unknown name searches every module path (slow): only aliases are resolved, once.
$script:AliasTargets = @{}
foreach ($alias in Get-Alias) { $script:AliasTargets[$alias.Name] = $alias.ResolvedCommandName }
$script:ParameterInfo = @{}

function Resolve-CompatCommandName {
    param([string] $Name)
    if ($script:AliasTargets.ContainsKey($Name)) { return $script:AliasTargets[$Name] }
    $Name
}

function Resolve-CompatParameterName {
    # The full name PowerShell would bind an abbreviated -Name to, or the name as written.
    param([string] $Command, [string] $Name)
    if (-not $script:ParameterInfo.ContainsKey($Command)) {
        $script:ParameterInfo[$Command] = @((Get-Command -Name $Command -CommandType Cmdlet, Function -ErrorAction SilentlyContinue | Select-Object -First 1).Parameters.Values)
    }
    $parameters = $script:ParameterInfo[$Command]
    $exact = @($parameters | Where-Object { $_.Name -eq $Name -or $_.Aliases -contains $Name })
    if ($exact.Count -gt 0) { return $exact[0].Name }
    $matching = @($parameters | Where-Object { $_.Name -like "$Name*" })
    if ($matching.Count -eq 1) { return $matching[0].Name }
    $Name
}

function Get-CompatFinding {
    <#
    .SYNOPSIS
    Everything in a PowerShell file or text that Windows PowerShell 5.1 cannot parse or run.
    #>
    param([string] $Path, [string] $Text)

    $tokens = $null
    $errors = $null
    if ($Path) { $ast = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref]$tokens, [ref]$errors) }
    else { $ast = [System.Management.Automation.Language.Parser]::ParseInput($Text, [ref]$tokens, [ref]$errors) }

    $found = New-Object -TypeName System.Collections.Generic.List[object]
    $add = {
        param($Node, [string] $Rule)
        $found.Add([pscustomobject]@{ Line = $Node.Extent.StartLineNumber; Rule = $Rule; Text = ($Node.Extent.Text -split "`n")[0].Trim() })
    }
    foreach ($parseError in @($errors)) {
        $found.Add([pscustomobject]@{ Line = $parseError.Extent.StartLineNumber; Rule = 'parse error: ' + $parseError.ErrorId; Text = $parseError.Message })
    }

    $nodes = $ast.FindAll({ $true }, $true)
    foreach ($node in $nodes) {
        $type = $node.GetType().Name
        switch ($type) {
            'TernaryExpressionAst' { & $add $node 'ternary a ? b : c' }
            'PipelineChainAst' { & $add $node 'pipeline chain && / ||' }
            'BinaryExpressionAst' {
                if ($node.Operator -eq 'QuestionQuestion') { & $add $node 'null-coalescing ??' }
                if (@('Ireplace', 'Creplace') -contains $node.Operator -and $node.Right -is [System.Management.Automation.Language.ArrayLiteralAst] -and
                    @($node.Right.Elements | Where-Object { $_ -is [System.Management.Automation.Language.ScriptBlockExpressionAst] }).Count -gt 0) {
                    & $add $node '-replace with a script block'
                }
            }
            'AssignmentStatementAst' { if ($node.Operator -eq 'QuestionQuestionEquals') { & $add $node 'null-coalescing assignment ??=' } }
            'PipelineAst' { if ($node.Background) { & $add $node 'background operator &' } }
            'ScriptBlockAst' { if ($null -ne $node.CleanBlock) { & $add $node 'clean block' } }
            'VariableExpressionAst' {
                $name = $node.VariablePath.UserPath
                if ($script:SevenOnlyVariables -contains $name) { & $add $node ('automatic variable ${0} (absent in 5.1)' -f $name) }
            }
            'CommandAst' {
                $name = $node.GetCommandName()
                if ($null -eq $name) { break }
                $command = Resolve-CompatCommandName -Name $name
                if ($script:SevenOnlyCommands -contains $command) { & $add $node ("command $command") }
                $parameters = @($node.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] })
                if ($script:SevenOnlyParameters.ContainsKey($command)) {
                    foreach ($parameter in $parameters) {
                        $full = Resolve-CompatParameterName -Command $command -Name $parameter.ParameterName
                        if ($script:SevenOnlyParameters[$command] -contains $full) { & $add $node ("$command -$full") }
                    }
                }
                if ($command -eq 'Join-Path') {
                    # 5.1 binds two positional paths (Path, ChildPath); a third is AdditionalChildPath.
                    $positional = 0
                    $elements = @($node.CommandElements)
                    for ($i = 1; $i -lt $elements.Count; $i++) {
                        if ($elements[$i] -is [System.Management.Automation.Language.CommandParameterAst]) {
                            if ($null -eq $elements[$i].Argument -and $elements[$i].ParameterName -notmatch '^(Resolve|Verbose|Debug)$') { $i++ }
                            continue
                        }
                        $positional++
                    }
                    if ($positional -gt 2) { & $add $node 'Join-Path with more than two paths' }
                }
                $encoding = @($parameters | Where-Object { 'Encoding' -like "$($_.ParameterName)*" -and $_.ParameterName.Length -ge 2 })
                foreach ($parameter in $encoding) {
                    $value = $parameter.Argument
                    if ($null -eq $value) {
                        $index = [array]::IndexOf(@($node.CommandElements), $parameter)
                        if ($index -ge 0 -and $index + 1 -lt $node.CommandElements.Count) { $value = $node.CommandElements[$index + 1] }
                    }
                    if ($null -ne $value) {
                        $text = $value.Extent.Text.Trim("'", '"')
                        if ($script:SevenOnlyEncodings -contains $text -or $text -match '^\d+$') { & $add $node ("-Encoding $text") }
                    }
                }
            }
            { $_ -in 'MemberExpressionAst', 'InvokeMemberExpressionAst' } {
                if ($node.NullConditional) { & $add $node 'null-conditional ?.' }
                $member = $node.Member.Extent.Text.Trim("'", '"')
                if ($node.Static -and $node.Expression -is [System.Management.Automation.Language.TypeExpressionAst]) {
                    $typeName = $node.Expression.TypeName.FullName
                    $resolved = $node.Expression.TypeName.GetReflectionType()
                    if ($null -ne $resolved) { $typeName = $resolved.FullName }
                    if ($script:SevenOnlyStaticMembers.ContainsKey($typeName) -and $script:SevenOnlyStaticMembers[$typeName] -contains $member) {
                        & $add $node ("[$typeName]::$member (.NET Core only)")
                    }
                    if ($typeName -eq 'System.IO.File' -and $member -eq 'Move' -and $type -eq 'InvokeMemberExpressionAst' -and $null -ne $node.Arguments -and $node.Arguments.Count -gt 2) {
                        & $add $node '[System.IO.File]::Move(a, b, overwrite) (.NET Core only)'
                    }
                }
                elseif (-not $node.Static) {
                    if ($script:SevenOnlyInstanceMembers.ContainsKey($member)) { & $add $node $script:SevenOnlyInstanceMembers[$member] }
                    if ($member -eq 'Kill' -and $type -eq 'InvokeMemberExpressionAst' -and $null -ne $node.Arguments -and $node.Arguments.Count -gt 0) { & $add $node 'Process.Kill(entireProcessTree) is .NET Core only' }
                }
            }
            'IndexExpressionAst' { if ($node.NullConditional) { & $add $node 'null-conditional ?[]' } }
        }
    }
    $found | Sort-Object -Property Line, Rule
}
Export-ModuleMember -Function Get-CompatFinding
