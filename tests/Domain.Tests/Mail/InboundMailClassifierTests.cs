using FoiTracker.Domain.Mail;

namespace FoiTracker.Domain.Tests.Mail;

public sealed class InboundMailClassifierTests
{
    private static InboundHeaders Headers(string? subject = "Re: Budget 2025", string? from = "info@gori.gov.ge", string? mimeType = "text/plain", string? reportType = null, params (string Name, string Value)[] fields) =>
        new(from, subject, mimeType, reportType, fields.Select(field => new KeyValuePair<string, string>(field.Name, field.Value)));

    [Fact]
    public void APlainReply_IsAReply()
    {
        InboundMailClassifier.Classify(Headers()).Kind.Should().Be(InboundKind.Reply);
    }

    [Theory]
    [InlineData("auto-replied")]
    [InlineData("auto-generated")]
    [InlineData("Auto-Replied; owner-email=\"x@y.z\"")]
    public void AutoSubmitted_OtherThanNo_IsAnAutoReply(string value)
    {
        var verdict = InboundMailClassifier.Classify(Headers(fields: ("Auto-Submitted", value)));

        verdict.Kind.Should().Be(InboundKind.AutoReply);
        verdict.Reason.Should().Contain("RFC 3834");
    }

    [Fact]
    public void AutoSubmitted_No_IsAPersonWriting()
    {
        InboundMailClassifier.Classify(Headers(fields: ("Auto-Submitted", "no"))).Kind.Should().Be(InboundKind.Reply);
    }

    [Theory]
    [InlineData("Out of Office: back on 1 December")]
    [InlineData("Automatic reply: Budget 2025")]
    [InlineData("AutoReply: Budget")]
    [InlineData("ავტომატური პასუხი: ბიუჯეტი")]
    public void OutOfOfficeSubjects_AreAutoReplies(string subject)
    {
        InboundMailClassifier.Classify(Headers(subject)).Kind.Should().Be(InboundKind.AutoReply);
    }

    [Fact]
    public void OutOfOffice_InTheMiddleOfTheSubject_IsNotEnough()
    {
        InboundMailClassifier.Classify(Headers("Re: staff out of office days in 2025")).Kind.Should().Be(InboundKind.Reply);
    }

    [Theory]
    [InlineData("X-Autoreply", "yes")]
    [InlineData("X-Autorespond", "Out of office")]
    [InlineData("Precedence", "auto_reply")]
    public void AutoReplyFields_MakeAnAutoReply(string name, string value)
    {
        InboundMailClassifier.Classify(Headers(fields: (name, value))).Kind.Should().Be(InboundKind.AutoReply);
    }

    [Fact]
    public void BulkPrecedence_IsAnAutoReplyUnlessItAnswersAMessage()
    {
        InboundMailClassifier.Classify(Headers(fields: ("Precedence", "bulk"))).Kind.Should().Be(InboundKind.AutoReply);
        InboundMailClassifier.Classify(Headers(fields: [("Precedence", "bulk"), ("In-Reply-To", "<a@b>")])).Kind.Should().Be(InboundKind.Reply);
    }

    [Fact]
    public void ADeliveryStatusReport_IsABounce_EvenWithAutoSubmitted()
    {
        var verdict = InboundMailClassifier.Classify(Headers("Undelivered Mail", "MAILER-DAEMON@mx.example", "multipart/report", "delivery-status", ("Auto-Submitted", "auto-replied")));

        verdict.Kind.Should().Be(InboundKind.Bounce);
    }

    [Fact]
    public void AMailerDaemonNotice_WithoutAReport_IsABounce()
    {
        InboundMailClassifier.Classify(Headers("Undeliverable: Request 2026-000001", "postmaster@gori.gov.ge")).Kind.Should().Be(InboundKind.Bounce);
    }

    [Fact]
    public void AMultipartReportOfAnotherKind_IsNotABounce()
    {
        InboundMailClassifier.Classify(Headers(mimeType: "multipart/report", reportType: "disposition-notification")).Kind.Should().Be(InboundKind.Reply);
    }
}
