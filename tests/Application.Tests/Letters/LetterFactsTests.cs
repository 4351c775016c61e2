using FluentValidation;
using FoiTracker.Application.Letters;
using FoiTracker.Application.Requests;
using FoiTracker.Application.Requests.GetRequest;
using FoiTracker.Application.Requests.RecordEvent;
using FoiTracker.Application.Statutes;
using FoiTracker.Application.Tests.Workflows;
using FoiTracker.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Application.Tests.Letters;

/// <summary>
/// What the complaint and the court claim say, from a request's own history on a real database:
/// the refusal they challenge (its date and number, enclosed), who they are addressed to, and the
/// route to court — after a complaint, or straight there for the Mayor (LSG 62(2)).
/// </summary>
public abstract class LetterFactsTests : WorkflowTestBase
{
    private const string Mayor = "ge-gori-mayor";

    [SkippableFact]
    public async Task A_complaint_names_the_refusal_by_date_and_number_encloses_it_and_goes_to_the_Mayor_in_Georgian_words()
    {
        // Filed Thursday 26 November 2026; refused on Monday 30 November by letter No. 01/26-555.
        var filed = await FileAsync(null);
        Clock.Advance(TimeSpan.FromDays(4));
        await SendAsync(new RecordEventCommand(filed.Id, "answered", Citizen, Outcome: "refused", Reference: "01/26-555"));

        var letter = await ComposeAsync(filed.Id, "complaint", "ka", LetterRecipients.ComplaintBody);

        var text = Text(letter);
        text.Should().Contain("ადრესატი: გორის მუნიციპალიტეტის მერი")
            .And.Contain("გასაჩივრებული გადაწყვეტილება: ადმინისტრაციული ორგანოს 2026 წლის 30 ნოემბრის წერილი № 01/26-555")
            .And.Contain("2026 წლის 30 ნოემბერს ადმინისტრაციულმა ორგანომ უარი განაცხადა")
            .And.Contain("2026 წლის 26 ნოემბერს ზემოაღნიშნულ ადმინისტრაციულ ორგანოს წარვუდგინე")
            .And.Contain("საჩივრის ადრესატს განსაზღვრავს ადგილობრივი თვითმმართველობის კოდექსის 62-ე მუხლის პირველი ნაწილი.")
            .And.NotContain("LSG").And.NotContain("დღემდე არ მიმიღია", "the body answered");
        Enclosures(letter).Should().Equal(
            $"საჯარო ინფორმაციის მოთხოვნის შესახებ განცხადება № {filed.Number}",
            "ადმინისტრაციული ორგანოს 2026 წლის 30 ნოემბრის წერილი № 01/26-555 (უარი ინფორმაციის გაცემაზე)");
    }

    [SkippableFact]
    public async Task A_complaint_about_a_partial_answer_without_a_number_names_and_encloses_the_answer_by_its_date()
    {
        var filed = await FileAsync(null);
        Clock.Advance(TimeSpan.FromDays(4));
        await SendAsync(new RecordEventCommand(filed.Id, "answered", Citizen, Outcome: "partial"));

        var letter = await ComposeAsync(filed.Id, "complaint", "en", LetterRecipients.ComplaintBody);

        Text(letter).Should().Contain("To: Mayor of Gori Municipality")
            .And.Contain("Decision complained of: the body's answer of 30 November 2026")
            .And.Contain("On 30 November 2026 the body released the requested information only in part and refused the rest.")
            .And.Contain("The complaint is addressed under Article 62(1) of the Local Self-Government Code.");
        Enclosures(letter).Should().Equal(
            $"request for public information No. {filed.Number}",
            "the body's answer of 30 November 2026 (refusal to release the information)");
    }

    [SkippableFact]
    public async Task A_court_claim_against_the_Mayor_after_silence_is_a_direct_claim_with_no_complaint_before_it()
    {
        // The Mayor has no verified address: the letter went on paper, handed in today.
        var filed = await FileAsync(Clock.GetUtcNow(), Mayor);
        Clock.Advance(TimeSpan.FromDays(20));
        await SweepAllAsync(Services);

        var georgian = Text(await ComposeAsync(filed.Id, "court_claim", "ka", LetterRecipients.Court));
        var english = Text(await ComposeAsync(filed.Id, "court_claim", "en", LetterRecipients.Court));

        georgian.Should().Contain("მოპასუხე: გორის მუნიციპალიტეტის მერი")
            .And.Contain("2026 წლის 10 დეკემბერს ამოიწურა, თუმცა პასუხი არ მიმიღია")
            .And.Contain("პირდაპირ სასამართლოში საჩივრდება, ამიტომ სარჩელს უშუალოდ სასამართლოში წარვადგენ")
            .And.NotContain("ადმინისტრაციული საჩივარი წარვუდგინე").And.NotContain("პატივისცემით");
        english.Should().Contain("Defendant: Mayor of Gori Municipality")
            .And.Contain("acts of the Mayor and of the Municipal Council are challenged directly in court, without an administrative complaint; I therefore bring this claim directly")
            .And.NotContain("I brought an administrative complaint").And.NotContain("Yours faithfully");
    }

