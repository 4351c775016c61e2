using Dapper;
using FoiTracker.Application.Letters;
using FoiTracker.Application.Mail;
using FoiTracker.Application.Requests;
using FoiTracker.Application.Requests.FileRequest;
using FoiTracker.Application.Requests.GetRequest;
using FoiTracker.Application.Requests.RecordEvent;
using FoiTracker.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace FoiTracker.Application.Tests.Mail;

/// <summary>
/// Notices and letters are made when they are sent, from the request as it stands then: a request
/// recorded weeks late is not told to use a window that has closed, is not asked to send a chaser
/// the service mailed, and gets letters dated the day they are made.
/// </summary>
public abstract class TrueNoticeTests : MailTestBase
{
    /// <summary>A city hall whose address the test verifies itself, so it does not rest on which shipped body has one.</summary>
    private const string CityHall = "ge-gori-city-hall";
    private const string CityHallAddress = "foi@city-hall.example.ge";
    private const string CityHallName = "გორის მუნიციპალიტეტის მერია";

    private static readonly TimeSpan Tbilisi = TimeSpan.FromHours(4);

    private DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().ToOffset(Tbilisi).DateTime);

    [SkippableFact]
    public async Task ARequestSentOnPaperFiftyDaysAgo_SweptToday_GetsOnlyTrueNoticesAndLetters_EachDatedToday()
    {
        await VerifyAddressAsync(CityHall, CityHallAddress);
        var filed = await FileAsync(Clock.GetUtcNow().AddDays(-50), CityHall);

        await SweepAllAsync(Services);
        await DispatchAllAsync(Services);

        var request = await QueryAsync(new GetRequestQuery(filed.Id, null));
        var complaintFiling = Due(request, "complaint_filing");
        complaintFiling.Should().BeBefore(Today, "the complaint window closed before the request was recorded");
        var mails = await MailsAsync();
        var notice = mails.Should().ContainSingle(mail => mail.Kind == MailKinds.Notice, "the reminders before closed deadlines are skipped").Subject;
        notice.TextBody.Should().Contain($"ადმინისტრაციული საჩივრის შეტანის ვადა ამოიწურა {Ka(complaintFiling)}")
            .And.Contain($"შეხსენება ელექტრონული ფოსტით გაიგზავნა {Ka(Today)} (ადრესატი: {CityHallName}, მისამართი: {CityHallAddress})")
            .And.Contain("ახალი მოთხოვნა")
            .And.NotContain("ერთი თვის ვადაში", "the month to complain is over")
            .And.NotContain("საჩივარი თანდართულია")
            .And.NotContain("შეხსენება თანდართულია", "the service mailed the chaser itself");
        notice.AttachmentIds.Should().BeEmpty("neither a mailed chaser nor a complaint out of time is handed to the requester");

        var chaserMail = mails.Should().ContainSingle(mail => mail.Kind == MailKinds.Letter).Subject;
        chaserMail.ToAddress.Should().Be(CityHallAddress);
        var letters = await RowsAsync<LetterRow>(
            "SELECT id AS Id, kind AS Kind, language AS Language, created_at AS CreatedAt FROM letters WHERE request_id = @Id ORDER BY kind", new { filed.Id });
        letters.Select(letter => letter.Kind).Should().Equal("chaser", "request");
        chaserMail.AttachmentIds.Should().Equal(letters[0].Id);
        var chaserStep = request.Timers.Single(timer => timer.Kind == "chaser").DueAt;
        foreach (var letter in letters)
        {
            letter.CreatedAt.Should().Be(Clock.GetUtcNow(), "a letter is made, and dated, when it is sent");
            (await PdfTextAsync(letter.Id)).Should().Contain(Squash(LetterComposer.FormatDate(Today, letter.Language)), $"the {letter.Kind} letter carries today's date");
        }

        (await PdfTextAsync(letters[0].Id)).Should().NotContain(Squash(LetterComposer.FormatDate(DateOnly.FromDateTime(chaserStep.ToOffset(Tbilisi).DateTime), "ka")),
            "the chaser is not dated on the day its timer fell due");
        var sent = request.Timeline.Should().ContainSingle(entry => entry.Kind == NoticeTimelineKinds.Sent).Subject;
        sent.Detail.Should().Contain(notice.Subject);
        request.Timeline.Should().NotContain(entry => entry.Detail != null && entry.Detail.Contains("nino@example.ge"), "the requester's address stays off the timeline");
    }

    [SkippableFact]
    public async Task AnOverdueNotice_SaysTheServiceMailsTheChaser_ToWhomAndWhen_AndAttachesOnlyTheComplaint()
    {
        await VerifyAddressAsync(CityHall, CityHallAddress);
        var (filed, due) = await FileAndLetTheAnswerGoOverdueAsync(CityHall);

        await SweepAllAsync(Services);
        await DispatchAllAsync(Services);

        var request = await QueryAsync(new GetRequestQuery(filed.Id, null));
        var notice = (await MailsAsync()).Should().ContainSingle(mail => mail.Kind == MailKinds.Notice).Subject;
        notice.TextBody.Should().Contain($"შეხსენება ელექტრონული ფოსტით გაიგზავნება {Ka(due.AddDays(2))} (ადრესატი: {CityHallName}, მისამართი: {CityHallAddress})")
            .And.Contain($"ადმინისტრაციული საჩივრის შეტანის ვადა იწურება {Ka(Due(request, "complaint_filing"))}")
            .And.NotContain("შეხსენება თანდართულია");
        (await AttachedKindsAsync(notice)).Should().Equal("complaint");

        Clock.SetUtcNow(LocalMorning(due.AddDays(2)));
        await SweepAllAsync(Services);
        await DispatchAllAsync(Services);

        (await MailsAsync()).Should().ContainSingle(mail => mail.Kind == MailKinds.Letter && mail.ToAddress == CityHallAddress, "the service mails the chaser itself, as the notice said");
    }

    [SkippableFact]
    public async Task AnOverdueNotice_ForABodyWithoutAVerifiedAddress_AttachesTheChaserToSendOnPaper_AndTheComplaint()
    {
        await FileAndLetTheAnswerGoOverdueAsync(KareliCityHall);

        await SweepAllAsync(Services);
        await DispatchAllAsync(Services);

        var notice = (await MailsAsync()).Should().ContainSingle(mail => mail.Kind == MailKinds.Notice).Subject;
        notice.TextBody.Should().Contain("შეხსენება თანდართულია").And.NotContain("ელექტრონული ფოსტით გაიგზავნ");
        (await AttachedKindsAsync(notice)).Should().Equal("chaser", "complaint");
    }

    [SkippableFact]
    public async Task ANoticeToARequestThatMovedOn_IsNotSent_AndTheTimelineSaysWhy()
    {
        var (filed, _) = await FileAndLetTheAnswerGoOverdueAsync(CityHall);
        await SweepAllAsync(Services);

        await SendAsync(new RecordEventCommand(filed.Id, "escalate", Citizen));
        await DispatchAllAsync(Services);

        (await MailsAsync()).Should().NotContain(mail => mail.Kind == MailKinds.Notice, "the complaint is filed: telling the requester to file one is out of date");
        var request = await QueryAsync(new GetRequestQuery(filed.Id, null));
        var note = request.Timeline.Should().ContainSingle(entry => entry.Kind == NoticeTimelineKinds.NotSent).Subject;
        note.Detail.Should().Contain("'overdue' notice was not sent").And.Contain("moved on").And.Contain("Administrative complaint filed");
        request.Timeline.Should().NotContain(entry => entry.Kind == NoticeTimelineKinds.Sent);
    }

    [SkippableFact]
    public async Task AComplaintWindowNotice_SentAfterTheWindowClosed_GivesTheTrueNextStep_WithoutAComplaint()
    {
        var (filed, _) = await FileAndLetTheAnswerGoOverdueAsync(KareliCityHall);
        await SweepAllAsync(Services);
        await DispatchAllAsync(Services);
        var complaintFiling = Due(await QueryAsync(new GetRequestQuery(filed.Id, null)), "complaint_filing");
        Clock.SetUtcNow(LocalMorning(complaintFiling.AddDays(-3)));
        await SweepAllAsync(Services);

        // The window-closing notice waits in the outbox (the dispatcher was down) until the window has closed.
        Clock.SetUtcNow(LocalMorning(complaintFiling.AddDays(1)));
        await DispatchAllAsync(Services);

        var notice = (await MailsAsync()).Should().ContainSingle(mail => mail.Kind == MailKinds.Notice && mail.Subject.Contains("საჩივრის შეტანის ვადა")).Subject;
        notice.TextBody.Should().Contain($"ადმინისტრაციული საჩივრის შეტანის ვადა ამოიწურა {Ka(complaintFiling)}")
            .And.Contain("ახალი მოთხოვნა")
            .And.NotContain("იწურება")
            .And.NotContain("საჩივარი თანდართულია");
        notice.AttachmentIds.Should().BeEmpty();
    }

    [SkippableFact]
    public async Task AnOverdueNoticeAboutTheMayor_SpeaksOfTheCourtClaim_AndAttachesItsDraft_NotAComplaint()
    {
        var (filed, _) = await FileAndLetTheAnswerGoOverdueAsync("ge-gori-mayor");

        await SweepAllAsync(Services);
        await DispatchAllAsync(Services);

        var request = await QueryAsync(new GetRequestQuery(filed.Id, null));
        request.Stage.Should().Be("overdue_court_route", "LSG 62(2): no administrative complaint lies against the Mayor");
        var notice = (await MailsAsync()).Should().ContainSingle(mail => mail.Kind == MailKinds.Notice).Subject;
        notice.TextBody.Should().Contain($"სასამართლოში სარჩელის შეტანის ვადა იწურება {Ka(Due(request, "court_filing"))}")
            .And.NotContain("ადმინისტრაციული საჩივრის შეტანის ვადა");
        (await AttachedKindsAsync(notice)).Should().Contain("court_claim").And.NotContain("complaint");
    }

    /// <summary>A request sent an hour ago; the clock then moves to the morning after its answer was due.</summary>
    private async Task<(FiledRequest Filed, DateOnly Due)> FileAndLetTheAnswerGoOverdueAsync(string body)
    {
        var filed = await FileAsync(Clock.GetUtcNow().AddHours(-1), body);
        var due = Due(await QueryAsync(new GetRequestQuery(filed.Id, null)), "response");
        Clock.SetUtcNow(LocalMorning(due.AddDays(1)));
        return (filed, due);
    }

    private static DateOnly Due(RequestDetailsDto request, string key) => request.Deadlines.Single(deadline => deadline.Key == key).Due;

    private static string Ka(DateOnly date) => LetterComposer.FormatDate(date, "ka", DateCase.Dative);

    private static DateTimeOffset LocalMorning(DateOnly day) => new(day.ToDateTime(new TimeOnly(9, 0)), Tbilisi);

    private static string Squash(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());

    private async Task<IReadOnlyList<string>> AttachedKindsAsync(MailRow mail)
    {
        var kinds = new List<string>();
        foreach (var id in mail.AttachmentIds)
            kinds.AddRange(await RowsAsync<string>("SELECT kind FROM letters WHERE id = @Id", new { Id = id }));
        kinds.Sort(StringComparer.Ordinal);
        return kinds;
    }

    private async Task<string> PdfTextAsync(Guid letterId)
    {
        var bytes = (await RowsAsync<byte[]>("SELECT bytes FROM letters WHERE id = @Id", new { Id = letterId })).Single();
        using var document = PdfDocument.Open(bytes);
        return Squash(string.Concat(document.GetPages().Select(page => page.Text)));
    }

    private async Task VerifyAddressAsync(string body, string address)
    {
        await using var connection = await Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(
            "UPDATE public_bodies SET foi_email = @Address, foi_email_verified = @Verified WHERE key = @Body",
            new { Address = address, Verified = true, Body = body });
    }

    private sealed class LetterRow
    {
        public Guid Id { get; init; }
        public string Kind { get; init; } = "";
        public string Language { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
    }
}

public sealed class SqliteTrueNoticeTests : TrueNoticeTests;

public sealed class PostgresTrueNoticeTests : TrueNoticeTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
