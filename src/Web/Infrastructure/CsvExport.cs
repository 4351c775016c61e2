using CsvHelper;
using FluentValidation;
using FluentValidation.Results;

namespace FoiTracker.Web.Infrastructure;

/// <summary>
/// CSV answers: RFC 4180 (CRLF, quotes where needed) in UTF-8 with a byte order mark, so that
/// spreadsheets show Georgian text as Georgian. A cell that starts like a formula is escaped with
/// an apostrophe, so opening an export never runs what someone typed into a note.
/// </summary>
public static class CsvExport
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly CsvWriterOptions Options = new()
    {
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
    };

    /// <summary>True for <c>format=csv</c>, false for none or <c>json</c>; anything else is a 400.</summary>
    public static bool Wanted(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        null or "" or "json" => false,
        "csv" => true,
        _ => throw new ValidationException([new ValidationFailure("format", $"'format' must be 'json' or 'csv'; '{format}' is not.")]),
    };

    public static IResult File(string fileName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, Options, leaveOpen: true))
        {
            csv.WriteRecord([.. header]);
            foreach (var row in rows)
                csv.WriteRecord([.. row]);
        }

        return TypedResults.File(buffer.ToArray(), ContentType, fileName);
    }
}
