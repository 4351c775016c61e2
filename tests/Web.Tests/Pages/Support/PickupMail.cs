using FoiTracker.Application.Mail.SendMail;
using FoiTracker.Web.Tests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace FoiTracker.Web.Tests.Pages.Support;

/// <summary>
/// The mail a page caused, as it leaves the service: the tests' factory runs no scheduler, so this
/// sends what the outbox holds, as the mail job would, and reads the .eml files the pickup transport wrote.
/// </summary>
public static class PickupMail
{
    /// <summary>Sends every pending mail, then returns those to <paramref name="address"/>, oldest first.</summary>
    public static async Task<IReadOnlyList<MimeMessage>> SentToAsync(FoiTrackerFactory factory, string address)
    {
        ArgumentNullException.ThrowIfNull(factory);
        while (true)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            if (await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SendNextMailCommand()) == SendOutcome.Idle)
                break;
        }

        var folder = Path.Combine(factory.DataDirectory, "mail", "pickup");
        if (!Directory.Exists(folder))
            return [];
        var messages = new List<MimeMessage>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.eml"))
        {
            var message = await MimeMessage.LoadAsync(file);
            if (message.To.Mailboxes.Any(mailbox => string.Equals(mailbox.Address, address, StringComparison.OrdinalIgnoreCase)))
                messages.Add(message);
        }

        return messages.OrderBy(message => message.Date).ToList();
    }
}
