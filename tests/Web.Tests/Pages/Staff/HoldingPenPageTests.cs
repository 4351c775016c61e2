using System.Net;
using System.Text;
using FoiTracker.Application.Mail.ReceiveMail;
using FoiTracker.Web.Tests.Pages.Support;
using FoiTracker.Web.Tests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Web.Tests.Pages.Staff;

/// <summary>The holding pen as staff use it: a message nobody matched is read, its attachment downloaded, and it is filed under a request.</summary>
public sealed class HoldingPenPageTests(FoiTrackerFactory factory) : PageTest(factory)
{
    private static long _uid;

    [Fact]
    public async Task AHeldMessage_IsRead_ItsAttachmentDownloaded_AndItIsFiledUnderARequest()
    {
        var subject = $"The answer, number lost {Guid.NewGuid():N}";
        await ReceiveAsync(subject, "%PDF-1.4 the answer"u8.ToArray());
        var number = await FileRequestAsync();
        var page = await Visitor.GetAsync("/en/account/sign-in");
        (await page.Form().Set("Input.Email", FoiTrackerFactory.AdminEmail).Set("Input.Password", FoiTrackerFactory.AdminPassword).SubmitAsync()).IsRedirect.Should().BeTrue();

        var pen = await Visitor.GetAsync("/ka/staff/mail/held");
        pen.ShouldBe(HttpStatusCode.OK);
        var link = pen.Document.QuerySelectorAll("tbody a").Single(a => a.TextContent == subject).GetAttribute("href")!;
        var message = await Visitor.GetAsync(link);
        message.Find("pre.mail-text").TextContent.Should().Be("Our answer is attached.");
        var download = await Visitor.GetAsync(message.Document.QuerySelectorAll("main ul a").Single(a => a.TextContent == "answer.pdf").GetAttribute("href")!);
        download.Status.Should().Be(HttpStatusCode.OK);
        download.MediaType.Should().Be("application/pdf", "it is served with the type its bytes show");
        download.Html.Should().Be("%PDF-1.4 the answer");

        var wrong = await message.Form().Set("Input.RequestNumber", "not a number").SubmitAsync();
        wrong.ShouldBe(HttpStatusCode.BadRequest);
        wrong.FieldError("Input.RequestNumber").Should().Be("ჩაწერეთ მოთხოვნის ნომერი, მაგალითად 2026-000042.");
        var unknown = await message.Form().Set("Input.RequestNumber", "2026-999999").SubmitAsync();
        unknown.FieldError("Input.RequestNumber").Should().Be("ამ ნომრით მოთხოვნა არ არსებობს.");

        var filed = await message.Form().Set("Input.RequestNumber", number).SubmitAsync();
        filed.ShouldRedirectTo("/ka/staff/mail/held");
        var after = await filed.FollowAsync();
        after.Find("p.notice").TextContent.Should().Be($"წერილი მიეკუთვნა მოთხოვნას {number}.");
        after.Html.Should().NotContain(subject, "a filed message leaves the holding pen");
    }

    private async Task ReceiveAsync(string subject, byte[] attachment)
    {
        var message = ($"From: Gori City Hall <info@gori.gov.ge>\nTo: foi@ngo.example.ge\nSubject: {subject}\nMessage-ID: <{Guid.NewGuid():N}@gori.gov.ge>\nMIME-Version: 1.0\n"
            + "Content-Type: multipart/mixed; boundary=p\n\n--p\nContent-Type: text/plain\n\nOur answer is attached.\n--p\n"
            + "Content-Type: application/octet-stream\nContent-Disposition: attachment; filename=\"answer.pdf\"\nContent-Transfer-Encoding: base64\n\n"
            + Convert.ToBase64String(attachment) + "\n--p--\n").ReplaceLineEndings("\r\n");
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ReceiveMailCommand(
            "page-tests/INBOX", 1, Interlocked.Increment(ref _uid), Encoding.UTF8.GetBytes(message), message.Length, HeadersOnly: false));
    }

    private async Task<string> FileRequestAsync()
    {
        using var api = Factory.CreateClient();
        var token = await api.GetAdminTokenAsync();
        using var filed = await api.PostAsAsync(token, "/api/requests", new
        {
            bodyKey = FoiTracker.Tests.Support.TestSeeds.VerifiedCityHall,
            subject = "Budget 2025",
            text = "Please send the 2025 budget execution report.",
            requester = new { name = "Nino Beridze", email = "nino@example.ge" },
        });
        return (await filed.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("number").GetString()!;
    }
}
