using FoiTracker.Application.Common.Models;
using FoiTracker.Application.Staff;

namespace FoiTracker.Infrastructure.Persistence.Repositories;

/// <summary>Assignments and internal notes (migration 0021), and the staff queue that shows them beside each request.</summary>
public sealed class StaffCaseRepository(DbSession session) : SqlRepository(session), IStaffCaseStore
{
    private const string StaffRoles = "('staff', 'admin')";

    /// <summary>
    /// Overdue first, the longest overdue first; then by the next deadline still running; then by number. Word for
    /// word the expressions of the queue's indexes (migration 0023), which is what lets both databases use them.
    /// </summary>
    /// <summary>
    /// The cases with a mail that failed or bounced or an effect given up (as <see cref="RequestQueries.MailProblemSql"/>
    /// says of one request), found from those few rows through their indexes rather than tested on every open case.
    /// </summary>
    private const string MailProblemCases =
        "f.request_id IN (SELECT m.request_id FROM mail_outgoing m WHERE m.status IN ('failed', 'bounced')" +
        " UNION SELECT o.request_id FROM outbox o WHERE o.failed_at IS NOT NULL)";

    private const string SearchedColumns =
        "f.request_id, f.closed_on, f.body_key, f.overdue_since, f.next_due, f.number, r.stage, r.subject, r.requester_name";

    private const string SearchedFrom = "FROM requests r JOIN request_facts f ON f.request_id = r.id";

    private const string QueueOrder = "COALESCE(f.overdue_since, '9999-12-31'), COALESCE(f.next_due, '9999-12-31'), f.number";

    public async Task<Guid?> FindRequestIdAsync(string number, CancellationToken cancellationToken) =>
        (await QueryAsync<Guid>("SELECT id FROM requests WHERE number = @Number", new { Number = number }, cancellationToken)) is [var id] ? id : null;

    public async Task<bool> RequestExistsAsync(Guid requestId, CancellationToken cancellationToken) =>
        await ExecuteScalarAsync<long>("SELECT COUNT(*) FROM requests WHERE id = @Id", new { Id = requestId }, cancellationToken) > 0;

    public Task<StaffMemberDto?> AssigneeAsync(Guid requestId, CancellationToken cancellationToken) =>
        QuerySingleOrDefaultAsync<StaffMemberDto>(
            """
            SELECT u.id AS Id, u.display_name AS Name, u.email AS Email
            FROM request_assignments a JOIN users u ON u.id = a.user_id
            WHERE a.request_id = @Id
            """,
            new { Id = requestId },
            cancellationToken);

    public async Task AssignAsync(Guid requestId, Guid? assigneeId, Guid assignedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (assigneeId is null)
        {
            await ExecuteAsync("DELETE FROM request_assignments WHERE request_id = @Id", new { Id = requestId }, cancellationToken);
            return;
        }

        await ExecuteAsync(
            """
            INSERT INTO request_assignments (request_id, user_id, assigned_at, assigned_by) VALUES (@Id, @User, @At, @By)
            ON CONFLICT (request_id) DO UPDATE SET user_id = excluded.user_id, assigned_at = excluded.assigned_at, assigned_by = excluded.assigned_by
            """,
            new { Id = requestId, User = assigneeId, At = at.ToUniversalTime(), By = assignedBy },
            cancellationToken);
    }

    public Task<IReadOnlyList<StaffMemberDto>> StaffMembersAsync(CancellationToken cancellationToken) =>
        QueryAsync<StaffMemberDto>(
            $"SELECT id AS Id, display_name AS Name, email AS Email FROM users WHERE role IN {StaffRoles} ORDER BY display_name, email",
            null,
            cancellationToken);

    public Task AddNoteAsync(NewInternalNote note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(note);
        return ExecuteAsync(
            """
            INSERT INTO request_notes (id, request_id, author_id, author_name, text, created_at)
            VALUES (@Id, @RequestId, @AuthorId, @AuthorName, @Text, @At)
            """,
            new { note.Id, note.RequestId, note.AuthorId, note.AuthorName, note.Text, At = note.At.ToUniversalTime() },
            cancellationToken);
    }

