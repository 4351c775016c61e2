using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace FoiTracker.Web.Pages.Support;

/// <summary>
/// One form field, labelled, with its hint and its errors next to it:
/// <c>&lt;field for="Input.Email" label="@Text["Account.Email"]" type="email" autocomplete="email" /&gt;</c>.
/// The errors are those the page put into ModelState under the field's name (the Application's
/// validation messages, see <see cref="FormPage"/>); the input is marked aria-invalid and points at
/// them with aria-describedby, so a screen reader reads them with the field. A password is never
/// written back into the page.
/// </summary>
[HtmlTargetElement("field", Attributes = "for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper : TagHelper
{
    [HtmlAttributeName("for")]
    public ModelExpression For { get; set; } = null!;

    /// <summary>The field's name in the form and in ModelState where it differs from <see cref="For"/> (a GET form's short <c>q</c>).</summary>
    public string? Name { get; set; }

    public string Label { get; set; } = string.Empty;

    public string Type { get; set; } = "text";

    public string? Autocomplete { get; set; }

    public string? Hint { get; set; }

    public bool Required { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var name = Name ?? For.Name;
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var errors = ViewContext.ModelState.TryGetValue(name, out var entry) ? entry.Errors.Select(error => error.ErrorMessage).ToList() : [];

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", errors.Count > 0 ? "field field-invalid" : "field");

        var label = new TagBuilder("label");
        label.Attributes["for"] = id;
        label.InnerHtml.Append(Label);
        output.Content.AppendHtml(label);

        var describedBy = new List<string>();
        if (!string.IsNullOrWhiteSpace(Hint))
        {
            output.Content.AppendHtml(Paragraph($"{id}-hint", "hint", Hint));
            describedBy.Add($"{id}-hint");
        }

        if (errors.Count > 0)
        {
            output.Content.AppendHtml(Paragraph($"{id}-error", "field-error", string.Join(" ", errors)));
            describedBy.Add($"{id}-error");
        }

        var input = new TagBuilder("input") { TagRenderMode = TagRenderMode.SelfClosing };
        input.Attributes["id"] = id;
        input.Attributes["name"] = name;
        input.Attributes["type"] = Type;
        if (Type != "password" && Value(entry) is { Length: > 0 } value)
            input.Attributes["value"] = value;
        if (Autocomplete is not null)
            input.Attributes["autocomplete"] = Autocomplete;
        if (Required)
            input.Attributes["required"] = "required";
        if (errors.Count > 0)
            input.Attributes["aria-invalid"] = "true";
        if (describedBy.Count > 0)
            input.Attributes["aria-describedby"] = string.Join(' ', describedBy);
        output.Content.AppendHtml(input);
    }

    // What the visitor typed, as posted; else the model's value.
    private string? Value(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateEntry? entry) =>
        entry?.AttemptedValue ?? For.Model?.ToString();

    private static TagBuilder Paragraph(string id, string cssClass, string text)
    {
        var paragraph = new TagBuilder("p");
        paragraph.Attributes["id"] = id;
        paragraph.AddCssClass(cssClass);
        paragraph.InnerHtml.Append(text);
        return paragraph;
    }
}
