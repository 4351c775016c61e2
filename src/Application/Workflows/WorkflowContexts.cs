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
        if (!catalog.TryGetStatute(statuteId, out var current))
            throw new NotFoundException($"There is no statute '{statuteId}'.");
        var version = contextVersion ?? current.Version;
        // A request runs under the version it started with; an edited statute file never moves it.
        if (!catalog.TryGetStatute(statuteId, version, out var statute))
            throw new InvalidOperationException($"Statute '{statuteId}' v{version} is not loaded (v{current.Version} is): keep it as seeds/statutes/archive/{statuteId}.v{version}.json.");
        var workflow = statute.Workflow
            ?? throw new InvalidOperationException($"Statute '{statuteId}' v{version} has no workflow in its seed file.");
        return new StatuteWorkflowContext(statute, catalog.CalendarOf(statute), workflow);
    }
}