    public async Task<IReadOnlyList<InternalNoteDto>> NotesAsync(Guid requestId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync<NoteRow>(
            """
            SELECT id AS Id, created_at AS At, author_id AS AuthorId, author_name AS AuthorName, text AS Text
            FROM request_notes WHERE request_id = @Id ORDER BY created_at, id
            """,
            new { Id = requestId },
            cancellationToken);
        return rows.Select(row => new InternalNoteDto(row.Id, row.At, row.AuthorId, row.AuthorName, row.Text)).ToList();
    }

    public async Task<PagedResult<QueueItemDto>> QueueAsync(QueueFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var parameters = new
        {
            filter.Body,
            filter.Stage,
            filter.AssignedTo,
            filter.Text,
            Words = filter.Text is null ? null : "%" + filter.Text.Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%",
            Limit = filter.PageSize,
            Offset = (long)(filter.Page - 1) * filter.PageSize,
            Phrase = filter.Text is null ? null : "\"" + filter.Text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
            Matched = filter.MatchedUpTo + 1,
            CountLimit = filter.CountedUpTo + 1,
        };
        var from = QueueFrom(filter);
        if (filter.Text is not null)
        {
            // A word search holds a few cases at most (the latest matches, one past the limit, and a number):
            // they are read in full once, in the queue's order, and counted and paged here.
            var found = await PageRowsAsync(from, "LIMIT @CountLimit", parameters, cancellationToken);
            return Paged(filter, found.Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize), found.Count);
        }

