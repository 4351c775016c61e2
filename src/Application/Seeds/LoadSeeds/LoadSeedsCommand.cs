using FoiTracker.Application.Bodies;
using FoiTracker.Application.Jurisdictions;
using Mediator;

namespace FoiTracker.Application.Seeds.LoadSeeds;

/// <summary>
/// Loads the shipped reference data: upserts by stable key in one transaction, so running it
/// twice leaves the same rows, and a broken file changes nothing.
/// </summary>
public sealed record LoadSeedsCommand : ICommand<SeedReport>;

public sealed record SeedReport(int Jurisdictions, int Bodies);

public sealed class LoadSeedsHandler(ISeedSource source, IJurisdictionRepository jurisdictions, IPublicBodyRepository bodies)
    : ICommandHandler<LoadSeedsCommand, SeedReport>
{
    public async ValueTask<SeedReport> Handle(LoadSeedsCommand command, CancellationToken cancellationToken)
    {
        var seeds = await source.ReadAsync(cancellationToken);
        foreach (var jurisdiction in seeds.Jurisdictions)
            await jurisdictions.UpsertAsync(jurisdiction, cancellationToken);
        foreach (var body in seeds.Bodies)
            await bodies.UpsertAsync(body, cancellationToken);
        return new SeedReport(seeds.Jurisdictions.Count, seeds.Bodies.Count);
    }
}
