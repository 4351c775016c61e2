using Microsoft.Extensions.Configuration;

namespace FoiTracker.Tests.Support;

/// <summary>Configuration from key/value pairs, as the service reads it from appsettings or the environment.</summary>
public static class TestSettings
{
    public static IConfiguration From(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(setting => KeyValuePair.Create(setting.Key, (string?)setting.Value)))
            .Build();
}