        // Counting a million open cases takes longer than the page may: the count stops one past the limit, read in index order.
        var total = await ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM (SELECT 1 {from} ORDER BY {QueueOrder} LIMIT @CountLimit) counted", parameters, cancellationToken);
        return Paged(filter, await PageRowsAsync(from, "LIMIT @Limit OFFSET @Offset", parameters, cancellationToken), total);
    }

    private static PagedResult<QueueItemDto> Paged(QueueFilter filter, IEnumerable<QueueRow> rows, long total) =>
        new(
            rows.Select(row => new QueueItemDto(
                row.Id, row.Number, row.BodyKey, row.Stage, row.Subject, row.RequesterName, row.OverdueSince, row.NextDue,
                row.AssigneeId, row.AssigneeName, row.MailProblem != 0)).ToList(),
            filter.Page, filter.PageSize, total);

    /// <summary>The page is chosen in the queue's index order first; only its rows are then looked up in full.</summary>
    private Task<IReadOnlyList<QueueRow>> PageRowsAsync(string from, string limit, object parameters, CancellationToken cancellationToken) =>
        QueryAsync<QueueRow>(
            $"""
            SELECT r.id AS Id, r.number AS Number, r.body_key AS BodyKey, r.stage AS Stage, r.subject AS Subject,
                   r.requester_name AS RequesterName, page.overdue_since AS OverdueSince, page.next_due AS NextDue,
                   a.user_id AS AssigneeId, (SELECT u.display_name FROM users u WHERE u.id = a.user_id) AS AssigneeName,
                   CASE WHEN {RequestQueries.MailProblemSql} THEN 1 ELSE 0 END AS MailProblem
            FROM (SELECT f.request_id, f.overdue_since, f.next_due, f.number {from} ORDER BY {QueueOrder} {limit}) page
            JOIN requests r ON r.id = page.request_id
            LEFT JOIN request_assignments a ON a.request_id = r.id
            ORDER BY {QueueOrder.Replace("f.", "page.", StringComparison.Ordinal)}
            """,
            parameters,
            cancellationToken);

    /// <summary>
    /// The open cases the filter keeps, read from their facts (migration 0023); the request's own row and
    /// its assignment are joined only when a filter asks about them.
    /// </summary>
    private string QueueFrom(QueueFilter filter)
    {
        // A finished case is not work: a closing (or a withdrawal, which closes too) leaves the queue.
        var conditions = new List<string> { "f.closed_on IS NULL" };
        var joins = new List<string>();
        // What a filter asks of the request's own row: its stage, its subject and requester.
        var row = "r";
        var source = "request_facts f";
        if (filter.Text is not null)
        {
            // Words are looked for in every request through a text index (migration 0028); of the open cases that
            // match, the latest are kept, one past the limit so the page can say there are more. A number is found among all.
            row = "f";
            source = $"(SELECT * FROM ({WordMatches(filter)}) matched UNION SELECT {SearchedColumns} {SearchedFrom} WHERE r.number = @Text) f";
        }
        else if (filter.Stage is not null)
        {
            joins.Add("JOIN requests r ON r.id = f.request_id");
        }

        if (filter.Body is not null)
            conditions.Add("f.body_key = @Body");
        if (filter.Stage is not null)
            conditions.Add($"{row}.stage = @Stage");
        if (filter.MailProblem)
            conditions.Add(MailProblemCases);
        if (filter.AssignedTo is not null || filter.Unassigned)
            joins.Add("LEFT JOIN request_assignments a ON a.request_id = f.request_id");
        if (filter.AssignedTo is not null)
            conditions.Add("a.user_id = @AssignedTo");
        if (filter.Unassigned)
            conditions.Add("a.user_id IS NULL");

        return $"FROM {source} {string.Join(" ", joins)} WHERE {string.Join(" AND ", conditions)}";
    }

    /// <summary>
    /// The latest open cases (of the chosen body) whose subject or requester's name holds the words. PostgreSQL
    /// finds them through its trigram indexes or, for a common piece of text, newest first through the order's
    /// index, whichever its planner judges cheaper. SQLite reads its trigram table newest first; it knows nothing
    /// shorter than three letters, so such text is looked for newest first in the rows themselves.
    /// </summary>
    private string WordMatches(QueueFilter filter)
    {
        var ofBody = filter.Body is null ? string.Empty : " AND r.body_key = @Body";
        if (Session.Provider == DatabaseProvider.Sqlite && filter.Text!.EnumerateRunes().Count() >= 3)
        {
            return $"SELECT {SearchedColumns} FROM request_words JOIN requests r ON r.id = request_words.request_id JOIN request_facts f ON f.request_id = r.id " +
                $"WHERE request_words MATCH @Phrase AND f.closed_on IS NULL{ofBody} ORDER BY request_words.rowid DESC LIMIT @Matched";
        }

        // PostgreSQL keeps the words in a table of their own, with its trigram indexes (migration 0031); its LIKE
        // tells capitals apart and SQLite's does not (for Latin letters; Georgian has none).
        var (from, words, like) = Session.Provider == DatabaseProvider.Postgres
            ? ($"{SearchedFrom} JOIN request_words w ON w.request_id = r.id", "w", "ILIKE")
            : (SearchedFrom, "r", "LIKE");
        return $"SELECT {SearchedColumns} {from} " +
            $"WHERE ({words}.subject {like} @Words ESCAPE '\\' OR {words}.requester_name {like} @Words ESCAPE '\\') AND f.closed_on IS NULL{ofBody} " +
            "ORDER BY r.created_at DESC, r.number DESC LIMIT @Matched";
    }

    private sealed class NoteRow
    {
        public Guid Id { get; init; }
        public DateTimeOffset At { get; init; }
        public Guid AuthorId { get; init; }
        public string AuthorName { get; init; } = "";
        public string Text { get; init; } = "";
    }

    private sealed class QueueRow
    {
        public Guid Id { get; init; }
        public string Number { get; init; } = "";
        public string BodyKey { get; init; } = "";
        public string Stage { get; init; } = "";
        public string Subject { get; init; } = "";
        public string RequesterName { get; init; } = "";
        public DateOnly? OverdueSince { get; init; }
        public DateOnly? NextDue { get; init; }
        public Guid? AssigneeId { get; init; }
        public string? AssigneeName { get; init; }
        public int MailProblem { get; init; }
    }
}
