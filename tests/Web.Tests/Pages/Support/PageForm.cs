using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace FoiTracker.Web.Tests.Pages.Support;

/// <summary>
/// A form on a page, filled in and sent as a browser sends it: every field it has (the hidden
/// antiforgery token included) with the values set here, to its action, by its method, with the
/// session's cookies. AngleSharp builds the submission from the form itself, so a field the page
/// forgot to render is missing here too.
/// </summary>
public sealed class PageForm
{
    private readonly PageSession _session;
    private readonly IHtmlFormElement _form;

    internal PageForm(PageSession session, IHtmlFormElement form)
    {
        _session = session;
        _form = form;
    }

    /// <summary>The names of the form's fields, in order.</summary>
    public IReadOnlyList<string> FieldNames =>
        _form.Elements.Select(element => element.GetAttribute("name")).OfType<string>().Where(name => name.Length > 0).ToList();

    /// <summary>Types a value into the field with this name; fails when the form has no such field.</summary>
    public PageForm Set(string name, string value)
    {
        switch (Field(name))
        {
            case IHtmlInputElement input:
                input.Value = value;
                break;
            case IHtmlTextAreaElement area:
                area.Value = value;
                break;
            case IHtmlSelectElement select:
                select.Value = value;
                break;
            default:
                throw new InvalidOperationException($"The field '{name}' cannot take a typed value.");
        }

        return this;
    }

    /// <summary>Ticks or clears a checkbox or radio button.</summary>
    public PageForm Check(string name, bool isChecked = true, string? value = null)
    {
        var box = _form.Elements.OfType<IHtmlInputElement>()
            .FirstOrDefault(input => input.Name == name && (value is null || input.Value == value))
            ?? throw new InvalidOperationException($"No checkbox or radio button '{name}'{(value is null ? "" : $" with value '{value}'")} in the form. Fields: {string.Join(", ", FieldNames)}");
        box.IsChecked = isChecked;
        return this;
    }

    /// <summary>Takes the antiforgery token out, as a form posted from another site would come.</summary>
    public PageForm WithoutAntiforgeryToken()
    {
        Field("__RequestVerificationToken").Remove();
        return this;
    }

    /// <summary>Sends the form (through the given submit button, if any) and returns the answer, a redirect not followed.</summary>
    public Task<HtmlPage> SubmitAsync(string? buttonSelector = null)
    {
        var button = buttonSelector is null ? null : _form.QuerySelector(buttonSelector) as IHtmlElement
            ?? throw new InvalidOperationException($"No button '{buttonSelector}' in the form.");
        var submission = (button is null ? _form.GetSubmission() : _form.GetSubmission(button)) ?? throw new InvalidOperationException("The form produced no submission.");
        var request = new HttpRequestMessage(new HttpMethod(submission.Method.ToString().ToUpperInvariant()), new Uri(submission.Target.Href));
        if (request.Method != HttpMethod.Get)
        {
            var content = new StreamContent(submission.Body);
            content.Headers.TryAddWithoutValidation("Content-Type", submission.MimeType);
            request.Content = content;
        }

        return _session.SendAsync(request);
    }

    private IElement Field(string name) =>
        _form.Elements.FirstOrDefault(element => element.GetAttribute("name") == name)
        ?? throw new InvalidOperationException($"No field '{name}' in the form. Fields: {string.Join(", ", FieldNames)}");
}
