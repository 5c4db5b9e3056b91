function Confirm-MDIChange {
    <#
    .SYNOPSIS
    The public command's ShouldProcess, except that a confirmation a non-interactive session cannot ask becomes MDI_CONFIRMATION_REQUIRED.
    .DESCRIPTION
    Set-, Clear-MDISensorProxyConfiguration and Copy-MDIProxySetting have ConfirmImpact High, so they
    ask before writing, which is right for a person at a prompt. Under pwsh -NonInteractive (runbooks,
    scheduled tasks) or a host without a user interface, PowerShell cannot ask and throws a host
    exception wrapped in a method call error. That is turned into one ErrorRecord saying what to pass
    (-Confirm:$false, or -WhatIf to see the plan), returned (not thrown: see Resolve-MDIFilePath) before
    anything is written. Callers test for it before reading the answer as a [bool].
    #>
    [CmdletBinding()]
    [OutputType([bool], [System.Management.Automation.ErrorRecord])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Management.Automation.PSCmdlet] $Caller,

        [Parameter(Mandatory = $true)]
        [string] $Target,

        [Parameter(Mandatory = $true)]
        [string] $Action
    )

    try {
        $Caller.ShouldProcess($Target, $Action)
    }
    catch {
        $cause = $_.Exception
        if ($cause -is [System.Management.Automation.MethodInvocationException] -and $null -ne $cause.InnerException) { $cause = $cause.InnerException }
        $cannotAsk = $cause -is [System.Management.Automation.PSInvalidOperationException] -or $cause -is [System.Management.Automation.Host.HostException]
        if (-not $cannotAsk) { throw }
        $command = $Caller.MyInvocation.MyCommand.Name
        $message = '{0} asks for confirmation before it changes anything (ConfirmImpact High), and this session cannot ask: {1}. Nothing was changed. In a runbook or other non-interactive session pass -Confirm:$false to make the change without a prompt, or -WhatIf to see what it would do.' -f $command, $cause.Message.TrimEnd('.')
        return (New-MDIErrorRecord -ErrorId 'MDI_CONFIRMATION_REQUIRED' -Category InvalidOperation -Message $message -TargetObject $Target -InnerException $cause)
    }
}
