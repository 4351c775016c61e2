using FluentValidation;
using FoiTracker.Application.Requests.FileRequest;
using FoiTracker.Application.Tests.Workflows;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Tests.Support;

namespace FoiTracker.Application.Tests.Filing;

/// <summary>A request whose letter cannot be made is refused when it is filed, before its clock could run.</summary>
public abstract class LetterAtFilingTests : WorkflowTestBase
{
    [SkippableFact]
    public async Task A_lari_sign_in_the_subject_is_refused_naming_the_field_and_GEL_and_nothing_is_stored()
    {
        var file = () => SendAsync(Command(subject: "Copy fees in ₾", address: null));

        var error = (await file.Should().ThrowAsync<ValidationException>()).Which;

        error.Errors.Should().ContainSingle().Which.Should().Match<FluentValidation.Results.ValidationFailure>(failure =>
            failure.PropertyName == "subject" && failure.ErrorMessage.Contains("'₾' (U+20BE, write GEL)"));
        (await CountAsync("SELECT COUNT(*) FROM requests")).Should().Be(0);
        (await CountAsync("SELECT COUNT(*) FROM outbox")).Should().Be(0);
    }

    [SkippableFact]
    public async Task A_postal_address_the_font_cannot_print_is_refused_even_for_a_draft()
    {
        var file = () => SendAsync(Command(subject: "Budget 2025", address: "東京都千代田区", draft: true));

        var error = (await file.Should().ThrowAsync<ValidationException>()).Which;

        error.Errors.Should().ContainSingle(failure => failure.PropertyName == "requester.address")
            .Which.ErrorMessage.Should().Contain("characters the letter's font cannot print").And.Contain("write it in words");
        (await CountAsync("SELECT COUNT(*) FROM requests")).Should().Be(0);
    }

    [SkippableFact]
    public async Task A_request_written_in_Georgian_and_Latin_letters_is_filed()
    {
        var filed = await SendAsync(Command(subject: "ბიუჯეტი 2025 (budget, GEL)", address: "გორი, სტალინის გამზირი 1"));

        filed.Stage.Should().Be("submitted");
    }

    private static FileRequestCommand Command(string subject, string? address, bool draft = false) =>
        new(TestSeeds.VerifiedCityHall, subject, "Please send the 2025 budget execution report.", "Nino Beridze", "nino@example.ge", address, null, draft, Citizen);
}

public sealed class SqliteLetterAtFilingTests : LetterAtFilingTests;

public sealed class PostgresLetterAtFilingTests : LetterAtFilingTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
