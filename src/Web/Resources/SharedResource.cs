namespace FoiTracker.Web.Resources;

/// <summary>
/// The one resource class of the site's texts: SharedResource.ka.resx and SharedResource.en.resx
/// beside it hold every key in both languages. Pages reach it as <c>Text["Key"]</c> (see _ViewImports).
/// </summary>
public sealed class SharedResource;
