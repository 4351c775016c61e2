using Dapper;
using FoiTracker.Application.Mail;
using FoiTracker.Application.Requests.FileRequest;
using FoiTracker.Application.Tests.Workflows;
using FoiTracker.Domain.Mail;
using FoiTracker.Domain.Requests;
using FoiTracker.Infrastructure.Mail.Intake;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace FoiTracker.Application.Tests.Mail;

/// <summary>Requests on a real database, and a Dovecot folder of the test's own that intake reads.</summary>
public abstract class MailIntakeTestBase : MailTestBase
{
    protected TestImap Imap { get; private set; } = null!;

    protected string Folder { get; } = TestImap.NewFolder();

    protected ReplyAddressCodec Codec => Services.GetRequiredService<ReplyAddressCodec>();

    public override async Task InitializeAsync()
    {
        TestImap.SkipUnlessConfigured();
        Imap = TestImap.Require();
        await base.InitializeAsync();
    }

    protected Task<IntakeRunResult> RunIntakeAsync(IServiceProvider? node = null, long maxMessageBytes = MailIntakeLimits.DefaultMaxMessageBytes)
    {
        var settings = Imap.SettingsFor(Folder, maxMessageBytes);
        var runner = new MailIntakeRunner(settings, (node ?? Services).GetRequiredService<IServiceScopeFactory>(), NullLogger<MailIntakeRunner>.Instance);
        return runner.RunOnceAsync(CancellationToken.None);
    }

    /// <summary>A node with other limits than the configured ones.</summary>
    protected ServiceProvider BuildNodeWithLimits(MailIntakeLimits limits) => BuildNode(services => services.AddSingleton(limits));

    /// <summary>A node whose store dies once, after the message is written and before the commit.</summary>
    protected ServiceProvider BuildCrashingNode(CrashSwitch crash) =>
        BuildNode(services =>
        {
            services.AddScoped<IInboundMailStore>(provider => new CrashingInboundMailStore(
                new Infrastructure.Persistence.Repositories.InboundMailRepository(provider.GetRequiredService<DbSession>()), crash));
        });

    protected Task<FiledRequest> FileSubmittedAsync(string body = TestSeeds.VerifiedCityHall) => FileAsync(Clock.GetUtcNow(), body);

    protected string AddressOf(FiledRequest request) => Codec.AddressFor(RequestNumber.Parse(request.Number));

    protected static string Message(string to, string subject, string body = "Please find our answer below.", string headers = "", string from = "Gori City Hall <info@gori.gov.ge>") =>
        $"""
        From: {from}
        To: {to}
        Subject: {subject}
        Date: Thu, 26 Nov 2026 09:00:00 +0400
        Message-ID: <{Guid.NewGuid():N}@gori.gov.ge>
        {headers}MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8

        {body}

        """;

    protected async Task<InboundRow> SingleInboundAsync()
    {
        var rows = await RowsAsync<InboundRow>(
            """
            SELECT id AS Id, classification AS Classification, status AS Status, hold_reason AS HoldReason, raw AS Raw,
                   raw_complete AS RawComplete, subject AS Subject, uid AS Uid
            FROM mail_inbound
            """);
        rows.Should().ContainSingle();
        return rows[0];
    }

    protected Task<IReadOnlyList<InboundRow>> InboundAsync() =>
        RowsAsync<InboundRow>(
            """
            SELECT id AS Id, classification AS Classification, status AS Status, hold_reason AS HoldReason, raw AS Raw,
                   raw_complete AS RawComplete, subject AS Subject, uid AS Uid
            FROM mail_inbound ORDER BY uid
            """);

    protected Task<IReadOnlyList<string>> MatchMethodsAsync(Guid requestId) =>
        RowsAsync<string>("SELECT method FROM mail_inbound_match WHERE request_id = @Id", new { Id = requestId });

    protected Task<IReadOnlyList<string>> TimelineKindsAsync(Guid requestId) =>
        RowsAsync<string>("SELECT kind FROM timeline WHERE request_id = @Id ORDER BY seq", new { Id = requestId });

    protected async Task<string> StageAsync(Guid requestId) =>
        (await RowsAsync<string>("SELECT stage FROM requests WHERE id = @Id", new { Id = requestId })).Single();

