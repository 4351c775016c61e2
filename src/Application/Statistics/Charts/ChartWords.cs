using System.Globalization;
using FoiTracker.Domain.Statistics;

namespace FoiTracker.Application.Statistics.Charts;

/// <summary>The words of the charts in Georgian or English.</summary>
internal sealed class ChartWords
{
    private static readonly ChartWords English = new(false);
    private static readonly ChartWords Georgian = new(true);

    private ChartWords(bool ka) => Ka = ka;

    public bool Ka { get; }

    public string Language => Ka ? "ka" : "en";

    public static ChartWords For(string? lang) => lang == "ka" ? Georgian : English;

    public string BodyHead => Ka ? "უწყება" : "Body";

    public string MonthHead => Ka ? "თვე" : "Month";

    public string DayHead => Ka ? "სამუშაო დღე" : "Working day";

    public string DayAxis => Ka ? "სამუშაო დღეები მოთხოვნიდან" : "Working days since the request";

    public string OnTimeHead => Ka ? "დროულად გაცემული" : "Answered on time";

    public string OnTimeAxis => Ka ? "დროულად გაცემული პასუხების წილი (95 % ინტერვალით)" : "Share answered on time (with 95 % interval)";

    public string SurvivalHead => Ka ? "ჯერ უპასუხო წილი" : "Share still unanswered";

    public string OnTimeTitle(StatisticsScope scope) =>
        Ka ? $"დროულად გაცემული პასუხები უწყებების მიხედვით, {scope.Period}" : $"Answered on time, by body, {scope.Period}";

    public string OnTimeDescription(StatisticsScope scope, int shown, int omitted) => Ka
        ? Format($"{scope.Period} პერიოდში გაგზავნილი და {scope.AsOf:yyyy-MM-dd}-მდე ვადაგასული მოთხოვნების წილი, რომლებზეც პირველი არსებითი პასუხი კანონით დადგენილ ვადაში მოვიდა, 95 % უილსონის ინტერვალით. ნაჩვენებია {shown} უწყება; {omitted} უწყება, რომელსაც {ChartQueryHandlers.MinDueForShare}-ზე ნაკლები ვადაგასული მოთხოვნა აქვს, გამოტოვებულია.")
        : Format($"Share of the requests sent in {scope.Period} and due by {scope.AsOf:yyyy-MM-dd} whose first substantive answer came by the statutory due date, with 95 % Wilson intervals. {shown} bodies shown; {omitted} with fewer than {ChartQueryHandlers.MinDueForShare} due requests left out.");

    public string TrendTitle(StatisticsScope scope, string? body) =>
        (Ka ? $"დროულად გაცემული პასუხები თვეების მიხედვით, {scope.Period}" : $"Answered on time, by month sent, {scope.Period}") + Of(body);

    public string TrendDescription(StatisticsScope scope, int months) => Ka
        ? Format($"ყოველ თვეში გაგზავნილი და {scope.AsOf:yyyy-MM-dd}-მდე ვადაგასული მოთხოვნებიდან დროულად გაცემული პასუხების წილი. ნაჩვენებია {months} თვე, რომელშიც სულ მცირე {ChartQueryHandlers.MinDueForShare} ვადაგასული მოთხოვნაა.")
        : Format($"For the requests sent in each month and due by {scope.AsOf:yyyy-MM-dd}, the share answered on time. {months} months with at least {ChartQueryHandlers.MinDueForShare} due requests are shown.");

    public string SurvivalTitle(StatisticsScope scope, string? body) =>
        (Ka ? $"პასუხის მოლოდინის დრო სამუშაო დღეებში, {scope.Period}" : $"Time to answer in working days, {scope.Period}") + Of(body);

    public string SurvivalDescription(StatisticsScope scope, KaplanMeier estimate)
    {
        var median = estimate.Median is { } days ? days.ToString(CultureInfo.InvariantCulture) : (Ka ? "ვერ მიიღწა" : "not reached");
        return Ka
            ? Format($"{scope.Period} პერიოდში გაგზავნილი მოთხოვნების წილი, რომლებსაც ყოველი სამუშაო დღის შემდეგ ჯერ კიდევ არ ჰქონდათ არსებითი პასუხი (კაპლან–მაიერის შეფასება, {estimate.Count} მოთხოვნა, ღია და გაწვეული მოთხოვნები ცენზურირებულია; მდგომარეობა {scope.AsOf:yyyy-MM-dd}). მედიანა: {median}.")
            : Format($"Share of the requests sent in {scope.Period} still without a substantive answer after each working day (Kaplan–Meier estimate over {estimate.Count} requests, open and withdrawn ones censored; as of {scope.AsOf:yyyy-MM-dd}). Median: {median}.");
    }

    public string Day(int days) => Ka ? Format($"{days} დღე") : Format($"day {days}");

    public static string Percent(double share) => Format($"{share * 100:0.#} %");

    public string Share(Proportion share) => Ka
        ? Format($"{share.Value * 100:0.#} % ({share.Trials}-დან {share.Successes}; 95 % ინტ. {share.Lower * 100:0.#}–{share.Upper * 100:0.#} %)")
        : Format($"{share.Value * 100:0.#} % ({share.Successes} of {share.Trials}; 95 % CI {share.Lower * 100:0.#}–{share.Upper * 100:0.#} %)");

    public string Survival(SurvivalStep step) => Ka
        ? Format($"{step.Survival * 100:0.#} % (95 % ინტ. {step.Lower * 100:0.#}–{step.Upper * 100:0.#} %; რისკის ქვეშ {step.AtRisk})")
        : Format($"{step.Survival * 100:0.#} % (95 % CI {step.Lower * 100:0.#}–{step.Upper * 100:0.#} %; {step.AtRisk} at risk)");

    private static string Of(string? body) => string.IsNullOrWhiteSpace(body) ? "" : $" ({body.Trim()})";

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
