using FoiTracker.Application.Letters;
using FoiTracker.Application.Mail;
using FoiTracker.Application.Outbox;
using FoiTracker.Application.Requests.GetRequest;
using FoiTracker.Domain.Mail;
using FoiTracker.Domain.Requests;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Application.Tests.Mail;

/// <summary>Which effect becomes which mail: recipient, language, attachments, Reply-To; and which become none.</summary>
public sealed class MailCompositionTests : MailTestBase
{
    [Fact]
    public async Task RequestLetter_ToABodyWithAVerifiedAddress_BecomesOneGeorgianMail_WithItsPdfAndReplyAddress()
    {
        var filed = await FileAsync(null, VerifiedCityHall);

        await DispatchAllAsync(Services);
        await DispatchAllAsync(Services);

        var mail = (await MailsAsync()).Should().ContainSingle("handing the outbox over twice writes one mail").Subject;
        mail.Kind.Should().Be(MailKinds.Letter);
        mail.ToAddress.Should().Be(VerifiedCityHallAddress);
        mail.Language.Should().Be("ka");
        mail.Subject.Should().Be($"საჯარო ინფორმაციის მოთხოვნა № {filed.Number}: Budget 2025");
        mail.TextBody.Should().Contain(filed.Number).And.Contain("Nino Beridze").And.NotContain("{{");
        mail.ReplyTo.Should().Be(Services.GetRequiredService<ReplyAddressCodec>().AddressFor(RequestNumber.Parse(filed.Number)));
        mail.MessageId.Should().Be($"{mail.Id:N}@foitracker.localhost");
        mail.Status.Should().Be(MailStatus.Pending);
        var letters = await RowsAsync<Guid>("SELECT id FROM letters WHERE request_id = @Id AND kind = 'request'", new { filed.Id });
        mail.AttachmentIds.Should().Equal(letters);
    }

    [Fact]
    public async Task RequestRecordedAsSentOnPaper_IsNotMailedAgain()
    {
        await FileAsync(Clock.GetUtcNow().AddDays(-2), VerifiedCityHall);

        await DispatchAllAsync(Services);

        (await MailsAsync()).Should().NotContain(mail => mail.Kind == MailKinds.Letter);
        (await CountAsync("SELECT COUNT(*) FROM letters WHERE kind = 'request'")).Should().Be(1, "the letter is still produced, for the record");
    }

    [Fact]
    public async Task RequestLetter_ToABodyWithoutAVerifiedAddress_IsNotMailed_AndTheTimelineSaysSendItOnPaper()
    {
        var filed = await FileAsync(null, KareliCityHall);

        await DispatchAllAsync(Services);
        await DispatchAllAsync(Services);

        (await MailsAsync()).Should().BeEmpty();
        // Not sent yet, so only its requester (or staff) can see it.
        var request = await QueryAsync(new GetRequestQuery(filed.Id, Citizen));
        var note = request.Timeline.Should().ContainSingle(entry => entry.Kind == MailTimelineKinds.OnPaper).Subject;
        note.Detail.Should().Contain("no verified e-mail address").And.Contain("on paper");
    }

    [Fact]
    public async Task AComplaintToASuperiorWithoutAnAddress_AndACourtClaim_AreNotMailed_ButNotedForPaper()
    {
        var filed = await FileAsync(null, VerifiedCityHall);
        await DispatchAllAsync(Services);

        await using (var scope = Services.CreateAsyncScope())
        {
            var composer = scope.ServiceProvider.GetRequiredService<MailComposer>();
            var letters = scope.ServiceProvider.GetRequiredService<LetterComposer>();
            var unitOfWork = scope.ServiceProvider.GetRequiredService<Common.Ports.IUnitOfWork>();
            await unitOfWork.BeginAsync(CancellationToken.None);
            foreach (var (kind, recipient) in new[] { ("complaint", LetterRecipients.ComplaintBody), ("court_claim", LetterRecipients.Court) })
            {
                var letter = await letters.ProduceAsync(filed.Id, kind, "ka", recipient, Clock.GetUtcNow(), "workflow", null, CancellationToken.None);
                var row = new OutboxMessage(Guid.NewGuid(), $"test:{kind}", filed.Id, "letter", kind, recipient, "{}", Clock.GetUtcNow(), 0);
                await composer.MailLetterAsync(row, letter, CancellationToken.None);
            }

            await unitOfWork.CommitAsync(CancellationToken.None);
        }

        (await MailsAsync()).Should().ContainSingle("only the request letter went by e-mail").Which.Subject.Should().Contain(filed.Number);
        var notes = (await QueryAsync(new GetRequestQuery(filed.Id, null))).Timeline.Where(entry => entry.Kind == MailTimelineKinds.OnPaper).ToList();
        notes.Should().HaveCount(2);
        notes[0].Detail.Should().Contain("complaint").And.Contain("no verified e-mail address");
        notes[1].Detail.Should().Contain("court_claim").And.Contain("court");
    }

