# The one contract version this module speaks (src/contract/types.ts SCHEMA_VERSION).
$script:MDIExpectedSchemaVersion = 4

function Invoke-MDIEngine {
    <#
    .SYNOPSIS
    The one seam between the module and the engine: one JSON request on stdin, one JSON document on stdout.
    .DESCRIPTION
    Runs "node <module>/engine/mdi-connectivity.mjs invoke". The proxy password (and a certificate
    password) is added to the request here, at the last moment, travels only on stdin and is dropped
    right after writing.
    It never goes on the command line, into the child's environment, or into any output stream.
    Stderr is the engine's progress channel and is read line by line while the engine runs:
      "VERBOSE: <text>"        -> Write-Verbose (and the progress bar's status)
      "WARNING: <text>"        -> Write-Warning
      "ERROR <CODE>: <message>" -> an ErrorRecord with id <CODE> (written after exit, when the
                                   exit code gives the category: 2 InvalidArgument, else NotSpecified)
      anything else            -> Write-Verbose, and quoted if the engine produced no result
    Returns [pscustomobject]@{ ExitCode; Response } where Response is the parsed document, or $null
    when the run failed: then the one ErrorRecord for that failure (the engine's, or MDI_NODE_NOT_FOUND,
    MDI_ENGINE_NOT_FOUND, MDI_ENGINE_TIMEOUT, MDI_ENGINE_FAILED, MDI_CONTRACT_MISMATCH) has already
    been written through -Caller. Nothing is thrown: each throw would add a record to the user's
    -ErrorVariable at every level it passes.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [hashtable] $Request,

        [AllowNull()]
        [System.Management.Automation.PSCredential] $ProxyCredential,

        # Password of a PFX or encrypted PEM key (-CertificatePassword): added like the proxy password.
        [AllowNull()]
        [System.Security.SecureString] $CertificatePassword,

        # Engine errors are written through the public command, so their id reads "<CODE>,<command>".
        [AllowNull()]
        [System.Management.Automation.PSCmdlet] $Caller,

        [string] $ProgressActivity,

        # Seconds the engine may run, start-up aside; default the request's timeoutSec. The engine bounds
        # each probe, not the whole run, so commands that probe many URLs give more.
        [ValidateRange(0, 86400)]
        [int] $TimeLimitSec
    )

    if ($null -eq $Caller) { $Caller = $PSCmdlet }
    # Everything secret in this request, for Hide-MDISecret.
    $secrets = @()
    if ($null -ne $ProxyCredential) { $secrets += $ProxyCredential }
    if ($null -ne $CertificatePassword) { $secrets += [System.Management.Automation.PSCredential]::new('certificate', $CertificatePassword) }
    # The one way out for a failed run: the record once, through the public command, and no response.
    $fail = {
        param([System.Management.Automation.ErrorRecord] $Record, [int] $ExitCode)
        $Caller.WriteError($Record)
        [pscustomobject]@{ ExitCode = $ExitCode; Response = $null }
    }
    $runtime = Find-MDINodeRuntime
    if ($runtime -is [System.Management.Automation.ErrorRecord]) { return (& $fail $runtime -1) }
    $timeoutSec = 10
    if ($Request.ContainsKey('timeoutSec') -and $null -ne $Request['timeoutSec']) { $timeoutSec = [int]$Request['timeoutSec'] }
    if ($TimeLimitSec -gt $timeoutSec) { $timeoutSec = $TimeLimitSec }
    # The engine bounds each network phase itself; the extra 30 s covers Node start-up and slow DCs.
    $limit = [TimeSpan]::FromSeconds($timeoutSec + 30)
    $utf8 = [System.Text.UTF8Encoding]::new($false)

    $startInfo = [System.Diagnostics.ProcessStartInfo]::new()
    $startInfo.FileName = $runtime.NodePath
    $startInfo.Arguments = '"{0}" invoke' -f $runtime.EnginePath
    $startInfo.WorkingDirectory = $script:MDIModuleRoot
    $startInfo.UseShellExecute = $false
    $startInfo.CreateNoWindow = $true
    $startInfo.RedirectStandardInput = $true
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    $startInfo.StandardOutputEncoding = $utf8
    $startInfo.StandardErrorEncoding = $utf8

    $process = $null
    $errorLines = New-Object -TypeName System.Collections.Generic.List[object]
    $otherLines = New-Object -TypeName System.Collections.Generic.List[string]
    $stdoutText = ''
    $exitCode = -1
    $failure = $null
    try {
        # Windows PowerShell's .NET writes Console.InputEncoding's preamble to a child's stdin at start;
        # with a UTF-8 console (set by many profiles) that is a BOM in front of the JSON.
        $savedInputEncoding = $null
        if ($PSVersionTable.PSEdition -ne 'Core') {
            try {
                if ([Console]::InputEncoding.GetPreamble().Length -gt 0) {
                    $savedInputEncoding = [Console]::InputEncoding
                    [Console]::InputEncoding = $utf8
                }
            }
            catch { $savedInputEncoding = $null }
        }
        try { $process = [System.Diagnostics.Process]::Start($startInfo) }
        finally {
            if ($null -ne $savedInputEncoding) {
                try { [Console]::InputEncoding = $savedInputEncoding } catch { Write-Verbose 'Could not restore the console input encoding.' }
            }
        }
        $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
        # Both pipes are being read before stdin is written, so neither side can block on a full buffer.
        $stdoutTask = $process.StandardOutput.ReadToEndAsync()
        $lineTask = $process.StandardError.ReadLineAsync()

        $payload = $Request.Clone()
        # Every request leaves through here: the engine then words its texts in PowerShell's names.
        $payload['frontEnd'] = 'PowerShell'
        # The engine narrates every phase (~50 lines for a check with the allowlist), and each line costs
        # a few cmdlet calls here: it narrates only when someone will see it, and then only what will show
        # is written (verbose lines when verbose output is on, progress at most every 100 ms).
        $showVerbose = @('SilentlyContinue', 'Ignore') -notcontains [string]$VerbosePreference
        $showProgress = $ProgressActivity -and @('SilentlyContinue', 'Ignore') -notcontains [string]$ProgressPreference
        $payload['narrate'] = [bool]($showVerbose -or $showProgress)
        $json = $null
        $bytes = $null
        $stdin = $process.StandardInput
        try {
            if ($null -ne $ProxyCredential -and -not [string]::IsNullOrEmpty($ProxyCredential.UserName)) {
                $payload['proxyPassword'] = [System.Net.NetworkCredential]::new('', $ProxyCredential.Password).Password
            }
            if ($null -ne $CertificatePassword) {
                $payload['certificatePassword'] = [System.Net.NetworkCredential]::new('', $CertificatePassword).Password
            }
            $json = ConvertTo-Json -InputObject $payload -Depth 10 -Compress
            $bytes = $utf8.GetBytes($json)
            # Through tasks, which keep a broken pipe's exception to themselves: a .NET throw, even caught
            # here, would add a record to the user's -ErrorVariable beside the one MDI_* record.
            $written = $stdin.BaseStream.WriteAsync($bytes, 0, $bytes.Length)
            $null = [System.Threading.Tasks.Task]::WaitAny([System.Threading.Tasks.Task[]]@($written))
            if ($written.IsFaulted) {
                # The engine quit before reading its input; its stderr and exit code below tell why.
                Write-Verbose 'The engine closed its input before reading the request.'
            }
            else { $null = [System.Threading.Tasks.Task]::WaitAny([System.Threading.Tasks.Task[]]@($stdin.BaseStream.FlushAsync())) }
        }
        finally {
            if ($null -ne $bytes) { [Array]::Clear($bytes, 0, $bytes.Length) }
            $payload.Remove('proxyPassword')
            $payload.Remove('certificatePassword')
            $payload = $null
            $json = $null
            $bytes = $null
            # Closing flushes, which throws on a broken pipe; DisposeAsync (not in Windows PowerShell's .NET) keeps it in its task.
            if ($null -ne $stdin.PSObject.Methods['DisposeAsync']) {
                $null = [System.Threading.Tasks.Task]::WaitAny([System.Threading.Tasks.Task[]]@($stdin.DisposeAsync().AsTask()))
            }
            else {
                try { $stdin.Close() } catch { Write-Verbose 'The engine input was already closed.' }
            }
        }

        $progressShownAt = [TimeSpan]::FromSeconds(-1)
        $timedOut = $false
        while ($null -ne $lineTask) {
            if ($lineTask.Wait(250)) {
                $line = $lineTask.Result
                if ($null -eq $line) { $lineTask = $null; break }
                $lineTask = $process.StandardError.ReadLineAsync()
                if ($secrets.Count -gt 0) { $line = Hide-MDISecret -Text $line -Credential $secrets }
                if ($line -match '^VERBOSE: ?(.*)$') {
                    $text = $Matches[1]
                    if ($text.Trim().Length -gt 0) {
                        if ($showVerbose) { Write-Verbose $text }
                        if ($showProgress -and ($stopwatch.Elapsed - $progressShownAt).TotalMilliseconds -ge 100) {
                            Write-Progress -Activity $ProgressActivity -Status $text
                            $progressShownAt = $stopwatch.Elapsed
                        }
                    }
                }
                elseif ($line -match '^WARNING: ?(.*)$') {
                    if ($Matches[1].Trim().Length -gt 0) { Write-Warning $Matches[1] }
                }
                elseif ($line -match '^ERROR ([A-Za-z0-9_.-]+): ?(.*)$') {
                    $errorLines.Add([pscustomobject]@{ Code = $Matches[1]; Message = $Matches[2] })
                }
                elseif ($line.Trim().Length -gt 0) {
                    $otherLines.Add($line)
                    if ($showVerbose) { Write-Verbose ('engine: {0}' -f $line) }
                }
            }
            if ($stopwatch.Elapsed -gt $limit) { $timedOut = $true; break }
        }
        if (-not $timedOut) {
            $remaining = $limit - $stopwatch.Elapsed
            if ($remaining -lt [TimeSpan]::Zero) { $remaining = [TimeSpan]::Zero }
            $timedOut = -not $process.WaitForExit([int]$remaining.TotalMilliseconds)
        }
        if ($timedOut) {
            try { $process.Kill() } catch { Write-Verbose ('Stopping the engine failed: {0}' -f $_.Exception.Message) }
            $message = 'The engine did not finish within {0} s ({1} s for the probes plus 30 s for start-up) and was stopped. Retry with -Verbose to see the last phase it reached.' -f [int]$limit.TotalSeconds, $timeoutSec
            $failure = New-MDIErrorRecord -ErrorId 'MDI_ENGINE_TIMEOUT' -Category OperationTimeout -Message $message
        }
        else {
            $process.WaitForExit()
            $exitCode = $process.ExitCode
            if ($stdoutTask.Wait(10000)) { $stdoutText = [string]$stdoutTask.Result }
        }
    }
    catch {
        $message = 'Running the engine ({0} {1}) failed: {2}' -f $runtime.NodePath, $runtime.EnginePath, (Hide-MDISecret -Text $_.Exception.Message -Credential $secrets)
        $failure = New-MDIErrorRecord -ErrorId 'MDI_ENGINE_FAILED' -Message $message -InnerException $_.Exception
    }
    finally {
        # Also reached when the pipeline is stopped (Ctrl+C, PowerShell.Stop()): the engine must not outlive
        # the command and keep probing until its own timeout. Only .NET calls here: a stopping pipeline
        # refuses writes to its streams.
        if ($null -ne $process) {
            try { if (-not $process.HasExited) { $process.Kill() } } catch [System.InvalidOperationException] { $null = $_ }
            $process.Dispose()
        }
    }
    if ($null -ne $failure) { return (& $fail $failure $exitCode) }
    Write-Verbose ('Engine exited with code {0}.' -f $exitCode)

    $category = [System.Management.Automation.ErrorCategory]::NotSpecified
    if ($exitCode -eq 2) { $category = [System.Management.Automation.ErrorCategory]::InvalidArgument }
    $emitted = @{}
    foreach ($entry in $errorLines) {
        $emitted[$entry.Code] = $true
        $Caller.WriteError((New-MDIErrorRecord -ErrorId $entry.Code -Category $category -Message $entry.Message))
    }

    $response = $null
    $stdoutText = Hide-MDISecret -Text $stdoutText.Trim() -Credential $secrets
    if ($stdoutText.Length -gt 0) {
        try { $response = ConvertFrom-Json -InputObject $stdoutText } catch { $response = $null }
    }
    if ($null -eq $response) {
        if ($errorLines.Count -gt 0) { return [pscustomobject]@{ ExitCode = $exitCode; Response = $null } }
        $details = New-Object -TypeName System.Collections.Generic.List[string]
        $details.Add(('The engine exited with code {0} without a readable result document.' -f $exitCode))
        if ($stdoutText.Length -gt 0) { $details.Add(('Its output began: {0}' -f $stdoutText.Substring(0, [Math]::Min(300, $stdoutText.Length)))) }
        if ($otherLines.Count -gt 0) {
            $details.Add('Its last error output:')
            foreach ($other in @($otherLines | Select-Object -Last 10)) { $details.Add('  ' + $other) }
        }
        $details.Add('Run ./build.ps1 again, or reinstall the module, if the engine bundle may be damaged.')
        return (& $fail (New-MDIErrorRecord -ErrorId 'MDI_ENGINE_FAILED' -Message ($details -join [Environment]::NewLine)) $exitCode)
    }

    $version = Get-MDIPropertyValue $response 'schemaVersion'
    if ([string]$version -ne [string]$script:MDIExpectedSchemaVersion) {
        $message = "The engine answered with schemaVersion '{0}' but this module understands {1}: the module and its engine come from different builds. Run ./build.ps1 (or reinstall the module) so they match." -f $version, $script:MDIExpectedSchemaVersion
        return (& $fail (New-MDIErrorRecord -ErrorId 'MDI_CONTRACT_MISMATCH' -Category InvalidData -Message $message) $exitCode)
    }

    $errorDocument = Get-MDIPropertyValue $response 'error'
    if ($null -ne $errorDocument) {
        $code = [string](Get-MDIPropertyValue $errorDocument 'code')
        if ([string]::IsNullOrEmpty($code)) { $code = 'MDI_ENGINE_ERROR' }
        if (-not $emitted.ContainsKey($code)) {
            $text = Hide-MDISecret -Text ([string](Get-MDIPropertyValue $errorDocument 'message')) -Credential $secrets
            $Caller.WriteError((New-MDIErrorRecord -ErrorId $code -Category $category -Message $text))
        }
    }
    [pscustomobject]@{ ExitCode = $exitCode; Response = $response }
}
