using FoiTracker.Application.Common.Ports;
using FoiTracker.Application.Requests.FileRequest;
using FoiTracker.Application.Tests.Workflows;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Tests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Application.Tests.Filing;

/// <summary>
/// Filing checks its letter before its transaction begins and writes in one transaction of its own:
/// many at once each get their own number and all their rows, and one sent inside a transaction
/// that is already open joins it.
/// </summary>
public abstract class ConcurrentFilingTests : WorkflowTestBase
{
    [SkippableFact]
    public async Task Many_requests_filed_at_once_each_get_their_own_number_and_their_history()
    {
        var filed = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => Task.Run(() => FileAsync(null))));

        filed.Select(request => request.Number).Should().OnlyHaveUniqueItems();
        (await CountAsync("SELECT count(*) FROM requests")).Should().Be(24);
        (await CountAsync("SELECT count(DISTINCT request_id) FROM timeline")).Should().Be(24, "each request is stored with its first steps");
    }

    [SkippableFact]
    public async Task A_request_filed_inside_an_open_transaction_is_undone_with_it()
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
            await unitOfWork.BeginAsync(CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new FileRequestCommand(
                TestSeeds.VerifiedCityHall, "Budget 2025", "Please send the 2025 budget execution report.", "Nino Beridze",
                "nino@example.ge", null, null, Draft: false, Citizen));
            unitOfWork.InTransaction.Should().BeTrue("the caller's transaction is still the caller's to end");
            await unitOfWork.RollbackAsync(CancellationToken.None);
        }

        (await CountAsync("SELECT count(*) FROM requests")).Should().Be(0);
    }
}

public sealed class SqliteConcurrentFilingTests : ConcurrentFilingTests;

public sealed class PostgresConcurrentFilingTests : ConcurrentFilingTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
