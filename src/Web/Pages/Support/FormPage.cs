using FluentValidation;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace FoiTracker.Web.Pages.Support;

/// <summary>
/// A page with a form. Its handler sends the Application's command; what the Application's
/// validators refuse comes back as field errors next to the fields (<see cref="FieldTagHelper"/>),
/// and the form is shown again with status 400. A success redirects (POST → redirect → GET), so a
/// reload never sends the form twice.
/// </summary>
public abstract class FormPage(IStringLocalizer<SharedResource> text) : PageModel
{
    /// <summary>The prefix of the form's fields: a page binds its form to a property named Input.</summary>
    public const string InputPrefix = "Input";

    protected IStringLocalizer<SharedResource> Text => text;

    /// <summary>A one-line message shown on the next page after a redirect (the layout shows it).</summary>
    [TempData]
    public string? Notice { get; set; }

    /// <summary>
    /// Runs a form's work: what it returns (a redirect) on success; the form again with the
    /// Application's validation messages beside <paramref name="formFields"/> when it is refused.
    /// Other expected refusals (a wrong password, an e-mail taken) the page catches inside
    /// <paramref name="work"/>, showing them with <see cref="ShowError"/> and returning <see cref="FormAgain"/>.
    /// </summary>
    protected async Task<IActionResult> SubmitAsync(Func<Task<IActionResult>> work, params string[] formFields)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            return await work();
        }
        catch (ValidationException ex)
        {
            ShowErrors(ex, formFields);
            return FormAgain();
        }
        catch (LimitReachedException ex)
        {
            // Too many failed sign-ins, too many requests today: said at the top of the form, as a 429.
            ShowError(string.Empty, Text[$"Limits.{ex.Topic}", (int)Math.Ceiling(ex.RetryAfter.TotalMinutes)]);
            var page = FormAgain();
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = Infrastructure.ProblemAnswer.RetryAfterSeconds(ex.RetryAfter);
            return page;
        }
    }

    /// <summary>
    /// Puts each refused field's message beside the field named like the command's property
    /// (<c>Input.Email</c> for <c>Email</c>); a message about a property the form does not show goes
    /// to the top of the form. A message is shown in the page's language where the resx files have
    /// it (its English text is the key), else as the Application wrote it.
    /// </summary>
    protected void ShowErrors(ValidationException exception, params string[] formFields)
    {
        ArgumentNullException.ThrowIfNull(exception);
        foreach (var failure in exception.Errors)
        {
            var key = formFields.Contains(failure.PropertyName, StringComparer.Ordinal) ? $"{InputPrefix}.{failure.PropertyName}" : string.Empty;
            ShowError(key, text[failure.ErrorMessage]);
        }
    }

    /// <summary>An error beside one field (<c>"Input.Email"</c>), or at the top of the form for <c>""</c>.</summary>
    protected void ShowError(string key, string message)
    {
        if (ModelState.TryGetValue(key, out var entry) && entry.Errors.Any(error => error.ErrorMessage == message))
            return;
        ModelState.AddModelError(key, message);
    }

    /// <summary>The form again, with its errors, as a 400: the visitor's input was refused.</summary>
    protected IActionResult FormAgain()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>Back to a page of this site only; anything else (another host, "//evil") goes home.</summary>
    protected IActionResult RedirectLocal(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl)
            ? LocalRedirect(returnUrl)
            : LocalRedirect(Url.SitePage(SitePages.Home)!);
}

/// <summary>A <see cref="FormPage"/> whose form binds to <see cref="Input"/>: its fields are named <c>Input.X</c>.</summary>
public abstract class FormPage<TInput>(IStringLocalizer<SharedResource> text) : FormPage(text)
    where TInput : new()
{
    [BindProperty]
    public TInput Input { get; set; } = new();
}
