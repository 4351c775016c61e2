using System.Data.Common;
using System.Xml.Linq;
using Dapper;
using FoiTracker.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FoiTracker.Infrastructure.Identity;

/// <summary>
/// Keeps the Data Protection keys (which protect bearer tokens and the pages' cookie) in the
/// database, table <c>data_protection_keys</c>, so every node that shares the database accepts
/// the tokens any of them issued. Data Protection calls it synchronously and rarely (at start and
/// when its key ring is refreshed), so it opens its own short connection each time.
/// </summary>
public sealed class DatabaseXmlRepository(DatabaseOptions options, TimeProvider clock, ILogger<DatabaseXmlRepository> logger) : IXmlRepository
{
    /// <summary>Where keys were kept before they moved into the database: <c>{Data:Directory}/keys</c>.</summary>
    public string LegacyFolder => Path.Combine(options.DataDirectory, "keys");

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = Open();
        return connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY created_at, name")
            .Select(xml => XElement.Parse(xml))
            .ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var connection = Open();
        Store(connection, element, friendlyName);
    }

    /// <summary>
    /// Moves the keys of the data folder into the database once: tokens and cookies issued before the
    /// upgrade stay valid. The folder is then renamed (<c>keys.imported</c>) so it is not read again.
    /// Returns how many keys were found there.
    /// </summary>
    public int ImportLegacyFolder()
    {
        var folder = new DirectoryInfo(LegacyFolder);
        if (!folder.Exists)
            return 0;
        var files = folder.GetFiles("*.xml");
        using (var connection = Open())
        {
            foreach (var file in files)
                Store(connection, XElement.Load(file.FullName), Path.GetFileNameWithoutExtension(file.Name));
        }

        var target = LegacyFolder + ".imported";
        if (Directory.Exists(target))
            target += "-" + clock.GetUtcNow().ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        folder.MoveTo(target);
        logger.LogInformation("Moved {Count} data-protection key(s) from {Folder} into the database; the folder is now {Target}", files.Length, LegacyFolder, target);
        return files.Length;
    }

    private void Store(DbConnection connection, XElement element, string friendlyName)
    {
        // A key's name is unique ("key-<id>"); storing one already there (a second import) changes nothing.
        var name = string.IsNullOrEmpty(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName;
        connection.Execute(
            "INSERT INTO data_protection_keys (name, xml, created_at) VALUES (@Name, @Xml, @CreatedAt) ON CONFLICT (name) DO NOTHING",
            new { Name = name, Xml = element.ToString(SaveOptions.DisableFormatting), CreatedAt = clock.GetUtcNow() });
    }

    private DbConnection Open()
    {
        DbConnection connection = options.Provider == DatabaseProvider.Postgres
            ? new NpgsqlConnection(options.ConnectionString)
            : new SqliteConnection(options.ConnectionString);
        connection.Open();
        return connection;
    }
}
