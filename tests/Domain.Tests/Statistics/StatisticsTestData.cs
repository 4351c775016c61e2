using FoiTracker.Domain.Statistics;

namespace FoiTracker.Domain.Tests.Statistics;

internal static class StatisticsTestData
{
    public static DateOnly D(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static DateOnly? N(string? text) => text is null ? null : D(text);

    public static RequestObservation Request(
        string sent, string? due, string? answeredOn = null, string? outcome = null, string? withdrawn = null) =>
        new()
        {
            BodyKey = "ge-gori-city-hall",
            StatuteId = "ge-gac",
            SubmittedOn = D(sent),
            AnswerDue = N(due),
            FirstAnswerOn = N(answeredOn),
            FirstAnswerOutcome = outcome,
            WithdrawnOn = N(withdrawn),
        };

    /// <summary>IDFI's four categories; forwarded, pending and withdrawn are not counted.</summary>
    public static OutcomeMapping Idfi() => new(
        "idfi",
        1,
        ["complete", "incomplete", "refusal", "no_reply"],
        new Dictionary<StatisticsOutcome, string?>
        {
            [StatisticsOutcome.Complete] = "complete",
            [StatisticsOutcome.Partial] = "incomplete",
            [StatisticsOutcome.Refused] = "refusal",
            [StatisticsOutcome.NotHeld] = "refusal",
            [StatisticsOutcome.Forwarded] = null,
            [StatisticsOutcome.NoReply] = "no_reply",
            [StatisticsOutcome.Pending] = null,
            [StatisticsOutcome.Withdrawn] = null,
        });
}