    [Fact]
    public async Task AnOverdueRequest_MailsTheRequester_InGeorgian_WithTheComplaintReadyToUse_AndMailsTheChaserToTheBody()
    {
        var filed = await FileAsync(new DateTimeOffset(2026, 10, 14, 9, 0, 0, TimeSpan.FromHours(4)), VerifiedCityHall);
        await SweepAllAsync(Services);

        await DispatchAllAsync(Services);

        var mails = await MailsAsync();
        var overdue = mails.Should().ContainSingle(mail => mail.Kind == MailKinds.Notice && mail.Subject.Contains("ვადაგადაცილებულია")).Subject;
        overdue.ToAddress.Should().Be("nino@example.ge");
        overdue.Language.Should().Be("ka");
        overdue.ReplyTo.Should().BeNull("a notice to the requester is not correspondence with the body");
        overdue.TextBody.Should().Contain("177").And.Contain(VerifiedCityHallAddress, "the notice says where the service mailed the chaser");
        var attached = await RowsAsync<string>(
            "SELECT kind FROM letters WHERE request_id = @Id AND id IN (" + string.Join(", ", overdue.AttachmentIds.Select(id => $"'{id}'")) + ") ORDER BY kind",
            new { filed.Id });
        attached.Should().Equal(["complaint"], "the service mails the chaser itself; the complaint window is still open");

        mails.Should().ContainSingle(mail => mail.Kind == MailKinds.Letter && mail.ToAddress == VerifiedCityHallAddress && mail.Subject.StartsWith("შეხსენება"),
            "the workflow's chaser goes to the body; the request itself was sent on paper");
        var closing = mails.Should().ContainSingle(mail => mail.Kind == MailKinds.Notice && mail.Subject.Contains("საჩივრის შეტანის ვადა"), "the complaint window closing is told to the requester").Subject;
        var complaintFiling = (await QueryAsync(new GetRequestQuery(filed.Id, null))).Deadlines.Single(deadline => deadline.Key == "complaint_filing");
        closing.TextBody.Should().Contain($"საჩივრის შეტანის ვადა იწურება {LetterComposer.FormatDate(complaintFiling.Due, "ka", DateCase.Dative)}", "the notice names the last day");
        mails.Should().NotContain(mail => mail.ToAddress.Contains("staff", StringComparison.Ordinal), "staff notices wait for the digest");
        (await CountAsync("SELECT COUNT(*) FROM outbox WHERE dispatched_at IS NULL")).Should().Be(0, "staff notices are handed over too");
    }

    [Fact]
    public async Task ANoticeKindWithoutATextOfItsOwn_GoesOutWithTheGenericText()
    {
        var filed = await FileAsync(null, VerifiedCityHall);

        await using (var scope = Services.CreateAsyncScope())
        {
            var composer = scope.ServiceProvider.GetRequiredService<MailComposer>();
            var row = new OutboxMessage(Guid.NewGuid(), "test:new_kind", filed.Id, "notify", "tribunal_window_closing", "requester", "{}", Clock.GetUtcNow(), 0);
            await composer.NotifyRequesterAsync(row, CancellationToken.None);
        }

        var mail = (await MailsAsync()).Should().ContainSingle(mail => mail.Kind == MailKinds.Notice).Subject;
        mail.Subject.Should().Be($"სიახლე თქვენს მოთხოვნაზე № {filed.Number}: Budget 2025");
        var response = (await QueryAsync(new GetRequestQuery(filed.Id, null))).Deadlines.Single(deadline => deadline.Key == "response");
        mail.TextBody.Should().Contain($"მოთხოვნის შემდეგი ვადა იწურება {LetterComposer.FormatDate(response.Due, "ka", DateCase.Dative)}.");
        mail.Language.Should().Be("ka");
        mail.AttachmentIds.Should().BeEmpty();
    }

    [Fact]
    public void PlainText_SeparatesParagraphsByABlankLine_AndKeepsListItemsTogether()
    {
        var text = MailComposer.PlainText(
        [
            new LetterBlock(LetterBlockKind.Paragraph, "One."),
            new LetterBlock(LetterBlockKind.ListItem, "a"),
            new LetterBlock(LetterBlockKind.ListItem, "b"),
            new LetterBlock(LetterBlockKind.Paragraph, "Two."),
        ]);

        text.Should().Be("One.\n\n- a\n- b\n\nTwo.\n");
    }
}
