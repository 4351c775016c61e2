using System.Globalization;
using System.Text.RegularExpressions;
using FluentValidation;
using FoiTracker.Application.Bodies;
using FoiTracker.Domain.Requests;
using Mediator;

namespace FoiTracker.Application.Requests.Citizen;

/// <summary>
/// Before filing: requests already made to the same body about the same thing (words of the
/// subject), so a citizen can read an answer that exists instead of asking again. Only requests
/// that were sent: a draft or a letter waiting to be posted is its requester's own. Only the body's
/// latest <see cref="SearchedLatest"/> requests are read, so the page answers as fast for a body with a
/// hundred thousand requests as for one with ten; the page says so.
/// </summary>
public sealed record FindSimilarRequestsQuery(string? BodyKey, string? Subject, int Limit = FindSimilarRequestsQuery.DefaultLimit)
    : IQuery<IReadOnlyList<SimilarRequestDto>>
{
    public const int DefaultLimit = 10;

    /// <summary>How many of the body's latest requests are searched: weeks of the busiest body's requests, years of most bodies'.</summary>
    public const int SearchedLatest = 5000;
}

public sealed record SimilarRequestDto(Guid Id, string Number, string Subject, LocalizedDto StageName, DateTimeOffset? SubmittedAt);

public sealed class FindSimilarRequestsValidator : AbstractValidator<FindSimilarRequestsQuery>
{
    public FindSimilarRequestsValidator()
    {
        RuleFor(query => query.BodyKey).NotEmpty().WithMessage("Choose the public body first.").MaximumLength(80);
        RuleFor(query => query.Subject).MaximumLength(FoiRequest.MaxSubjectLength).WithMessage($"'subject' can have at most {FoiRequest.MaxSubjectLength} characters.");
        RuleFor(query => query.Limit).InclusiveBetween(1, 50);
    }
}

public sealed partial class FindSimilarRequestsHandler(ICitizenRequestQueries queries, CitizenWords words)
    : IQueryHandler<FindSimilarRequestsQuery, IReadOnlyList<SimilarRequestDto>>
{
    // Short words ("of", "და") match nearly everything; a handful of long ones say what the request is about.
    private const int MinWordLength = 4;
    private const int MaxWords = 8;

    public async ValueTask<IReadOnlyList<SimilarRequestDto>> Handle(FindSimilarRequestsQuery query, CancellationToken cancellationToken)
    {
        var rows = await queries.SimilarAsync(query.BodyKey!, WordsOf(query.Subject), words.UnsentStages(), FindSimilarRequestsQuery.SearchedLatest, query.Limit, cancellationToken);
        return rows.Select(row => new SimilarRequestDto(
                row.Id, row.Number, row.Subject, CitizenWords.StageName(words.StatuteOf(row.Statute, 0), row.Stage), row.SubmittedAt))
            .ToList();
    }

    public static IReadOnlyList<string> WordsOf(string? subject) =>
        NotAWordPart().Split(subject ?? string.Empty)
            .Where(word => word.Length >= MinWordLength)
            .Select(word => word.ToLower(CultureInfo.InvariantCulture))
            .Distinct(StringComparer.Ordinal)
            .Take(MaxWords)
            .ToList();

    [GeneratedRegex(@"[^\p{L}\p{Nd}]+")]
    private static partial Regex NotAWordPart();
}
