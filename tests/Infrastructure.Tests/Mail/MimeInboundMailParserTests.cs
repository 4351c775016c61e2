using System.Text;
using FoiTracker.Infrastructure.Mail.Intake;

namespace FoiTracker.Infrastructure.Tests.Mail;

public sealed class MimeInboundMailParserTests
{
    private readonly MimeInboundMailParser _parser = new();

    private static byte[] Raw(string text) => Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r\n"));

    [Fact]
    public void AReply_GivesItsFieldsAndEveryRecipientAddress()
    {
        var mail = _parser.Parse(Raw("""
            From: Gori City Hall <info@gori.gov.ge>
            To: request-2026-000001-abcdefgh@foi.example.org, Nino <nino@example.ge>
            Cc: request-2026-000002-hjkmnpqr@foi.example.org
            Delivered-To: inbox@foi.example.org
            X-Original-To: <request-2026-000003-stuvwxyz@foi.example.org>
            Subject: =?UTF-8?B?4YOe4YOQ4YOh4YOj4YOu4YOY?=
            Date: Thu, 26 Nov 2026 09:00:00 +0400
            Message-ID: <answer-1@gori.gov.ge>
            In-Reply-To: <sent-1@foi.example.org>
            References: <sent-0@foi.example.org> <sent-1@foi.example.org>

            Answer.
            """), headersOnly: false);

        mail.Problem.Should().BeNull();
        mail.From.Should().Contain("info@gori.gov.ge");
        mail.Subject.Should().Be("პასუხი");
        mail.MessageId.Should().Be("answer-1@gori.gov.ge");
        mail.InReplyTo.Should().Be("sent-1@foi.example.org");
        mail.References.Should().Equal("sent-0@foi.example.org", "sent-1@foi.example.org");
        mail.Date.Should().Be(new DateTimeOffset(2026, 11, 26, 5, 0, 0, TimeSpan.Zero));
        mail.Recipients.Should().BeEquivalentTo(
            "request-2026-000001-abcdefgh@foi.example.org", "nino@example.ge", "request-2026-000002-hjkmnpqr@foi.example.org",
            "inbox@foi.example.org", "request-2026-000003-stuvwxyz@foi.example.org");
        mail.Attachments.Should().BeEmpty();
    }

    [Fact]
    public void ADeliveryReport_NamesTheReturnedMessageAndTheDiagnostic()
    {
        var mail = _parser.Parse(Raw("""
            From: MAILER-DAEMON@mx.example
            To: request-2026-000001-abcdefgh@foi.example.org
            Subject: Undelivered Mail Returned to Sender
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="b"

            --b
            Content-Type: text/plain

            Sorry.
            --b
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example

            Final-Recipient: rfc822; info@gori.gov.ge
            Action: failed
            Status: 5.2.2
            Diagnostic-Code: smtp; 552 mailbox full

            --b
            Content-Type: message/rfc822

            From: noreply@foi.example.org
            Message-ID: <sent-7@foi.example.org>
            Subject: Request

            Body
            --b--
            """), headersOnly: false);

        mail.Problem.Should().BeNull();
        mail.Headers.MimeType.Should().Be("multipart/report");
        mail.Headers.ReportType.Should().Be("delivery-status");
        mail.Report.Should().NotBeNull();
        mail.Report!.OriginalMessageId.Should().Be("sent-7@foi.example.org");
        mail.Report.IsFailure.Should().BeTrue();
        mail.Report.Describe().Should().Contain("5.2.2").And.Contain("mailbox full");
    }

    [Theory]
    [InlineData("From: a@b.example\nSubject: x\nnot a header\n\nbody\n", "not a header field")]
    [InlineData("From: a@b.example\nContent-Type: multipart/mixed; boundary=q\n\n--q\nContent-Type: text/plain\n\ncut\n", "closing boundary is missing")]
    [InlineData("From: a@b.example\nContent-Type: text/plain; charset=klingon-8\n\nbody\n", "klingon-8")]
    [InlineData("Subject: no sender\n\nbody\n", "no sender")]
    [InlineData("\nbody only\n", "no header block")]
    [InlineData("", "empty")]
    public void BadInput_IsReportedAsAProblem_NeverThrown(string text, string expected)
    {
        var mail = _parser.Parse(Raw(text), headersOnly: false);

        mail.Problem.Should().Contain(expected);
    }

    [Fact]
    public void Windows1251_IsAKnownCharset()
    {
        var mail = _parser.Parse(Raw("From: a@b.example\nContent-Type: text/plain; charset=windows-1251\n\nbody\n"), headersOnly: false);

        mail.Problem.Should().BeNull();
    }

    [Fact]
    public void Attachments_AreDecoded_AndTheBodyIsNotOne()
    {
        var mail = _parser.Parse(Raw($"""
            From: a@b.example
            Content-Type: multipart/mixed; boundary=q

            --q
            Content-Type: text/plain

            The answer.
            --q
            Content-Type: application/octet-stream
            Content-Disposition: attachment; filename="answer.pdf"
            Content-Transfer-Encoding: base64

            {Convert.ToBase64String(Encoding.ASCII.GetBytes("%PDF-1.4 tiny"))}
            --q--
            """), headersOnly: false);

        mail.Problem.Should().BeNull();
        var attachment = mail.Attachments.Should().ContainSingle().Subject;
        attachment.FileName.Should().Be("answer.pdf");
        attachment.DeclaredType.Should().Be("application/octet-stream");
        Encoding.ASCII.GetString(attachment.Content).Should().Be("%PDF-1.4 tiny");
    }

    [Fact]
    public void HeadersOnly_ReadsTheHeadersWithoutLookingForABody()
    {
        var mail = _parser.Parse(Raw("From: a@b.example\nSubject: Big\nContent-Type: multipart/mixed; boundary=q\n\n"), headersOnly: true);

        mail.Problem.Should().BeNull();
        mail.Subject.Should().Be("Big");
    }
}
