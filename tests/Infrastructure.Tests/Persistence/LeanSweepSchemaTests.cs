using Dapper;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Infrastructure.Tests.Persistence;

/// <summary>
/// Migration 0011: an event key is unique per request through a partial index that entries without
/// a key stay out of, and on PostgreSQL the timers' key leads with the request instead of a
/// separate request index. Migration 0012: the sweep claims requests by their own next due instant,
/// the timer history is keyed by request on both databases, and the stage index is ordered by
/// when requests entered their stage.
/// </summary>
public sealed class LeanSweepSchemaTests
{
    [SkippableTheory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TimelineEventKeys_AreUniqueOnlyWhereTheyArePresent(DatabaseProvider provider)
    {
        await using var database = await MigratedDatabase.CreateAsync(provider);
        var connection = database.Connection;

        var definitions = provider == DatabaseProvider.Sqlite
            ? await connection.QueryAsync<string>(
                """
                SELECT group_concat(c.name, ',') || CASE WHEN l.partial = 1 THEN ' partial' ELSE '' END
                FROM pragma_index_list('timeline') l JOIN pragma_index_info(l.name) c
                WHERE l."unique" = 1 GROUP BY l.name
                """)
            : await connection.QueryAsync<string>(
                """
                SELECT string_agg(a.attname, ',' ORDER BY k.ord) || CASE WHEN i.indpred IS NOT NULL THEN ' partial' ELSE '' END
                FROM pg_index i
                CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                WHERE i.indrelid = 'timeline'::regclass AND i.indisunique
                GROUP BY i.indexrelid, i.indpred
                """);

        definitions.Should().BeEquivalentTo("id", "request_id,seq", "request_id,event_key partial");
    }

    [SkippableTheory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Requests_AreIndexedForTheSweepAndTheQueue_AndTimerHistoryIsKeyedByRequest(DatabaseProvider provider)
    {
        await using var database = await MigratedDatabase.CreateAsync(provider);
        var connection = database.Connection;

        async Task<string> Columns(string index) => provider == DatabaseProvider.Sqlite
            ? string.Join(",", await connection.QueryAsync<string>($"SELECT name FROM pragma_index_info('{index}') ORDER BY seqno"))
            : await connection.ExecuteScalarAsync<string>(
                """
                SELECT string_agg(a.attname, ',' ORDER BY k.ord)
                FROM pg_index i
                CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                WHERE i.indexrelid = @Index::regclass
                """,
                new { Index = index }) ?? "";

        (await Columns("ix_requests_next_due")).Should().Be("next_due_at,id");
        (await Columns("ix_requests_stage")).Should().Be("stage,body_key,stage_entered_at");
        if (provider == DatabaseProvider.Sqlite)
        {
            // A WITHOUT ROWID table is its primary key's B-tree: pragma_index_list names it as the one index.
            var indexes = (await connection.QueryAsync<(string Name, string Origin)>("SELECT name, origin FROM pragma_index_list('request_timers')")).ToList();
            indexes.Should().ContainSingle().Which.Origin.Should().Be("pk");
            (await Columns(indexes[0].Name)).Should().Be("request_id,id");
            (await connection.ExecuteScalarAsync<string>("SELECT sql FROM sqlite_schema WHERE name = 'request_timers'")).Should().Contain("WITHOUT ROWID");
        }
        else
        {
            // Armed timers live in the request's row; this table is their history, read per request.
            (await connection.QueryAsync<string>("SELECT indexname FROM pg_indexes WHERE tablename = 'request_timers'")).Should().Equal("request_timers_pkey");
            (await Columns("request_timers_pkey")).Should().Be("request_id,id");
        }
    }
}
