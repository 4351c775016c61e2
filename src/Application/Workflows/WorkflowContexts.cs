using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Statutes;
using FoiTracker.Domain.Workflows;

namespace FoiTracker.Application.Workflows;

/// <summary>Gives a request the workflow and clock of the statute version it is pinned to.</summary>
public sealed class WorkflowContexts(IStatuteCatalog catalog)
{
    /// <param name="contextVersion">The version the request is pinned to; null for a new request (the current version).</param>
    public IWorkflowContext For(string statuteId, int? contextVersion)
    {
        if (!catalog.TryGetStatute(statuteId, out var statute))
            throw new NotFoundException($"There is no statute '{statuteId}'.");
        // Only the current version of each statute is loaded; a request pinned to another one is
        // never run under rules it did not start with.
        var version = contextVersion ?? statute.Version;
        if (statute.Version != version)
            throw new InvalidOperationException($"Statute '{statuteId}' v{version} is not loaded (v{statute.Version} is); restore its file under seeds/statutes to run requests pinned to it.");
        var workflow = statute.Workflow
            ?? throw new InvalidOperationException($"Statute '{statuteId}' has no workflow in its seed file.");
        return new StatuteWorkflowContext(statute, catalog.CalendarOf(statute), workflow);
    }
}
