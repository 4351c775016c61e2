using FoiTracker.Application.Common.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiTracker.Web.Pages;

/// <summary>
/// What a visitor sees instead of a page that answered with an error and no body: a page that does
/// not exist (404), a form sent without its antiforgery token (400), a page their role does not
/// open (403), too many attempts in a short time (429, with Retry-After), or a failure on our
/// side (500, logged by the exception handler). It is rendered in
/// place of the failed address, with the same method, so it answers POST as well as GET.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }

    public string TitleKey => Status switch
    {
        StatusCodes.Status400BadRequest => "Error.400.Title",
        StatusCodes.Status403Forbidden => "Error.403.Title",
        StatusCodes.Status404NotFound => "Error.404.Title",
        StatusCodes.Status429TooManyRequests => "Error.429.Title",
        _ => "Error.500.Title",
    };

    public string ExplanationKey => TitleKey.Replace(".Title", ".Explanation", StringComparison.Ordinal);

    public void OnGet(int code)
    {
        // An exception a page did not catch still says what it was: an unknown thing is a 404, not a 500.
        Status = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error switch
        {
            NotFoundException => StatusCodes.Status404NotFound,
            ForbiddenException => StatusCodes.Status403Forbidden,
            null => code is >= 400 and < 600 ? code : StatusCodes.Status404NotFound,
            _ => StatusCodes.Status500InternalServerError,
        };
        Response.StatusCode = Status;
    }

    public void OnPost(int code) => OnGet(code);
}
