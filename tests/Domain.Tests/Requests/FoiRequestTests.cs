using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Requests;

namespace FoiTracker.Domain.Tests.Requests;

public sealed class FoiRequestTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    private static FoiRequest File(DateTimeOffset? submittedAt, string subject = "Budget 2025", string text = "Please send the budget.") =>
        FoiRequest.File(
            RequestId.New(), RequestNumber.From(2026, 1), PublicBodyKey.Create("ge-gori-city-hall"), "ge-gac", 1,
            subject, text, new Requester("Nino", EmailAddress.Create("nino@example.ge"), null), Now, submittedAt);

    [Fact]
    public void File_WithoutASubmissionTime_IsADraft()
    {
        var request = File(submittedAt: null);

        request.Stage.Should().Be(RequestStage.Draft);
        request.SubmittedAt.Should().BeNull();
        request.CreatedAt.Should().Be(Now);
    }

    [Fact]
    public void File_SentOnPaperThreeWeeksAgo_KeepsItsRealDate()
    {
        var sent = Now.AddDays(-21);

        var request = File(sent);

        request.Stage.Should().Be(RequestStage.Submitted);
        request.SubmittedAt.Should().Be(sent);
    }

    [Fact]
    public void File_SubmittedInTheFuture_BreaksARule()
    {
        var file = () => File(Now.AddMinutes(5));

        file.Should().Throw<BusinessRuleViolationException>().Which.Rule.Should().Be("RequestCannotBeSubmittedInTheFuture");
    }

    [Fact]
    public void File_StoresInstantsInUtc()
    {
        var tbilisi = new DateTimeOffset(2026, 11, 20, 14, 0, 0, TimeSpan.FromHours(4));

        File(tbilisi).SubmittedAt!.Value.Offset.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void File_WithATextOverTheLimit_IsRefused()
    {
        var file = () => File(null, text: new string('ა', FoiRequest.MaxTextLength + 1));

        file.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Requester_WithNeitherEmailNorAddress_CannotReceiveAnAnswer()
    {
        var create = () => new Requester("Nino", null, "  ");

        create.Should().Throw<ArgumentException>().WithMessage("*e-mail or a postal address*");
    }
}
