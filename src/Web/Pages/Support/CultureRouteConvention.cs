using System.Text;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace FoiTracker.Web.Pages.Support;

/// <summary>
/// Gives every page its address: <c>{culture}</c> in front, then the page's path in lower-case words
/// joined by hyphens, so Pages/Account/ChangePassword.cshtml answers at <c>/ka/account/change-password</c>
/// and <c>/en/account/change-password</c>. A page whose <c>@page</c> template starts with "/" (as
/// <c>@page "/bodies/{key}"</c>) gets the prefix too. The error page is the one exception: it is
/// rendered in place of any address, with a language or without.
/// </summary>
public sealed class CultureRouteConvention : IPageRouteModelConvention
{
    public const string ErrorPage = "/Error";

    public void Apply(PageRouteModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.ViewEnginePath == ErrorPage)
            return;
        foreach (var selector in model.Selectors)
        {
            var route = selector.AttributeRouteModel ??= new AttributeRouteModel();
            var template = string.Join('/', (route.Template ?? string.Empty).TrimStart('~').TrimStart('/').Split('/').Select(Kebab));
            route.Template = template.Length == 0 ? SiteCulture.RoutePrefix : $"{SiteCulture.RoutePrefix}/{template}";
        }
    }

    /// <summary>"ChangePassword" → "change-password"; a segment with a parameter is left as it is.</summary>
    public static string Kebab(string segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        if (segment.Contains('{', StringComparison.Ordinal))
            return segment;
        var result = new StringBuilder(segment.Length + 4);
        for (var i = 0; i < segment.Length; i++)
        {
            if (char.IsUpper(segment[i]) && i > 0 && char.IsLower(segment[i - 1]))
                result.Append('-');
            result.Append(char.ToLowerInvariant(segment[i]));
        }

        return result.ToString();
    }
}
