using System.Text;
using FoiTracker.Application.Mail;
using FoiTracker.Application.Mail.AssignInboundMail;
using FoiTracker.Application.Requests;
using FoiTracker.Application.Requests.RecordEvent;
using FoiTracker.Domain.Users;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Tests.Support;

namespace FoiTracker.Application.Tests.Mail;

/// <summary>Mail delivered by Dovecot, read by the intake over IMAP, ends up where it belongs.</summary>
public class MailIntakeTests : MailIntakeTestBase
{
    private static readonly RequestActor Staff = new(Guid.Parse("0194a000-0000-7000-8000-00000000057a"), "Tamar", Role.Staff);

    [SkippableFact]
    public async Task Reply_ToTheExactReplyAddress_IsMatchedAndTheRequestAwaitsClassification()
    {
        var request = await FileSubmittedAsync();
        await Imap.DeliverAsync(Folder, Message(AddressOf(request), "Re: Budget 2025"));

        var run = await RunIntakeAsync();

        run.Recorded.Should().Be(1);
        var inbound = await SingleInboundAsync();
        inbound.Classification.Should().Be(InboundClassification.Reply);
        inbound.Status.Should().Be(InboundMailStatus.Matched);
        (await MatchMethodsAsync(request.Id)).Should().Equal(MatchMethod.AddressExact);
        (await StageAsync(request.Id)).Should().Be("reply_received");
        (await TimelineKindsAsync(request.Id)).Should().ContainInOrder("mail:received", "event:agency_replied");
        (await CountAsync("SELECT COUNT(*) FROM timeline WHERE event_key = @Key", new { Key = $"mail:{inbound.Id}" })).Should().Be(1);
        (await Imap.SeenAsync(Folder)).Should().ContainSingle("a recorded message is flagged as seen");
    }

    /// <summary>
    /// Both directions end to end: requests filed to a body with a verified address go out through a
    /// real SMTP server with the PDF and their own Reply-To; what the body's side sends back to those
    /// addresses is delivered by Dovecot and read by the intake.
    /// </summary>
    [SkippableFact]
    public async Task RoundTrip_MailedRequests_AndEachKindOfAnswer_EndUpWhereTheyBelong()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var node = SmtpNode(smtp);
        var first = await FileSubmittedAsync(VerifiedCityHall);
        var second = await FileSubmittedAsync(VerifiedCityHall);
        await DispatchAllAsync(node);
        await SendAllAsync(node);

        var sent = await smtp.WaitForAsync(2);
        sent.Should().HaveCount(2);
        var toFirst = sent.Single(mail => mail.Message.ReplyTo.Mailboxes.Single().Address == AddressOf(first));
        var toSecond = sent.Single(mail => mail.Message.ReplyTo.Mailboxes.Single().Address == AddressOf(second));
        foreach (var (mail, request) in new[] { (toFirst, first), (toSecond, second) })
        {
            mail.EnvelopeFrom.Should().Be(AddressOf(request), "bounces must come back to the request");
            mail.EnvelopeTo.Should().Equal(VerifiedCityHallAddress);
            mail.Message.Subject.Should().Contain(request.Number);
            mail.Message.Attachments.OfType<MimeKit.MimePart>().Should().ContainSingle(part => part.ContentType.MimeType == "application/pdf");
        }

        // The body's mail client answers the first request as sent: to its Reply-To, quoting its Message-ID.
        var reply = new MimeKit.MimeMessage();
        reply.From.Add(new MimeKit.MailboxAddress("Gori City Hall", VerifiedCityHallAddress));
        reply.To.AddRange(toFirst.Message.ReplyTo);
        reply.Subject = "Re: " + toFirst.Message.Subject;
        reply.InReplyTo = toFirst.Message.MessageId;
        reply.Body = new MimeKit.TextPart("plain") { Text = "The information you asked for is attached." };
        await using (var bytes = new MemoryStream())
        {
            await reply.WriteToAsync(bytes);
            await Imap.DeliverAsync(Folder, bytes.ToArray());
        }

