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
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };

    private static ValidationProblemDetails Validation(ValidationException exception)
    {
        var errors = exception.Errors
            .GroupBy(failure => ToCamelCase(failure.PropertyName))
            .ToDictionary(group => group.Key, group => group.Select(failure => failure.ErrorMessage).Distinct().ToArray());
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
            return $"The body is not valid JSON for this endpoint: {json.Message}";
        var match = BindFailure().Match(exception.Message);
        if (!match.Success)
            return exception.Message;
        var expected = match.Groups["type"].Value switch
        {
            "int" or "long" or "Int32" or "Int64" => "a whole number",
            "DateOnly" => "a date as yyyy-MM-dd",
            "DateTimeOffset" or "DateTime" => "a date and time in ISO 8601",
            "bool" or "Boolean" => "true or false",
            "Guid" => "an identifier like 3f2504e0-4f89-11d3-9a0c-0305e82c3301",
            var other => $"a value of type {other}",
        };
        return $"'{match.Groups["value"].Value}' is not valid for '{match.Groups["name"].Value}': expected {expected}.";
    }

    [GeneratedRegex("^Failed to bind parameter \"(?:Nullable<)?(?<type>\\w+)>? (?<name>\\w+)\" from \"(?<value>.*)\"\\.$")]
    private static partial Regex BindFailure();

    private static string ToCamelCase(string name) =>
        string.IsNullOrEmpty(name) ? name : string.Join('.', name.Split('.').Select(part => char.ToLowerInvariant(part[0]) + part[1..]));
}
