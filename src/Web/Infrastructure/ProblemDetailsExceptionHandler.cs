using System.Text.RegularExpressions;
using FluentValidation;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Letters;
using FoiTracker.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace FoiTracker.Web.Infrastructure;

/// <summary>
/// The one place where an exception becomes an HTTP answer: RFC 9457 ProblemDetails with a
/// sentence a person understands. Anything unexpected is logged and answered with a plain 500
/// that carries a trace id, never a stack trace.
/// </summary>
public sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ValidationException validation => Validation(validation),
            BadHttpRequestException badRequest => Problem(badRequest.StatusCode, "The request is malformed.", Simplify(badRequest)),
            NotFoundException notFound => Problem(StatusCodes.Status404NotFound, "Not found.", notFound.Message),
            AuthenticationFailedException failed => Problem(StatusCodes.Status401Unauthorized, "Sign-in failed.", failed.Message),
            ConflictException conflict => Problem(StatusCodes.Status409Conflict, "Conflict.", conflict.Message),
            LimitReachedException limit => Problem(StatusCodes.Status429TooManyRequests, "Too many attempts.", limit.Message),
            LetterContentException letter => Problem(StatusCodes.Status400BadRequest, "The letter cannot be produced.", letter.Message),
            ForbiddenException forbidden => Problem(StatusCodes.Status403Forbidden, "Not allowed.", forbidden.Message),
            BusinessRuleViolationException rule => RuleBroken(rule),
            _ => null,
        };

        if (problem is null)
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);

        // A page answers with the site's error page in its language (Pages/Error), not with JSON.
        if (Pages.Support.PageServices.IsPageRequest(httpContext))
            return false;

        problem ??= Problem(StatusCodes.Status500InternalServerError, "Something went wrong on our side.", "The error was logged; please try again, and tell the administrators if it persists.");

        httpContext.Response.StatusCode = problem.Status!.Value;
        if (exception is LimitReachedException reached)
            httpContext.Response.Headers.RetryAfter = ProblemAnswer.RetryAfterSeconds(reached.RetryAfter);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = CutQuotedValues(detail) };

    private static ValidationProblemDetails Validation(ValidationException exception)
    {
        var errors = exception.Errors
            .GroupBy(failure => ToCamelCase(failure.PropertyName))
            .ToDictionary(group => group.Key, group => group.Select(failure => CutQuotedValues(failure.ErrorMessage)).Distinct().ToArray());
        return new ValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request has invalid fields.",
            Detail = string.Join(" ", errors.Values.SelectMany(messages => messages)),
        };
    }

    private static ProblemDetails RuleBroken(BusinessRuleViolationException exception)
    {
        var problem = Problem(StatusCodes.Status409Conflict, "This cannot be done now.", exception.Message);
        problem.Extensions["rule"] = exception.Rule;
        return problem;
    }

    // Binding failures name the C# parameter and type; say it in the caller's terms instead.
    private static string Simplify(BadHttpRequestException exception)
    {
        if (exception.InnerException is System.Text.Json.JsonException json)
            return JsonProblem(json);
        if (exception.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal)
            || exception.Message.StartsWith("Required parameter", StringComparison.Ordinal) && exception.Message.EndsWith("from body.", StringComparison.Ordinal))
            return "The request needs a JSON body; see /api/docs for its fields.";
        if (RequiredParameter().Match(exception.Message) is { Success: true } required)
            return $"'{required.Groups["name"].Value}' is required.";
        var match = BindFailure().Match(exception.Message);
        if (match.Success)
            return $"'{match.Groups["value"].Value}' is not valid for '{match.Groups["name"].Value}': expected {Expected(match.Groups["type"].Value)}.";
        // Any other message that names a C# parameter says nothing a caller can act on.
        return exception.Message.Contains("parameter \"", StringComparison.Ordinal)
            ? "The request could not be read; see /api/docs for what this address accepts."
            : exception.Message;
    }

    // System.Text.Json names the CLR type it could not make; say where in the body and what was expected.
    private static string JsonProblem(System.Text.Json.JsonException json)
    {
        var where = json.Path is { Length: > 1 } path ? $" at '{path}'" : string.Empty;
        if (JsonConversion().Match(json.Message) is { Success: true } conversion)
        {
            // For a field of a record the serializer names the record, not the field's type.
            var expected = Expected(conversion.Groups["type"].Value);
            return expected == AnObject && where.Length > 0
                ? $"The body is not valid JSON for this endpoint{where}: the value is not of the type this field takes (see /api/docs)."
                : $"The body is not valid JSON for this endpoint{where}: expected {expected}.";
        }
        var line = (json.LineNumber ?? 0) + 1;
        var position = (json.BytePositionInLine ?? 0) + 1;
        return $"The body is not valid JSON for this endpoint{where}: it breaks off or is malformed near line {line}, position {position}.";
    }

    private static string Expected(string clrType)
    {
        var inner = clrType.Replace("System.Nullable`1[", string.Empty, StringComparison.Ordinal).TrimEnd(']');
        var name = inner[(inner.LastIndexOfAny(['.', '+']) + 1)..];
        return name switch
        {
            "string" or "String" => "text in quotes",
            "int" or "long" or "Int32" or "Int64" => "a whole number",
            "DateOnly" => "a date as yyyy-MM-dd",
            "DateTimeOffset" or "DateTime" => "a date and time in ISO 8601",
            "bool" or "Boolean" => "true or false",
            "Guid" => "an identifier like 3f2504e0-4f89-11d3-9a0c-0305e82c3301",
            _ when inner.Contains("List`1", StringComparison.Ordinal) || inner.EndsWith("[]", StringComparison.Ordinal) => "a list",
            _ => AnObject,
        };
    }

    private const string AnObject = "an object with the fields in /api/docs";

    /// <summary>
    /// A message may quote what the caller sent; a long value is cut to its first
    /// <see cref="MaxQuotedLength"/> characters and "…", so a megabyte sent is not a megabyte echoed.
    /// </summary>
    internal static string CutQuotedValues(string? message) =>
        message is null ? string.Empty : QuotedValue().Replace(message, quoted =>
        {
            var value = quoted.Groups["value"].Value;
            var quote = quoted.Groups["quote"].Value;
            return value.Length <= MaxQuotedLength ? quoted.Value : $"{quote}{value[..MaxQuotedLength]}…{quote}";
        });

    private const int MaxQuotedLength = 100;

    [GeneratedRegex("^Failed to bind parameter \"(?:Nullable<)?(?<type>\\w+)>? (?<name>\\w+)\" from \"(?<value>.*)\"\\.$", RegexOptions.Singleline)]
    private static partial Regex BindFailure();

    [GeneratedRegex("^Required parameter \"[\\w<>?]+ (?<name>\\w+)\" was not provided", RegexOptions.Singleline)]
    private static partial Regex RequiredParameter();

    [GeneratedRegex("could not be converted to (?<type>[\\w.`\\[\\]+]+?)\\.(?: Path|$)")]
    private static partial Regex JsonConversion();

    [GeneratedRegex("(?<quote>['\"])(?<value>[^'\"]{101,})\\k<quote>", RegexOptions.Singleline)]
    private static partial Regex QuotedValue();

    private static string ToCamelCase(string name) =>
        string.IsNullOrEmpty(name) ? name : string.Join('.', name.Split('.').Select(part => char.ToLowerInvariant(part[0]) + part[1..]));
}
