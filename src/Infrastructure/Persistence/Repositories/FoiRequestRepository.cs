using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Requests;
using FoiTracker.Domain.Requests;
using FoiTracker.Domain.Workflows;

namespace FoiTracker.Infrastructure.Persistence.Repositories;

/// <summary>
/// Writes a request and everything its last step produced (<see cref="RequestStepWriter"/>) on the
/// scope's transaction, so they land together. A save over a version someone else already wrote is
/// refused.
/// </summary>
public sealed class FoiRequestRepository(DbSession session, IRowStatements each, RequestStepWriter steps, RequestFactsWriter facts)
    : SqlRepository(session), IFoiRequestRepository
{
    public async Task AddAsync(FoiRequest request, CancellationToken cancellationToken)
    {
        await ExecuteAsync(RequestRow.Insert, RequestRow.From(request), cancellationToken);
        await WriteStepsAsync([request], cancellationToken);
    }

    public Task SaveAsync(FoiRequest request, CancellationToken cancellationToken) => SaveManyAsync([request], cancellationToken);

    public async Task SaveManyAsync(IReadOnlyCollection<FoiRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
            return;
        if (requests.Count > 1 && !Session.InTransaction)
        {
            // Several rows are written before a stale one is noticed: refuse them together.
            await Session.BeginAsync(cancellationToken);
            try
            {
                await SaveAllAsync(requests, cancellationToken);
                await Session.CommitAsync(cancellationToken);
            }
            catch
            {
                await Session.RollbackAsync(CancellationToken.None);
                throw;
            }

            return;
        }

        await SaveAllAsync(requests, cancellationToken);
    }

    private async Task SaveAllAsync(IReadOnlyCollection<FoiRequest> requests, CancellationToken cancellationToken)
    {
        var written = await each.ExecuteAsync(Session, RequestRow.Update, requests.Select(RequestRow.From).ToList<object>(), cancellationToken);
        var stale = requests.Zip(written).FirstOrDefault(pair => pair.Second == 0).First;
        if (stale is not null)
            throw new ConflictException($"Request {stale.Number} was changed by someone else at the same moment; load it again and retry.");

        await WriteStepsAsync(requests, cancellationToken);
    }

    /// <summary>After the requests' rows: what their last steps produced. Then they stand at their new version.</summary>
    private async Task WriteStepsAsync(IReadOnlyCollection<FoiRequest> requests, CancellationToken cancellationToken)
    {
        await steps.WriteAsync(requests, cancellationToken);
        // The facts read the step's timeline, which MarkSaved clears.
        await facts.WriteAsync(requests, cancellationToken);
        foreach (var request in requests)
            request.MarkSaved();
    }

    public Task<FoiRequest?> GetAsync(RequestId id, CancellationToken cancellationToken) =>
        LoadOneAsync("WHERE id = @Id", new { Id = id.Value }, cancellationToken);

    public Task<FoiRequest?> GetByNumberAsync(RequestNumber number, CancellationToken cancellationToken) =>
        LoadOneAsync("WHERE number = @Number", new { Number = number.Value }, cancellationToken);

    /// <summary>Requests with their armed timers and deadlines, which travel in their own rows: one query, whatever the count.</summary>
    /// <param name="condition">What follows <c>FROM requests</c>: the condition, order and limit, with named parameters.</param>
    internal async Task<IReadOnlyList<FoiRequest>> LoadAsync(string condition, object parameters, CancellationToken cancellationToken) =>
        (await QueryAsync<RequestRow>($"{RequestRow.Select} {condition}", parameters, cancellationToken)).Select(row => row.ToDomain()).ToList();

    private async Task<FoiRequest?> LoadOneAsync(string condition, object parameters, CancellationToken cancellationToken) =>
        (await LoadAsync(condition, parameters, cancellationToken)).SingleOrDefault();

    public async Task<TimelineKind?> FindEventAsync(RequestId id, string eventKey, CancellationToken cancellationToken) =>
        await QuerySingleOrDefaultAsync<string>(
            "SELECT kind FROM timeline WHERE request_id = @Id AND event_key = @EventKey",
            new { Id = id.Value, EventKey = eventKey },
            cancellationToken) is { } kind ? TimelineKind.Parse(kind) : null;
}
