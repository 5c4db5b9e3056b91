function Invoke-MDIFleetRun {
    <#
    .SYNOPSIS
    Runs a public command on every host of a fleet run and returns one answer per host, in the order named.
    .DESCRIPTION
    1. Sessions are opened in parallel (Open-MDIRemoteSession); a host without one gets a host verdict.
    2. Each host uses its installed module (asked of all at once: Get-MDIRemoteModuleState), or a temporary
       copy of this one (Copy-MDIRemoteModule), made one host at a time while the others already run.
    3. The command runs there as if the admin were logged on: its own configuration and trust store.
       Up to -ThrottleLimit hosts at once (default 32, as Invoke-Command), each as a job with a budget
       of 3 x TimeoutSec + 30 s (the check's own bound for the sensor API and the allowlist in three
       waves, plus module load); a host over budget is stopped and answers HostTimeout.
    4. Copies are removed and the sessions opened here are closed, whatever happened.
    Results get ComputerName. Booleans (-Quiet, the official return value) stay one bool per host, and a
    host without an answer is then $false. The remote command's own errors are written here too.
    Write-Progress counts hosts done, failing and pending.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [psobject] $Run
    )

    $targets = $Run.Targets.ToArray()
    if ($targets.Count -eq 0) { return }
    $caller = $Run.Caller
    $wantsBool = $targets[0].Parameters.ContainsKey('Quiet') -and $targets[0].Parameters['Quiet']
    if ($Run.CommandName -eq 'Test-MDISensorApiConnection' -and -not ($targets[0].Parameters.ContainsKey('Detailed') -and $targets[0].Parameters['Detailed'])) { $wantsBool = $true }
    $throttle = 32
    if ($Run.Connection.ThrottleLimit -gt 0) { $throttle = $Run.Connection.ThrottleLimit }
    $timeoutSec = 10
    if ($Run.Connection.TimeoutSec -gt 0) { $timeoutSec = $Run.Connection.TimeoutSec }
    $budgetSec = 3 * $timeoutSec + 30

    $activity = 'Running {0} on {1} host(s)' -f $Run.CommandName, $targets.Count
    $answers = [object[]]::new($targets.Count)
    $state = [pscustomobject]@{ Done = 0; Failing = 0 }
    $report = {
        param([int] $Index, [object[]] $Output)
        $answers[$Index] = $Output
        $state.Done++
        if (@($Output | Where-Object { ($_ -is [bool] -and -not $_) -or ($null -ne $_.PSObject.Properties['Passed'] -and -not $_.Passed -and $_.Required) }).Count -gt 0) { $state.Failing++ }
        Write-Progress -Activity $activity -Status ('{0} done, {1} failing, {2} pending' -f $state.Done, $state.Failing, ($targets.Count - $state.Done)) -PercentComplete ([int](100 * $state.Done / $targets.Count))
    }
    $asAnswer = {
        param([object] $HostResult)
        if ($wantsBool) { return $false }
        $HostResult
    }

    Write-Progress -Activity $activity -Status ('Opening sessions: 0 done, 0 failing, {0} pending' -f $targets.Count)
    $opened = @()
    $copies = @{}
    $jobs = @{}
    try {
        $opened = @(Open-MDIRemoteSession -Targets $targets -Connection $Run.Connection)
        $ready = New-Object -TypeName System.Collections.Generic.List[int]
        $toCopy = New-Object -TypeName System.Collections.Generic.Queue[int]
        $live = @(for ($i = 0; $i -lt $opened.Count; $i++) { if ($null -eq $opened[$i].Failure) { $i } else { & $report $i @(& $asAnswer $opened[$i].Failure) } })
        $probes = @{}
        if ($live.Count -gt 0) { $probes = Get-MDIRemoteModuleState -Session @($live | ForEach-Object { $opened[$_].Session }) -ThrottleLimit $throttle }
        foreach ($i in $live) {
            $probe = $probes[[guid]$opened[$i].Session.InstanceId]
            if ($null -eq $probe -or $probe -is [System.Management.Automation.ErrorRecord]) {
                $text = 'The host did not say whether the module is installed.'
                if ($null -ne $probe) { $text = $probe.Exception.Message }
                & $report $i @(& $asAnswer (New-MDIFleetHostResult -ComputerName $opened[$i].Target.Name -Verdict (Get-MDIFleetHostVerdict -Text $text -Default 'HostCommandFailed') -Transport $opened[$i].Target.Transport -Detail $text))
                continue
            }
            $opened[$i] | Add-Member -NotePropertyName Probe -NotePropertyValue $probe
            if ($probe.Manifest) { $copies[$i] = [pscustomobject]@{ Manifest = $probe.Manifest; TempFolder = $null } ; $ready.Add($i) }
            else { $toCopy.Enqueue($i) }
        }
        # $using: values travel in the session's own serialization (a SecureString stays encrypted).
        $remote = {
            $ProgressPreference = 'SilentlyContinue'
            Import-Module -Name $using:manifest -Force -ErrorAction Stop
            $parameters = $using:parameters
            & $using:commandName @parameters
        }
        $commandName = $Run.CommandName
        $queue = [System.Collections.Generic.Queue[int]]::new([int[]]$ready.ToArray())
        $started = @{}
        # Bounded: every job ends, or is stopped at its budget, so the loop ends within the budgets of all waves.
        $limit = [DateTime]::UtcNow.AddSeconds(($budgetSec + 5) * ([Math]::Ceiling($ready.Count / [double]$throttle) + 1))
        while (($queue.Count -gt 0 -or $jobs.Count -gt 0 -or $toCopy.Count -gt 0) -and [DateTime]::UtcNow -lt $limit) {
            while ($queue.Count -gt 0 -and $jobs.Count -lt $throttle) {
                $i = $queue.Dequeue()
                $entry = $opened[$i]
                $manifest = $copies[$i].Manifest
                $parameters = $entry.Target.Parameters
                $jobs[$i] = Invoke-Command -Session $entry.Session -ScriptBlock $remote -AsJob
                $started[$i] = [DateTime]::UtcNow
            }
            if ($toCopy.Count -gt 0) {
                # One copy per turn: the hosts already started keep running meanwhile.
                $i = $toCopy.Dequeue()
                $entry = $opened[$i]
                try { $copies[$i] = Copy-MDIRemoteModule -Session $entry.Session -ComputerName $entry.Target.Name -Probe $entry.Probe }
                catch {
                    & $report $i @(& $asAnswer (New-MDIFleetHostResult -ComputerName $entry.Target.Name -Verdict (Get-MDIFleetHostVerdict -Text $_.Exception.Message -Default 'HostCommandFailed') -Transport $entry.Target.Transport -Detail $_.Exception.Message))
                    continue
                }
                if ($copies[$i].TempFolder) { Write-Verbose ('{0}: the module was copied to {1} for this run.' -f $entry.Target.Name, $copies[$i].TempFolder) }
                if ($null -ne $copies[$i].Failure) { & $report $i @(& $asAnswer $copies[$i].Failure) }
                else { $queue.Enqueue($i) }
                # A copy's time is not the check's: the run's bound starts again from here.
                $limit = [DateTime]::UtcNow.AddSeconds(($budgetSec + 5) * ([Math]::Ceiling(($queue.Count + $jobs.Count) / [double]$throttle) + 1))
            }
            elseif ($jobs.Count -gt 0) { $null = Wait-Job -Job @($jobs.Values) -Any -Timeout 1 }
            foreach ($i in @($jobs.Keys)) {
                $job = $jobs[$i]
                $name = $opened[$i].Target.Name
                $finished = @('Completed', 'Failed', 'Stopped') -contains [string]$job.State
                if (-not $finished -and ([DateTime]::UtcNow - $started[$i]).TotalSeconds -lt $budgetSec) { continue }
                $jobs.Remove($i)
                if (-not $finished) {
                    Stop-Job -Job $job
                    Remove-Job -Job $job -Force
                    & $report $i @(& $asAnswer (New-MDIFleetHostResult -ComputerName $name -Verdict 'HostTimeout' -Transport $opened[$i].Target.Transport -Detail ('No answer within the host budget of {0} s (3 x TimeoutSec + 30 s).' -f $budgetSec)))
                    continue
                }
                $remoteErrors = $null
                $output = @(Receive-Job -Job $job -ErrorAction SilentlyContinue -ErrorVariable remoteErrors)
                Remove-Job -Job $job -Force
                foreach ($record in @($remoteErrors)) { $caller.WriteError($record) }
                if ($output.Count -eq 0) {
                    # Every host answers: a command that wrote only an error (or nothing) answers with it.
                    $detail = 'The command returned nothing.'
                    if (@($remoteErrors).Count -gt 0) { $first = @($remoteErrors)[0]; $detail = '{0} ({1})' -f $first.Exception.Message, $first.FullyQualifiedErrorId }
                    $output = @(& $asAnswer (New-MDIFleetHostResult -ComputerName $name -Verdict 'HostCommandFailed' -Transport $opened[$i].Target.Transport -Detail $detail))
                }
                # A bool comes back wrapped with PSComputerName: unwrap it, one plain bool per host.
                $output = @(foreach ($item in $output) { if ($item.PSObject.BaseObject -is [bool]) { [bool]$item.PSObject.BaseObject } else { $item } })
                foreach ($item in $output) {
                    if ($item -is [bool] -or $null -eq $item) { continue }
                    if ($null -eq $item.PSObject.Properties['ComputerName']) { Add-Member -InputObject $item -NotePropertyName ComputerName -NotePropertyValue $name }
                    # The live type name first, so the module's table view and type data apply to the copy too.
                    $live = ([string]$item.PSObject.TypeNames[0]) -replace '^Deserialized\.', ''
                    if ($live -like 'MDIConnectivity.*' -and $item.PSObject.TypeNames[0] -ne $live) { $item.PSObject.TypeNames.Insert(0, $live) }
                }
                & $report $i $output
            }
        }
        foreach ($i in @($queue.ToArray()) + @($jobs.Keys) + @($toCopy.ToArray())) {
            & $report $i @(& $asAnswer (New-MDIFleetHostResult -ComputerName $opened[$i].Target.Name -Verdict 'HostTimeout' -Transport $opened[$i].Target.Transport -Detail 'The fleet run ended before this host answered.'))
        }
    }
    finally {
        foreach ($job in @($jobs.Values)) { Stop-Job -Job $job -ErrorAction SilentlyContinue; Remove-Job -Job $job -Force -ErrorAction SilentlyContinue }
        foreach ($i in @($copies.Keys)) {
            if ($copies[$i].TempFolder -and $opened[$i].Session.State -eq 'Opened') {
                $folder = $copies[$i].TempFolder
                Invoke-Command -Session $opened[$i].Session -ErrorAction SilentlyContinue -ScriptBlock {
                    Get-Module -Name 'MDIConnectivity' | Remove-Module -Force
                    Remove-Item -LiteralPath $using:folder -Recurse -Force
                }
            }
        }
        $owned = @($opened | Where-Object { $_.Owned -and $null -ne $_.Session } | ForEach-Object { $_.Session })
        if ($owned.Count -gt 0) { Remove-PSSession -Session $owned -ErrorAction SilentlyContinue }
        Write-Progress -Activity $activity -Completed
    }

    foreach ($answer in $answers) { $answer }
}
