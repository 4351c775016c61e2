using FoiTracker.Application.Accounts.CreateAccount;
using FoiTracker.Application.Requests;
using FoiTracker.Application.Requests.FileRequest;
using FoiTracker.Domain.Users;
using FoiTracker.Web.Tests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Web.Tests.Pages.Public;

/// <summary>People and requests for the public pages' tests, made through the Application as the API makes them.</summary>
public sealed class PublicData(FoiTrackerFactory factory)
{
    public const string RequesterName = "Nino Beridze";
    public const string RequesterAddress = "Stalin Avenue 12, apt 4, Gori";
    public const string StaffName = "Tamar Kapanadze";

    public async Task<TResponse> SendAsync<TResponse>(ICommand<TResponse> command)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
    }

    public async Task<RequestActor> AccountAsync(string role, string name)
    {
        var email = $"{role}-{Guid.NewGuid():N}@public-pages.example.ge";
        var account = await SendAsync(new CreateAccountCommand(email, name, "A-long-enough-password", role));
        return new RequestActor(account.Id, name, role == RoleNames.Staff ? Role.Staff : Role.Citizen);
    }

    /// <summary>A request sent an hour ago by a new citizen, with their e-mail and address.</summary>
    public async Task<(FiledRequest Filed, RequestActor Owner, string Email)> SentRequestAsync(string body, string subject, bool draft = false)
    {
        var owner = await AccountAsync(RoleNames.Citizen, RequesterName);
        var email = $"nino-{Guid.NewGuid():N}@mail.example.ge";
        var filed = await SendAsync(new FileRequestCommand(
            body, subject, "Please send the 2025 budget execution report.", RequesterName, email, RequesterAddress,
            draft ? null : DateTimeOffset.UtcNow.AddHours(-1), draft, owner));
        return (filed, owner, email);
    }
}