    /// <summary>A mail we sent to the body for the request, as the sending side records it.</summary>
    protected async Task<string> RecordSentMailAsync(FiledRequest request)
    {
        var messageId = $"{Guid.NewGuid():N}@{Codec.Domain}";
        await using var connection = await Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(
            """
            INSERT INTO mail_outgoing (id, dedup_key, request_id, kind, message_id, from_address, to_address, reply_to, subject, text_body,
                                       language, attachments, status, attempts, created_at, available_at, sent_at)
            VALUES (@Id, @Key, @RequestId, 'request', @MessageId, 'foi@foitracker.localhost', 'info@gori.gov.ge', @ReplyTo, 'Request', 'Text',
                    'ka', '[]', 'sent', 1, @At, @At, @At)
            """,
            new { Id = Guid.NewGuid(), Key = Guid.NewGuid().ToString("N"), RequestId = request.Id, MessageId = messageId, ReplyTo = AddressOf(request), At = Clock.GetUtcNow() });
        return messageId;
    }

    public sealed class InboundRow
    {
        public Guid Id { get; init; }
        public string Classification { get; init; } = "";
        public string Status { get; init; } = "";
        public string? HoldReason { get; init; }
        public byte[] Raw { get; init; } = [];
        public bool RawComplete { get; init; }
        public string? Subject { get; init; }
        public long Uid { get; init; }
    }
}

/// <summary>Shared by the scopes of one node: whether the next write of a position should die.</summary>
public sealed class CrashSwitch
{
    public int CrashesLeft { get; set; } = 1;
}

/// <summary>The real store, except that advancing the position dies while <see cref="CrashSwitch.CrashesLeft"/> lasts: the message is written, nothing is committed.</summary>
internal sealed class CrashingInboundMailStore(IInboundMailStore inner, CrashSwitch crash) : IInboundMailStore
{
    public Task<IntakePosition> LockPositionAsync(string mailbox, DateTimeOffset now, CancellationToken cancellationToken) => inner.LockPositionAsync(mailbox, now, cancellationToken);

    public Task<IntakePosition?> GetPositionAsync(string mailbox, CancellationToken cancellationToken) => inner.GetPositionAsync(mailbox, cancellationToken);

    public Task AdvancePositionAsync(string mailbox, long uidValidity, long uid, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (crash.CrashesLeft > 0)
        {
            crash.CrashesLeft--;
            throw new SimulatedCrashException("Simulated crash after the message was written, before the commit.");
        }

        return inner.AdvancePositionAsync(mailbox, uidValidity, uid, now, cancellationToken);
    }

    public Task<bool> ExistsAsync(string mailbox, long uidValidity, long uid, CancellationToken cancellationToken) => inner.ExistsAsync(mailbox, uidValidity, uid, cancellationToken);

    public Task<bool> SeenUnderOtherValidityAsync(string mailbox, string rawSha256, long uidValidity, CancellationToken cancellationToken) => inner.SeenUnderOtherValidityAsync(mailbox, rawSha256, uidValidity, cancellationToken);

    public Task AddAsync(NewInboundMail mail, CancellationToken cancellationToken) => inner.AddAsync(mail, cancellationToken);

    public Task AddMatchAsync(Guid inboundId, Guid requestId, string method, string? evidence, DateTimeOffset at, CancellationToken cancellationToken) => inner.AddMatchAsync(inboundId, requestId, method, evidence, at, cancellationToken);

    public Task AddAttachmentAsync(NewInboundAttachment attachment, CancellationToken cancellationToken) => inner.AddAttachmentAsync(attachment, cancellationToken);

    public Task<Guid?> FindRequestOfSentMailAsync(string messageId, CancellationToken cancellationToken) => inner.FindRequestOfSentMailAsync(messageId, cancellationToken);

    public Task<bool> MarkSentMailBouncedAsync(string messageId, string diagnostic, CancellationToken cancellationToken) => inner.MarkSentMailBouncedAsync(messageId, diagnostic, cancellationToken);

    public Task<Guid?> FindRequestIdAsync(string requestNumber, CancellationToken cancellationToken) => inner.FindRequestIdAsync(requestNumber, cancellationToken);

    public Task MarkAssignedAsync(Guid inboundId, string classification, string assignedBy, DateTimeOffset at, CancellationToken cancellationToken) => inner.MarkAssignedAsync(inboundId, classification, assignedBy, at, cancellationToken);

    public Task<Application.Common.Models.PagedResult<InboundMailSummary>> ListAsync(string? status, int page, int pageSize, CancellationToken cancellationToken) => inner.ListAsync(status, page, pageSize, cancellationToken);

    public Task<InboundMailDetails?> GetAsync(Guid id, CancellationToken cancellationToken) => inner.GetAsync(id, cancellationToken);

    public Task<byte[]?> GetRawAsync(Guid id, CancellationToken cancellationToken) => inner.GetRawAsync(id, cancellationToken);

    public Task<InboundAttachmentContent?> GetAttachmentAsync(Guid id, Guid attachmentId, CancellationToken cancellationToken) => inner.GetAttachmentAsync(id, attachmentId, cancellationToken);
}
