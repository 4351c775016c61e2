using FoiTracker.Domain.Common;
using FoiTracker.Domain.Requests;

namespace FoiTracker.Domain.Tests.Requests;

public sealed class RequesterTests
{
    private static readonly Requester Nino = new("Nino Beridze", EmailAddress.Create("Nino@Example.ge"), "Stalin Avenue 12, apt 4\nGori 1400\nGori");

    [Fact]
    public void Redact_TakesOutTheEMailInAnyCase_TheWholeAddress_AndItsNumberedLines()
    {
        Nino.Redact("Bounce: to nino@example.ge; Stalin Avenue 12, apt 4\nGori 1400\nGori. Or write to Gori 1400.")
            .Should().Be("Bounce: to [the requester's e-mail]; [the requester's address]. Or write to [the requester's address].");
    }

    [Fact]
    public void Redact_LeavesATownNameThatAlsoNamesPublicBodies()
    {
        Nino.Redact("Forwarded to Gori Municipality City Hall.").Should().Be("Forwarded to Gori Municipality City Hall.");
    }
}
