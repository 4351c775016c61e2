using System.Globalization;
using System.Security.Cryptography;
using FluentValidation;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Requests;
using FoiTracker.Application.Statutes;
using Mediator;

namespace FoiTracker.Application.Statistics.Snapshots.PublishSnapshot;

/// <summary>
/// Staff publish the statistics of a period as of a date, fixed for good: a snapshot that can be
/// cited. <paramref name="Replaces"/> names an earlier snapshot this one corrects.
/// </summary>
/// <param name="BaseUrl">The service's public address, for the permanent URL in the citation.</param>
public sealed record PublishSnapshotCommand(
    string? Period, string? AsOf, string? Statute, string? Replaces, RequestActor Actor, string BaseUrl) : ICommand<SnapshotDto>;

public sealed class PublishSnapshotValidator : AbstractValidator<PublishSnapshotCommand>
{
    public PublishSnapshotValidator(StatisticsWindows windows)
    {
        RuleFor(command => command.Period).NotEmpty().WithMessage("'period' is required: a year (2026), a quarter (2026-Q2), a month (2026-03) or two dates (2026-01-01..2026-06-30).");
        this.AddScopeRules(windows, command => command.Period, command => command.AsOf, command => command.Statute);
        RuleFor(command => command.Replaces).MaximumLength(100).WithMessage("'replaces' is a snapshot id such as 2026-ge-gac-1.");
        RuleFor(command => command.Actor.IsStaff).Equal(true).WithMessage("Only staff publish statistics snapshots.");
    }
}

public sealed class PublishSnapshotHandler(
    StatisticsScopeReader scopes, SnapshotContentWriter content, ISnapshotStore store, SnapshotCitation citation, IStatuteCatalog catalog, TimeProvider clock)
    : ICommandHandler<PublishSnapshotCommand, SnapshotDto>
{
    public async ValueTask<SnapshotDto> Handle(PublishSnapshotCommand command, CancellationToken cancellationToken)
    {
        var scope = scopes.Read(command.Period, command.AsOf, command.Statute);
        var replaces = string.IsNullOrWhiteSpace(command.Replaces) ? null : await CorrectableAsync(command.Replaces.Trim(), scope, cancellationToken);

        var bytes = await content.ForAsync(scope, cancellationToken);
        var calendar = catalog.CalendarOf(scope.Statute);
        var id = await NextIdAsync(scope, cancellationToken);
        var snapshot = new StoredSnapshot(
            id, scope.Period.Text, scope.Period.From, scope.Period.To.AddDays(1), scope.AsOf, scope.Statute.Id.Value, scope.Statute.Version,
            calendar.Id.Value, calendar.Version, SnapshotContentWriter.MethodologyVersion, command.Actor.UserId, command.Actor.Name,
            clock.GetUtcNow(), Sha256Hex(bytes), replaces, ReplacedBy: null);
        await store.AddAsync(snapshot, bytes, cancellationToken);
        return citation.ToDto(snapshot, command.BaseUrl);
    }

    public static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>A correction names a snapshot of the same statute that nothing has corrected yet.</summary>
    private async Task<string> CorrectableAsync(string id, StatisticsScope scope, CancellationToken cancellationToken)
    {
        var replaced = await store.GetAsync(id, cancellationToken)
            ?? throw new NotFoundException($"There is no snapshot '{id}' to replace.");
        if (replaced.ReplacedBy is not null)
            throw new ConflictException($"Snapshot '{id}' was already replaced by '{replaced.ReplacedBy}'; a further correction replaces that one.");
        if (!string.Equals(replaced.StatuteId, scope.Statute.Id.Value, StringComparison.Ordinal))
            throw new ConflictException($"Snapshot '{id}' is about statute '{replaced.StatuteId}', not '{scope.Statute.Id}': a correction covers the same statute.");
        return replaced.Id;
    }

    /// <summary>"2026-ge-gac-3": the period's first year, the statute, and the next number for those two.</summary>
    private async Task<string> NextIdAsync(StatisticsScope scope, CancellationToken cancellationToken)
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"{scope.Period.From.Year}-{scope.Statute.Id}-");
        var taken = await store.IdsStartingWithAsync(prefix, cancellationToken);
        // Only a plain number after the prefix counts: "2026-ge-gac-x-1" belongs to another statute.
        var last = taken
            .Select(id => int.TryParse(id.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 0)
            .DefaultIfEmpty(0)
            .Max();
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}{last + 1}");
    }
}
