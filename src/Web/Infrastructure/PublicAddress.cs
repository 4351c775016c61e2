namespace FoiTracker.Web.Infrastructure;

/// <summary>
/// The service's public address for permanent links: <c>Statistics:PublicBaseUrl</c> when set
/// (behind a proxy the request's own host may be an internal name), else the request's scheme and host.
/// </summary>
public static class PublicAddress
{
    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var configured = context.RequestServices.GetRequiredService<IConfiguration>()["Statistics:PublicBaseUrl"];
        if (!string.IsNullOrWhiteSpace(configured))
            return configured.TrimEnd('/');
        var request = context.Request;
        return $"{request.Scheme}://{request.Host}{request.PathBase}";
    }
}