        await Imap.DeliverAsync(Folder, Message(AddressOf(second).ToUpperInvariant().Replace('0', 'O'), "Answer typed from your letter"));
        await Imap.DeliverAsync(Folder, Message($"{AddressOf(first)}, {AddressOf(second)}", "One answer to both requests"));
        await Imap.DeliverAsync(Folder, Message(AddressOf(first), "Automatic reply: away", "I am away until Monday.", "Auto-Submitted: auto-replied\n"));
        await Imap.DeliverAsync(Folder, Dsn(AddressOf(second), toSecond.Message.MessageId!));
        await Imap.DeliverAsync(Folder, Malformed("broken boundary", AddressOf(first)));

        var run = await RunIntakeAsync();

        run.Recorded.Should().Be(6);
        var rows = await InboundAsync();
        rows.Select(row => row.Classification).Should().Equal(
            InboundClassification.Reply, InboundClassification.Reply, InboundClassification.Reply,
            InboundClassification.AutoReply, InboundClassification.Bounce, InboundClassification.Malformed);
        rows[5].Status.Should().Be(InboundMailStatus.Held);
        (await MatchMethodsAsync(first.Id)).Should().Contain(MatchMethod.AddressExact);
        (await MatchMethodsAsync(second.Id)).Should().Contain(MatchMethod.AddressRetyped);
        (await CountAsync("SELECT COUNT(*) FROM mail_inbound_match WHERE inbound_id = @Id", new { rows[2].Id })).Should().Be(2);
        (await StageAsync(first.Id)).Should().Be("reply_received");
        (await StageAsync(second.Id)).Should().Be("reply_received");
        (await TimelineKindsAsync(first.Id)).Should().Contain("mail:sent").And.Contain("mail:auto_reply");
        (await TimelineKindsAsync(second.Id)).Should().Contain("mail:bounce");
        var statuses = await RowsAsync<string>("SELECT status FROM mail_outgoing WHERE request_id = @Id", new { second.Id });
        statuses.Should().Equal("bounced");
    }

    [SkippableFact]
    public async Task Reply_ToARetypedAddress_WithCapitalsAndOForZero_IsMatchedAsRetyped()
    {
        var request = await FileSubmittedAsync();
        var retyped = AddressOf(request).ToUpperInvariant().Replace('0', 'O');
        await Imap.DeliverAsync(Folder, Message(retyped, "Answer"));

        await RunIntakeAsync();

        (await MatchMethodsAsync(request.Id)).Should().Equal(MatchMethod.AddressRetyped);
        (await StageAsync(request.Id)).Should().Be("reply_received");
    }

    [SkippableFact]
    public async Task OneMessage_ToTwoRequestAddresses_IsFiledUnderBoth()
    {
        var first = await FileSubmittedAsync();
        var second = await FileSubmittedAsync();
        await Imap.DeliverAsync(Folder, Message($"{AddressOf(first)}, {AddressOf(second)}", "Answers to both requests"));

        await RunIntakeAsync();

        var inbound = await SingleInboundAsync();
        inbound.Status.Should().Be(InboundMailStatus.Matched);
        (await StageAsync(first.Id)).Should().Be("reply_received");
        (await StageAsync(second.Id)).Should().Be("reply_received");
        (await CountAsync("SELECT COUNT(*) FROM mail_inbound_match WHERE inbound_id = @Id", new { inbound.Id })).Should().Be(2);
    }

    [SkippableTheory]
    [InlineData("Re: Budget 2025", "Auto-Submitted: auto-replied\n")]
    [InlineData("Out of Office: back on Monday", "X-Autoreply: yes\n")]
    [InlineData("Automatic reply: Budget 2025", "Precedence: bulk\n")]
    public async Task AutoReply_IsRecordedAsSuch_AndLeavesTheStageAlone(string subject, string headers)
    {
        var request = await FileSubmittedAsync();
        await Imap.DeliverAsync(Folder, Message(AddressOf(request), subject, "I am away until Monday.", headers));

        await RunIntakeAsync();

        var inbound = await SingleInboundAsync();
        inbound.Classification.Should().Be(InboundClassification.AutoReply);
        inbound.Status.Should().Be(InboundMailStatus.Matched);
        (await StageAsync(request.Id)).Should().Be("submitted");
        var kinds = await TimelineKindsAsync(request.Id);
        kinds.Should().Contain("mail:auto_reply").And.NotContain("event:agency_replied").And.NotContain("mail:received");
    }

    [SkippableFact]
    public async Task Bounce_ADeliveryStatusNotification_MarksOurMailBouncedAndIsNeverAnAnswer()
    {
        var request = await FileSubmittedAsync();
        var sent = await RecordSentMailAsync(request);
        await Imap.DeliverAsync(Folder, Dsn(AddressOf(request), sent));

        await RunIntakeAsync();

        var inbound = await SingleInboundAsync();
        inbound.Classification.Should().Be(InboundClassification.Bounce);
        (await StageAsync(request.Id)).Should().Be("submitted");
        (await TimelineKindsAsync(request.Id)).Should().Contain("mail:bounce").And.NotContain("event:agency_replied");
        var outgoing = await RowsAsync<OutgoingRow>("SELECT status AS Status, last_error AS LastError FROM mail_outgoing WHERE message_id = @Id", new { Id = sent });
        outgoing.Single().Status.Should().Be("bounced");
        outgoing.Single().LastError.Should().Contain("5.1.1").And.Contain("User unknown");
    }

    [SkippableTheory]
    [InlineData("garbage header")]
    [InlineData("broken boundary")]
    [InlineData("unknown charset")]
    [InlineData("no sender")]
    public async Task Malformed_IsHeldRawWithTheReason_AndTheNextMessageIsStillRead(string flaw)
    {
        var request = await FileSubmittedAsync();
        var bad = Malformed(flaw, AddressOf(request));
        await Imap.DeliverAsync(Folder, bad);
        await Imap.DeliverAsync(Folder, Message(AddressOf(request), "The real answer"));

        var run = await RunIntakeAsync();

        run.Recorded.Should().Be(2);
        var rows = await InboundAsync();
        rows[0].Classification.Should().Be(InboundClassification.Malformed);
        rows[0].Status.Should().Be(InboundMailStatus.Held);
        rows[0].HoldReason.Should().NotBeNullOrWhiteSpace();
        Encoding.UTF8.GetString(rows[0].Raw).Should().Contain("Subject: Flawed");
        rows[1].Classification.Should().Be(InboundClassification.Reply);
        (await StageAsync(request.Id)).Should().Be("reply_received");
    }

    [SkippableFact]
    public async Task Reply_WithoutOurAddress_IsMatchedByInReplyTo()
    {
        var request = await FileSubmittedAsync();
        var sent = await RecordSentMailAsync(request);
        await Imap.DeliverAsync(Folder, Message("foi@ngo.example.ge", "Re: your letter", headers: $"In-Reply-To: <{sent}>\n"));

        await RunIntakeAsync();

        (await MatchMethodsAsync(request.Id)).Should().Equal(MatchMethod.InReplyTo);
        (await StageAsync(request.Id)).Should().Be("reply_received");
    }

    [SkippableFact]
    public async Task Reply_WithOnlyTheNumberInTheSubject_IsMatchedBySubject()
    {
        var request = await FileSubmittedAsync();
        await Imap.DeliverAsync(Folder, Message("foi@ngo.example.ge", $"Answer to request {request.Number}"));

        await RunIntakeAsync();

        (await MatchMethodsAsync(request.Id)).Should().Equal(MatchMethod.SubjectNumber);
    }

    [SkippableFact]
    public async Task Unmatched_IsHeld_ThenStaffAssignIt_AndThenClassifyTheAnswer()
    {
        var request = await FileSubmittedAsync();
        await Imap.DeliverAsync(Folder, Message("foi@ngo.example.ge", "Some answer, number lost"));

        await RunIntakeAsync();

        var inbound = await SingleInboundAsync();
        inbound.Status.Should().Be(InboundMailStatus.Held);
        inbound.Classification.Should().Be(InboundClassification.Unmatched);
        inbound.HoldReason.Should().StartWith("No request matched");
        (await StageAsync(request.Id)).Should().Be("submitted");

        var assigned = await SendAsync(new AssignInboundMailCommand(inbound.Id, request.Number, null, Staff));
        var again = await SendAsync(new AssignInboundMailCommand(inbound.Id, null, request.Id, Staff));

        assigned.Status.Should().Be(InboundMailStatus.Assigned);
        assigned.Classification.Should().Be(InboundClassification.Reply);
        again.Matches.Should().ContainSingle().Which.Method.Should().Be(MatchMethod.Staff);
        (await StageAsync(request.Id)).Should().Be("reply_received");
        (await TimelineKindsAsync(request.Id)).Count(kind => kind == "event:agency_replied").Should().Be(1);

        var answered = await SendAsync(new RecordEventCommand(request.Id, "answered", Staff, Outcome: "complete"));
        answered.Stage.Should().Be("answered");
    }

    [SkippableFact]
    public async Task Attachments_AreStoredWithTheirSniffedType_AndOneOverTheLimitIsRefusedWithTheReason()
    {
        var request = await FileSubmittedAsync();
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
        var large = new byte[3000];
        Random.Shared.NextBytes(large);
        await Imap.DeliverAsync(Folder, WithAttachments(AddressOf(request), ("answer.bin", "application/octet-stream", pdf), ("scan.dat", "application/octet-stream", large)));

        await using var node = BuildNodeWithLimits(MailIntakeLimits.Default with { MaxAttachmentBytes = 2048 });
        await RunIntakeAsync(node);

        var attachments = await RowsAsync<AttachmentRow>(
            "SELECT file_name AS FileName, sniffed_type AS SniffedType, size AS Size, bytes AS Bytes, refused_reason AS RefusedReason FROM mail_inbound_attachment ORDER BY position");
        attachments.Should().HaveCount(2);
        attachments[0].FileName.Should().Be("answer.bin");
        attachments[0].SniffedType.Should().Be("application/pdf");
        attachments[0].Bytes.Should().Equal(pdf);
        attachments[1].Size.Should().Be(3000);
        attachments[1].Bytes.Should().BeNull();
        attachments[1].RefusedReason.Should().Contain("2,048");
    }

    [SkippableFact]
    public async Task HugeMessage_IsHeldWithItsHeadersOnly()
    {
        var request = await FileSubmittedAsync();
        await Imap.DeliverAsync(Folder, Message(AddressOf(request), "A very long answer", new string('x', 5000)));

        await RunIntakeAsync(maxMessageBytes: 2048);

        var inbound = await SingleInboundAsync();
        inbound.Classification.Should().Be(InboundClassification.TooLarge);
        inbound.Status.Should().Be(InboundMailStatus.Held);
        inbound.RawComplete.Should().BeFalse();
        inbound.Raw.Length.Should().BeLessThan(2048);
        inbound.Subject.Should().Be("A very long answer");
        inbound.HoldReason.Should().Contain("Mail:Intake:MaxMessageBytes");
    }

    [SkippableFact]
    public async Task RunningIntakeTwice_RecordsEachMessageOnce()
    {
        var request = await FileSubmittedAsync();
        await Imap.DeliverAsync(Folder, Message(AddressOf(request), "First"));
        await Imap.DeliverAsync(Folder, Message("nobody@ngo.example.ge", "Second"));

        var first = await RunIntakeAsync();
        var second = await RunIntakeAsync();

        first.Recorded.Should().Be(2);
        second.Waiting.Should().Be(0);
        (await InboundAsync()).Should().HaveCount(2);
        (await TimelineKindsAsync(request.Id)).Count(kind => kind == "mail:received").Should().Be(1);
    }

    [SkippableFact]
    public async Task CrashBeforeTheCommit_LeavesTheMessageToTheNextRun_WhichRecordsItOnce()
    {
        var request = await FileSubmittedAsync();
        await Imap.DeliverAsync(Folder, Message(AddressOf(request), "Answer"));
        await using var crashing = BuildCrashingNode(new CrashSwitch());

        var crashed = await RunIntakeAsync(crashing);

        crashed.Failed.Should().Be(1);
        (await InboundAsync()).Should().BeEmpty();
        (await StageAsync(request.Id)).Should().Be("submitted");

        var next = await RunIntakeAsync();

        next.Recorded.Should().Be(1);
        (await InboundAsync()).Should().ContainSingle();
        (await TimelineKindsAsync(request.Id)).Count(kind => kind == "event:agency_replied").Should().Be(1);
    }

    [SkippableFact]
    public async Task NewUidValidity_ReadsTheMailboxAgain_AndSkipsWhatWasRecorded()
    {
        var request = await FileSubmittedAsync();
        var first = Message(AddressOf(request), "First");
        var second = Message("nobody@ngo.example.ge", "Second");
        await Imap.DeliverAsync(Folder, first);
        await Imap.DeliverAsync(Folder, second);
        await RunIntakeAsync();
        var before = await RowsAsync<long>("SELECT uid_validity FROM mail_intake_position");

        // The server renumbers the folder: same messages, new UIDVALIDITY, and one new message.
        await Imap.DeleteFolderAsync(Folder);
        await Task.Delay(1100);
        await Imap.DeliverAsync(Folder, first);
        await Imap.DeliverAsync(Folder, second);
        await Imap.DeliverAsync(Folder, Message("nobody@ngo.example.ge", "Third"));
        var run = await RunIntakeAsync();

        run.Waiting.Should().Be(3);
        run.Skipped.Should().Be(2);
        run.Recorded.Should().Be(1);
        (await InboundAsync()).Select(row => row.Subject).Should().BeEquivalentTo("First", "Second", "Third");
        (await RowsAsync<long>("SELECT uid_validity FROM mail_intake_position")).Single().Should().NotBe(before.Single());
    }

    private static string Dsn(string replyAddress, string sentMessageId) =>
        $"""
        From: Mail Delivery System <MAILER-DAEMON@mx.gori.gov.ge>
        To: {replyAddress}
        Subject: Undelivered Mail Returned to Sender
        Date: Thu, 26 Nov 2026 09:00:00 +0400
        Message-ID: <{Guid.NewGuid():N}@mx.gori.gov.ge>
        Auto-Submitted: auto-replied
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="dsn-boundary"

        --dsn-boundary
        Content-Type: text/plain; charset=us-ascii

        Your message could not be delivered to info@gori.gov.ge.

        --dsn-boundary
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.gori.gov.ge

        Final-Recipient: rfc822; info@gori.gov.ge
        Action: failed
        Status: 5.1.1
        Diagnostic-Code: smtp; 550 5.1.1 User unknown

        --dsn-boundary
        Content-Type: text/rfc822-headers

        From: FoiTracker <noreply@foitracker.localhost>
        To: info@gori.gov.ge
        Subject: Request
        Message-ID: <{sentMessageId}>

        --dsn-boundary--

        """;

    private static string Malformed(string flaw, string to)
    {
        var common = $"From: Gori City Hall <info@gori.gov.ge>\nTo: {to}\nSubject: Flawed\nMessage-ID: <{Guid.NewGuid():N}@gori.gov.ge>\n";
        return flaw switch
        {
            "garbage header" => common + "this line is not a header at all\nMIME-Version: 1.0\n\nBody\n",
            "broken boundary" => common + "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b1\"\n\n--b1\nContent-Type: text/plain\n\nCut here, no closing boundary\n",
            "unknown charset" => common + "MIME-Version: 1.0\nContent-Type: text/plain; charset=x-no-such-charset\n\n\u00e9\u00e9\n",
            "no sender" => $"To: {to}\nSubject: Flawed\nMIME-Version: 1.0\n\nWho sent this?\n",
            _ => throw new ArgumentOutOfRangeException(nameof(flaw)),
        };
    }

    private static string WithAttachments(string to, params (string Name, string Type, byte[] Content)[] attachments)
    {
        var text = new StringBuilder();
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"From: Gori City Hall <info@gori.gov.ge>\nTo: {to}\nSubject: Documents\nMessage-ID: <{Guid.NewGuid():N}@gori.gov.ge>\n");
        text.Append("MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"part\"\n\n--part\nContent-Type: text/plain; charset=utf-8\n\nThe documents are attached.\n");
        foreach (var (name, type, content) in attachments)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"--part\nContent-Type: {type}\nContent-Disposition: attachment; filename=\"{name}\"\nContent-Transfer-Encoding: base64\n\n");
            text.Append(Convert.ToBase64String(content, Base64FormattingOptions.InsertLineBreaks)).Append('\n');
        }

        text.Append("--part--\n");
        return text.ToString();
    }

    private sealed class OutgoingRow
    {
        public string Status { get; init; } = "";
        public string? LastError { get; init; }
    }

    private sealed class AttachmentRow
    {
        public string? FileName { get; init; }
        public string SniffedType { get; init; } = "";
        public long Size { get; init; }
        public byte[]? Bytes { get; init; }
        public string? RefusedReason { get; init; }
    }
}

/// <summary>The same mail on the production store, where each message takes a row lock on the mailbox position.</summary>
public sealed class PostgresMailIntakeTests : MailIntakeTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
