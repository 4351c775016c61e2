using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace FoiTracker.Web.Pages.Public;

/// <summary>
/// A labelled choice from a list, with its errors beside it as the field tag helper shows them:
/// <c>&lt;choice name="kind" label="…" value="@Model.Kind" options="@options" /&gt;</c>, options as
/// (value, text) pairs; an empty value first (<see cref="Empty"/>) lets a filter mean "any".
/// </summary>
[HtmlTargetElement("choice", Attributes = "name", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ChoiceTagHelper : TagHelper
{
    public string Name { get; set; } = string.Empty;

    public string Label { get; set; } = string.Empty;

    public string? Value { get; set; }

    public string? Empty { get; set; }

    public IEnumerable<KeyValuePair<string, string>> Options { get; set; } = [];

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var id = TagBuilder.CreateSanitizedId(Name, "_");
        var errors = ViewContext.ModelState.TryGetValue(Name, out var entry) ? entry.Errors.Select(error => error.ErrorMessage).ToList() : [];
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", errors.Count > 0 ? "field field-invalid" : "field");

        var label = new TagBuilder("label");
        label.Attributes["for"] = id;
        label.InnerHtml.Append(Label);
        output.Content.AppendHtml(label);

        var select = new TagBuilder("select");
        select.Attributes["id"] = id;
        select.Attributes["name"] = Name;
        if (errors.Count > 0)
        {
            var error = new TagBuilder("p");
            error.Attributes["id"] = $"{id}-error";
            error.AddCssClass("field-error");
            error.InnerHtml.Append(string.Join(" ", errors));
            output.Content.AppendHtml(error);
            select.Attributes["aria-invalid"] = "true";
            select.Attributes["aria-describedby"] = $"{id}-error";
        }

        var chosen = entry?.AttemptedValue ?? Value;
        var options = Empty is null ? Options : Options.Prepend(new KeyValuePair<string, string>(string.Empty, Empty));
        foreach (var (value, text) in options)
        {
            var option = new TagBuilder("option");
            option.Attributes["value"] = value;
            if (string.Equals(value, chosen ?? string.Empty, StringComparison.Ordinal))
                option.Attributes["selected"] = "selected";
            option.InnerHtml.Append(text);
            select.InnerHtml.AppendHtml(option);
        }

        output.Content.AppendHtml(select);
    }
}
