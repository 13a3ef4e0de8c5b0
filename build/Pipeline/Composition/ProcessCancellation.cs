using System.Runtime.InteropServices;

namespace AssumeRolePipeline.Pipeline.Composition;

/// <summary>
/// The run's cancellation: Ctrl-C locally, and a cancelled or timed-out workflow run on GitHub (the runner sends
/// SIGINT, then SIGTERM) cancel the token every operation receives, instead of ending the process at once, so the
/// pipeline masks and reports what it held (the tested cancellation path) and the Pulumi CLI stops cleanly.
/// </summary>
public sealed class ProcessCancellation : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration[] _signals;

    public ProcessCancellation()
    {
        _signals = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel)];
    }

    public CancellationToken Token => _source.Token;

    /// <summary>What a signal does: cancel the run, and keep the process alive until the pipeline has finished.</summary>
    public void Cancel(PosixSignalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Cancel = true;
        _source.Cancel();
    }

    public void Dispose()
    {
        foreach (var signal in _signals)
            signal.Dispose();
        _source.Dispose();
    }
}