    [SkippableFact]
    public async Task A_court_claim_after_a_rejected_complaint_names_the_complaint_and_its_decision_and_still_the_silence_before_them()
    {
        // Due Thursday 10 December 2026; complaint on 12 December; rejected on 22 December.
        var filed = await FileAndComplainOn12DecemberAsync();
        Clock.Advance(TimeSpan.FromDays(10));
        await SendAsync(new RecordEventCommand(filed.Id, "complaint_decided", Citizen, Outcome: "rejected"));

        var georgian = Text(await ComposeAsync(filed.Id, "court_claim", "ka", LetterRecipients.Court));
        var english = Text(await ComposeAsync(filed.Id, "court_claim", "en", LetterRecipients.Court));

        georgian.Should().Contain("2026 წლის 12 დეკემბერს ადმინისტრაციული საჩივარი წარვუდგინე")
            .And.Contain("საჩივრის ადრესატი: გორის მუნიციპალიტეტის მერი.")
            .And.Contain("2026 წლის 22 დეკემბერს საჩივარი არ დაკმაყოფილდა.")
            .And.Contain("2026 წლის 10 დეკემბერს ამოიწურა, თუმცა პასუხი არ მიმიღია")
            .And.NotContain("პირდაპირ სასამართლოში");
        english.Should().Contain("On 12 December 2026 I brought an administrative complaint")
            .And.Contain("On 22 December 2026 the complaint was rejected.")
            .And.Contain("ended on 10 December 2026 and I had no answer")
            .And.NotContain("was not decided");
    }

    [SkippableFact]
    public async Task A_court_claim_after_an_undecided_complaint_names_the_last_day_the_decision_was_due()
    {
        var filed = await FileAndComplainOn12DecemberAsync();
        Clock.Advance(TimeSpan.FromDays(45));
        await SweepAllAsync(Services);
        var request = await QueryAsync(new GetRequestQuery(filed.Id, null));
        var decisionDue = request.Deadlines.Single(deadline => deadline.Key == "complaint_decision").Due;

        var georgian = Text(await ComposeAsync(filed.Id, "court_claim", "ka", LetterRecipients.Court));

        georgian.Should().Contain($"საჩივარზე გადაწყვეტილება კანონით დადგენილ ვადაში, {GeorgianDates.Format(decisionDue, DateCase.Genitive)} ჩათვლით, არ მიღებულა.")
            .And.NotContain("საჩივარი არ დაკმაყოფილდა");
    }

    [SkippableTheory]
    [InlineData("01/26-555]")]
    [InlineData("01/26\n555")]
    public async Task An_answer_reference_that_could_not_be_read_back_whole_is_refused(string reference)
    {
        var filed = await FileAsync(null);

        var record = () => SendAsync(new RecordEventCommand(filed.Id, "answered", Citizen, Outcome: "refused", Reference: reference));

        (await record.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().ContainSingle(error => error.PropertyName == "Reference");
    }

    /// <summary>A request to City Hall filed on 26 November 2026, unanswered, with a complaint filed on 12 December.</summary>
    private async Task<Requests.FileRequest.FiledRequest> FileAndComplainOn12DecemberAsync()
    {
        var filed = await FileAsync(null);
        Clock.Advance(TimeSpan.FromDays(16));
        await SweepAllAsync(Services);
        await SendAsync(new RecordEventCommand(filed.Id, "escalate", Citizen));
        return filed;
    }

    private async Task<LetterDocument> ComposeAsync(Guid id, string kind, string language, string recipient)
    {
        await using var scope = Services.CreateAsyncScope();
        var request = await scope.ServiceProvider.GetRequiredService<IRequestQueries>().GetAsync(id, CancellationToken.None);
        scope.ServiceProvider.GetRequiredService<ILetterTemplates>().TryGet("ge-gac", kind, language, out var template).Should().BeTrue();
        var today = scope.ServiceProvider.GetRequiredService<IStatuteCatalog>().GetStatute("ge-gac").LegalDateOf(Clock.GetUtcNow());
        return await scope.ServiceProvider.GetRequiredService<LetterComposer>().ComposeAsync(request!, template!, recipient, today, CancellationToken.None);
    }

    private static string Text(LetterDocument letter) => string.Join('\n', letter.Blocks.Select(block => block.Text));

    /// <summary>The list that follows the "Enclosures:" paragraph.</summary>
    private static List<string> Enclosures(LetterDocument letter) =>
        letter.Blocks.SkipWhile(block => block.Text is not ("დანართები:" or "Enclosures:")).Skip(1)
            .TakeWhile(block => block.Kind == LetterBlockKind.ListItem).Select(block => block.Text).ToList();
}

public sealed class SqliteLetterFactsTests : LetterFactsTests;

public sealed class PostgresLetterFactsTests : LetterFactsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
