using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FoiTracker.Application.Workflows.SweepTimers;
using FoiTracker.Tests.Support;
using FoiTracker.Web.Tests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Web.Tests;

/// <summary>
/// Filing requests and moving them through the Georgian workflow (GAC), over HTTP only: who may
/// see and do what, the dates the statute gives, retries with an Idempotency-Key, and the queue.
/// </summary>
public sealed class RequestEndpointTests(FoiTrackerFactory factory) : IClassFixture<FoiTrackerFactory>
{
    // A body with a verified address: a request to it is sent, and its clock runs, at once.
    private const string CityHall = TestSeeds.VerifiedCityHall;
    private const string KaspiCityHall = "ge-kaspi-city-hall";
    private const string Password = "A-long-enough-password";

    // Georgia keeps UTC+4 all year; the statute's days begin at midnight there.
    private static readonly TimeSpan Tbilisi = TimeSpan.FromHours(4);

    private readonly HttpClient _client = factory.CreateClient();

    // ---- Filing ------------------------------------------------------------------------------

    [Fact]
    public async Task A_registered_citizen_files_a_request_and_gets_201_with_its_location_number_and_stage()
    {
        var citizen = await RegisterCitizenAsync();

        using var response = await FileAsync(citizen.Token, NewRequest());

        var filed = await response.ReadJsonAsync(HttpStatusCode.Created);
        var id = filed.GetProperty("id").GetGuid();
        response.Headers.Location!.ToString().Should().Be($"/api/requests/{id}");
        filed.GetProperty("number").GetString().Should().MatchRegex(@"^\d{4}-\d{6}$")
            .And.StartWith(DateTimeOffset.UtcNow.ToOffset(Tbilisi).Year.ToString(CultureInfo.InvariantCulture) + "-");
        filed.GetProperty("stage").GetString().Should().Be("submitted");
        filed.GetProperty("replayed").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task A_filed_request_shows_its_statute_the_response_deadline_its_timers_and_its_timeline()
    {
        var citizen = await RegisterCitizenAsync();
        var id = await FileIdAsync(citizen.Token, NewRequest());

        var request = await GetRequestAsync(citizen.Token, id);

        request.GetProperty("bodyKey").GetString().Should().Be(CityHall);
        request.GetProperty("statute").GetString().Should().Be("ge-gac");
        request.GetProperty("statuteVersion").GetInt32().Should().BeGreaterThanOrEqualTo(1);
        request.GetProperty("stage").GetString().Should().Be("submitted");
        request.GetProperty("submittedAt").ValueKind.Should().Be(JsonValueKind.String);

        var deadline = request.GetProperty("deadlines").EnumerateArray().Should().ContainSingle().Subject;
        deadline.GetProperty("key").GetString().Should().Be("response");
        deadline.GetProperty("explanation").GetString().Should().NotBeNullOrWhiteSpace();
        deadline.GetProperty("citation").GetString().Should().Be("GAC 40(1)");
        var due = Date(deadline.GetProperty("due"));
        var from = Date(deadline.GetProperty("from"));
        due.Should().BeAfter(from);

        // The request's deadline is the one the public calculator gives for the same day.
        var calculated = await (await _client.GetAsync($"/api/deadlines?statute=ge-gac&deadline=response&from={from:yyyy-MM-dd}")).ReadJsonAsync();
        Date(calculated.GetProperty("due")).Should().Be(due);

        var timers = request.GetProperty("timers").EnumerateArray().ToList();
        timers.Select(timer => timer.GetProperty("kind").GetString()).Should().BeEquivalentTo(["reminder", "deadline_passed"]);
        timers.Should().AllSatisfy(timer =>
        {
            timer.GetProperty("stage").GetString().Should().Be("submitted");
            timer.GetProperty("firedAt").ValueKind.Should().Be(JsonValueKind.Null);
        });
        var passed = timers.Single(timer => timer.GetProperty("kind").GetString() == "deadline_passed").GetProperty("dueAt").GetDateTimeOffset();
        var reminder = timers.Single(timer => timer.GetProperty("kind").GetString() == "reminder").GetProperty("dueAt").GetDateTimeOffset();
        passed.ToOffset(Tbilisi).Should().Be(new DateTimeOffset(due.AddDays(1).ToDateTime(TimeOnly.MinValue), Tbilisi),
            "the deadline passes when the due day is over in Tbilisi");
        reminder.Should().BeBefore(passed);

        request.GetProperty("timeline").EnumerateArray().Select(entry => entry.GetProperty("kind").GetString())
            .Should().ContainInOrder("filed", "event:submit");
        request.GetProperty("acceptedEvents").EnumerateArray().Select(kind => kind.GetString())
            .Should().Contain(["delivered", "extension_notice", "answered"]);
    }

    [Fact]
    public async Task A_paper_request_recorded_later_counts_its_deadline_from_the_day_it_was_sent()
    {
        var citizen = await RegisterCitizenAsync();
        var request = NewRequest();
        request["submittedAt"] = "2026-11-02T09:00:00Z";

        var id = await FileIdAsync(citizen.Token, request);

        var stored = await GetRequestAsync(citizen.Token, id);
        stored.GetProperty("stage").GetString().Should().Be("submitted");
        stored.GetProperty("submittedAt").GetDateTimeOffset().Should().Be(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        var deadline = stored.GetProperty("deadlines").EnumerateArray().Single(item => item.GetProperty("key").GetString() == "response");
        Date(deadline.GetProperty("from")).Should().Be(new DateOnly(2026, 11, 2));
        Date(deadline.GetProperty("due")).Should().Be(new DateOnly(2026, 11, 16), "10 working days after Monday 2 November 2026");
        var submit = stored.GetProperty("timeline").EnumerateArray().Single(entry => entry.GetProperty("kind").GetString() == "event:submit");
        submit.GetProperty("at").GetDateTimeOffset().Should().Be(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task A_draft_has_no_timers_until_it_is_submitted()
    {
        var citizen = await RegisterCitizenAsync();
        var request = NewRequest();
        request["draft"] = true;

        using var response = await FileAsync(citizen.Token, request);

        var filed = await response.ReadJsonAsync(HttpStatusCode.Created);
        filed.GetProperty("stage").GetString().Should().Be("draft");
        var id = filed.GetProperty("id").GetGuid();
        var draft = await GetRequestAsync(citizen.Token, id);
        draft.GetProperty("stage").GetString().Should().Be("draft");
        draft.GetProperty("timers").EnumerateArray().Should().BeEmpty();
        draft.GetProperty("deadlines").EnumerateArray().Should().BeEmpty();
        draft.GetProperty("submittedAt").ValueKind.Should().Be(JsonValueKind.Null);

        var submitted = await RecordAsync(citizen.Token, id, "submit");

        submitted.GetProperty("stage").GetString().Should().Be("submitted");
        var after = await GetRequestAsync(citizen.Token, id);
        after.GetProperty("stage").GetString().Should().Be("submitted");
        after.GetProperty("submittedAt").ValueKind.Should().Be(JsonValueKind.String);
        after.GetProperty("timers").EnumerateArray().Select(timer => timer.GetProperty("kind").GetString())
            .Should().BeEquivalentTo(["reminder", "deadline_passed"]);
    }

    // ---- Validation --------------------------------------------------------------------------

    [Fact]
    public async Task Filing_to_an_unknown_body_is_400_naming_the_key()
    {
        var citizen = await RegisterCitizenAsync();
        var request = NewRequest();
        request["bodyKey"] = "ge-atlantis-city-hall";

        using var response = await FileAsync(citizen.Token, request);

        var messages = await response.ShouldBeValidationProblemForAsync("bodyKey");
        messages.Should().Contain(message => message.Contains("ge-atlantis-city-hall", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("bodyKey", "\"Gori City Hall!\"", "bodyKey")]
    [InlineData("bodyKey", "null", "bodyKey")]
    [InlineData("subject", "\"\"", "subject")]
    [InlineData("subject", "\"   \"", "subject")]
    [InlineData("text", "\"\"", "text")]
    [InlineData("requester", """{ "email": "nino@example.org" }""", "requester.name")]
    [InlineData("requester", """{ "name": "", "email": "nino@example.org" }""", "requester.name")]
    [InlineData("requester", """{ "name": "Nino Beridze" }""", "requester")]
    [InlineData("requester", """{ "name": "Nino Beridze", "email": " ", "address": "" }""", "requester")]
    [InlineData("requester", """{ "name": "Nino Beridze", "email": "not-an-address" }""", "requester.email")]
    [InlineData("submittedAt", "\"2099-01-01T00:00:00Z\"", "submittedAt")]
    [InlineData("submittedAt", "\"1989-12-31T12:00:00Z\"", "submittedAt")]
    public async Task Filing_with_an_invalid_field_is_400_naming_that_field(string property, string json, string field)
    {
        var citizen = await RegisterCitizenAsync();
        var request = NewRequest();
        request[property] = JsonNode.Parse(json);

        using var response = await FileAsync(citizen.Token, request);

        await response.ShouldBeValidationProblemForAsync(field);
    }

    [Fact]
    public async Task Filing_a_subject_over_300_characters_is_400_naming_subject()
    {
        var citizen = await RegisterCitizenAsync();
        var request = NewRequest();
        request["subject"] = new string('s', 301);

        using var response = await FileAsync(citizen.Token, request);

        var messages = await response.ShouldBeValidationProblemForAsync("subject");
        messages.Should().Contain(message => message.Contains("300", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Filing_a_text_over_100000_characters_is_400_naming_text()
    {
        var citizen = await RegisterCitizenAsync();
        var request = NewRequest();
        request["text"] = new string('x', 100_001);

        using var response = await FileAsync(citizen.Token, request);

        var messages = await response.ShouldBeValidationProblemForAsync("text");
        messages.Should().Contain(message => message.Contains("100,000", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Filing_without_a_requester_is_400_naming_the_name_and_the_contact()
    {
        var citizen = await RegisterCitizenAsync();
        var request = NewRequest();
        request.Remove("requester");

        using var response = await FileAsync(citizen.Token, request);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateObject().Select(error => error.Name).ToList();
        errors.Should().Contain(["requester.name", "requester"]);
    }

    [Fact]
    public async Task A_draft_with_a_submission_date_is_400_naming_draft()
    {
        var citizen = await RegisterCitizenAsync();
        var request = NewRequest();
        request["draft"] = true;
        request["submittedAt"] = "2026-11-02T09:00:00Z";

        using var response = await FileAsync(citizen.Token, request);

        var messages = await response.ShouldBeValidationProblemForAsync("draft");
        messages.Should().Contain(message => message.Contains("submittedAt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Filing_with_malformed_json_is_400_saying_the_body_is_not_json()
    {
        var citizen = await RegisterCitizenAsync();

        using var response = await SendRawAsync(citizen.Token, "/api/requests", """{ "bodyKey": "ge-gori-city-hall", "subject": """);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.Detail().Should().Contain("not valid JSON");
    }

    [Theory]
    [InlineData("""{ "bodyKey": 42, "subject": "s", "text": "t", "requester": { "name": "N", "email": "n@example.org" } }""", "bodyKey")]
    [InlineData("""{ "bodyKey": "ge-gori-city-hall", "subject": "s", "text": "t", "requester": { "name": "N", "email": "n@example.org" }, "draft": "yes" }""", "draft")]
    [InlineData("""{ "bodyKey": "ge-gori-city-hall", "subject": "s", "text": "t", "requester": { "name": "N", "email": "n@example.org" }, "submittedAt": "last Tuesday" }""", "submittedAt")]
    [InlineData("""{ "bodyKey": "ge-gori-city-hall", "subject": "s", "text": "t", "requester": "Nino" }""", "requester")]
    public async Task Filing_with_a_value_of_the_wrong_type_is_400_naming_the_field(string json, string field)
    {
        var citizen = await RegisterCitizenAsync();

        using var response = await SendRawAsync(citizen.Token, "/api/requests", json);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.Detail().Should().Contain(field);
    }

    [Fact]
    public async Task Filing_anonymously_is_401()
    {
        using var response = await FileAsync(token: null, NewRequest());

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    // ---- Privacy -----------------------------------------------------------------------------

    [Fact]
    public async Task The_requesters_email_and_address_are_shown_to_the_requester_and_to_staff_only()
    {
        var owner = await RegisterCitizenAsync();
        var stranger = await RegisterCitizenAsync();
        var adminToken = await _client.GetAdminTokenAsync();
        var request = NewRequest();
        request["requester"] = new Dictionary<string, object?>
        {
            ["name"] = "Nino Beridze",
            ["email"] = "nino.beridze@example.org",
            ["address"] = "12 Stalin Avenue, Gori",
        };
        var id = await FileIdAsync(owner.Token, request);

        foreach (var token in new[] { owner.Token, adminToken })
        {
            var requester = (await GetRequestAsync(token, id)).GetProperty("requester");
            requester.GetProperty("name").GetString().Should().Be("Nino Beridze");
            requester.GetProperty("email").GetString().Should().Be("nino.beridze@example.org");
            requester.GetProperty("address").GetString().Should().Be("12 Stalin Avenue, Gori");
        }

        foreach (var token in new[] { null, stranger.Token })
        {
            var requester = (await GetRequestAsync(token, id)).GetProperty("requester");
            requester.GetProperty("name").GetString().Should().Be("Nino Beridze", "requests are public records");
            requester.GetProperty("email").ValueKind.Should().Be(JsonValueKind.Null);
            requester.GetProperty("address").ValueKind.Should().Be(JsonValueKind.Null);
        }
    }

    [Fact]
    public async Task Reading_an_unknown_request_is_404()
    {
        using var response = await _client.GetAsync($"/api/requests/{Guid.NewGuid()}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    // ---- Events ------------------------------------------------------------------------------

    [Fact]
    public async Task Delivered_with_a_registration_number_keeps_the_stage_and_shows_the_number()
    {
        var citizen = await RegisterCitizenAsync();
        var id = await FileIdAsync(citizen.Token, NewRequest());

        var recorded = await RecordAsync(citizen.Token, id, "delivered", new { registrationNumber = "GORI-2026-00417" });

        recorded.GetProperty("stage").GetString().Should().Be("submitted");
        recorded.GetProperty("replayed").GetBoolean().Should().BeFalse();
        var request = await GetRequestAsync(citizen.Token, id);
        request.GetProperty("stage").GetString().Should().Be("submitted");
        request.GetProperty("registrationNumber").GetString().Should().Be("GORI-2026-00417");
        request.GetProperty("registeredOn").ValueKind.Should().Be(JsonValueKind.String);
        request.GetProperty("timeline").EnumerateArray().Should().Contain(entry =>
            entry.GetProperty("kind").GetString() == "event:delivered"
            && entry.GetProperty("detail").GetString()!.Contains("GORI-2026-00417", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_extension_notice_moves_the_request_to_extended()
    {
        var citizen = await RegisterCitizenAsync();
        var id = await FileIdAsync(citizen.Token, NewRequest());

        var recorded = await RecordAsync(citizen.Token, id, "extension_notice");

        recorded.GetProperty("stage").GetString().Should().Be("extended");
        (await GetRequestAsync(citizen.Token, id)).GetProperty("stage").GetString().Should().Be("extended");
    }

    [Fact]
    public async Task An_answer_without_an_outcome_is_409_naming_the_outcomes()
    {
        var citizen = await RegisterCitizenAsync();
        var id = await FileIdAsync(citizen.Token, NewRequest());

        using var response = await PostEventAsync(citizen.Token, id, "answered", new { });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("rule").GetString().Should().Be("EventNeedsOutcome");
        problem.Detail().Should().Contain("complete").And.Contain("partial").And.Contain("refused").And.Contain("not_held").And.Contain("forwarded");
        (await GetRequestAsync(citizen.Token, id)).GetProperty("stage").GetString().Should().Be("submitted");
    }

    [Fact]
    public async Task A_refusal_can_be_escalated_to_a_complaint()
    {
        var citizen = await RegisterCitizenAsync();
        var id = await FileIdAsync(citizen.Token, NewRequest());

        var refused = await RecordAsync(citizen.Token, id, "answered", new { outcome = "refused" });
        refused.GetProperty("stage").GetString().Should().Be("refused");
        var afterRefusal = await GetRequestAsync(citizen.Token, id);
        afterRefusal.GetProperty("outcome").GetString().Should().Be("refused");
        afterRefusal.GetProperty("deadlines").EnumerateArray().Select(deadline => deadline.GetProperty("key").GetString())
            .Should().Contain("complaint_filing");

        var escalated = await RecordAsync(citizen.Token, id, "escalate");

        escalated.GetProperty("stage").GetString().Should().Be("complaint_filed");
        var request = await GetRequestAsync(citizen.Token, id);
        request.GetProperty("stage").GetString().Should().Be("complaint_filed");
        request.GetProperty("timeline").EnumerateArray()
            .Where(entry => entry.GetProperty("kind").GetString()!.StartsWith("event:", StringComparison.Ordinal))
            .Select(entry => entry.GetProperty("toStage").GetString())
            .Should().Equal("submitted", "refused", "complaint_filed");
    }

    [Fact]
    public async Task An_event_the_stage_does_not_accept_is_409_listing_the_accepted_ones()
    {
        var citizen = await RegisterCitizenAsync();
        var id = await FileIdAsync(citizen.Token, NewRequest());

        using var response = await PostEventAsync(citizen.Token, id, "complaint_decided", new { outcome = "upheld" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("rule").GetString().Should().Be("EventNotAcceptedInStage");
        problem.Detail().Should().Contain("complaint_decided").And.Contain("submitted")
            .And.Contain("delivered").And.Contain("extension_notice").And.Contain("answered");
    }

    [Fact]
    public async Task A_citizen_cannot_close_their_own_request_staff_can_and_can_reopen_it()
    {
        var citizen = await RegisterCitizenAsync();
        var adminToken = await _client.GetAdminTokenAsync();
        var id = await FileIdAsync(citizen.Token, NewRequest());

        using (var byCitizen = await PostEventAsync(citizen.Token, id, "close", new { }))
        {
            var problem = await byCitizen.ShouldBeProblemAsync(HttpStatusCode.Conflict);
            problem.GetProperty("rule").GetString().Should().Be("EventNeedsStaff");
        }

        (await RecordAsync(adminToken, id, "close", new { note = "Duplicate of an earlier request." })).GetProperty("stage").GetString().Should().Be("closed");
        var closed = await GetRequestAsync(adminToken, id);
        closed.GetProperty("stage").GetString().Should().Be("closed");
        closed.GetProperty("timers").EnumerateArray().Should().AllSatisfy(timer =>
            timer.GetProperty("cancelledAt").ValueKind.Should().Be(JsonValueKind.String, "leaving a stage disarms its timers"));

        var reopened = await RecordAsync(adminToken, id, "reopen");

        reopened.GetProperty("stage").GetString().Should().Be("submitted");
        (await GetRequestAsync(citizen.Token, id)).GetProperty("stage").GetString().Should().Be("submitted");
    }

    [Fact]
    public async Task Another_citizen_cannot_record_events_on_someone_elses_request()
    {
        var owner = await RegisterCitizenAsync();
        var stranger = await RegisterCitizenAsync();
        var id = await FileIdAsync(owner.Token, NewRequest());

        using var response = await PostEventAsync(stranger.Token, id, "answered", new { outcome = "complete" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await GetRequestAsync(owner.Token, id)).GetProperty("stage").GetString().Should().Be("submitted");
    }

    [Fact]
    public async Task Recording_an_event_on_an_unknown_request_is_404()
    {
        var citizen = await RegisterCitizenAsync();

        using var response = await PostEventAsync(citizen.Token, Guid.NewGuid(), "delivered", new { });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Recording_an_event_anonymously_is_401()
    {
        var citizen = await RegisterCitizenAsync();
        var id = await FileIdAsync(citizen.Token, NewRequest());

        using var response = await PostEventAsync(token: null, id, "delivered", new { });

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_event_dated_in_the_future_is_400_naming_occurredAt()
    {
        var citizen = await RegisterCitizenAsync();
        var id = await FileIdAsync(citizen.Token, NewRequest());

        using var response = await PostEventAsync(citizen.Token, id, "delivered", new { occurredAt = DateTimeOffset.UtcNow.AddDays(2) });

        await response.ShouldBeValidationProblemForAsync("occurredAt");
    }

    [Fact]
    public async Task An_answer_forwarded_without_the_new_body_is_400_naming_forwardedTo()
    {
        var citizen = await RegisterCitizenAsync();
        var id = await FileIdAsync(citizen.Token, NewRequest());

        using var response = await PostEventAsync(citizen.Token, id, "answered", new { outcome = "forwarded" });

        await response.ShouldBeValidationProblemForAsync("forwardedTo");
        (await GetRequestAsync(citizen.Token, id)).GetProperty("stage").GetString().Should().Be("submitted");
    }

    [Fact]
    public async Task An_answer_forwarded_to_another_body_opens_a_linked_request_there()
    {
        var citizen = await RegisterCitizenAsync();
        var id = await FileIdAsync(citizen.Token, NewRequest());

        var recorded = await RecordAsync(citizen.Token, id, "answered", new { outcome = "forwarded", forwardedTo = KaspiCityHall });

        recorded.GetProperty("stage").GetString().Should().Be("forwarded");
        var linkedRequest = recorded.GetProperty("linkedRequest");
        linkedRequest.ValueKind.Should().Be(JsonValueKind.Object);
        linkedRequest.GetProperty("stage").GetString().Should().Be("forwarded_in");
        linkedRequest.GetProperty("number").GetString().Should().MatchRegex(@"^\d{4}-\d{6}$");
        var linkedId = linkedRequest.GetProperty("id").GetGuid();
        linkedId.Should().NotBe(id);

        var linked = await GetRequestAsync(citizen.Token, linkedId);
        linked.GetProperty("bodyKey").GetString().Should().Be(KaspiCityHall);
        linked.GetProperty("forwardedFrom").GetGuid().Should().Be(id);
        linked.GetProperty("stage").GetString().Should().Be("forwarded_in");
        linked.GetProperty("timers").EnumerateArray().Should().NotBeEmpty("the new body's clock runs");
        var original = await GetRequestAsync(citizen.Token, id);
        original.GetProperty("outcome").GetString().Should().Be("forwarded");
        original.GetProperty("forwardedTo").EnumerateArray().Select(item => item.GetGuid()).Should().Equal(linkedId);

        // The forwarded request still belongs to the citizen who filed the original.
        var mine = await ListAsync(citizen.Token, "pageSize=100");
        mine.Items().Select(item => item.GetProperty("id").GetGuid()).Should().BeEquivalentTo([id, linkedId]);
    }

    // ---- Idempotency -------------------------------------------------------------------------

    [Fact]
    public async Task Filing_twice_with_the_same_idempotency_key_files_once_and_replays_the_answer()
    {
        var citizen = await RegisterCitizenAsync();
        var key = Guid.NewGuid().ToString("N");
        var request = NewRequest();

        using var first = await FileAsync(citizen.Token, request, key);
        using var second = await FileAsync(citizen.Token, request, key);

        var one = await first.ReadJsonAsync(HttpStatusCode.Created);
        var two = await second.ReadJsonAsync(HttpStatusCode.Created);
        two.GetProperty("id").GetGuid().Should().Be(one.GetProperty("id").GetGuid());
        two.GetProperty("number").GetString().Should().Be(one.GetProperty("number").GetString());
        one.GetProperty("replayed").GetBoolean().Should().BeFalse();
        two.GetProperty("replayed").GetBoolean().Should().BeTrue();
        second.Headers.Location.Should().Be(first.Headers.Location);

        var mine = await ListAsync(citizen.Token, "pageSize=100");
        mine.Items().Should().ContainSingle().Which.GetProperty("id").GetGuid().Should().Be(one.GetProperty("id").GetGuid());
        mine.GetProperty("total").GetInt64().Should().Be(1);
    }

    [Fact]
    public async Task Reusing_an_idempotency_key_for_a_different_request_is_409()
    {
        var citizen = await RegisterCitizenAsync();
        var key = Guid.NewGuid().ToString("N");
        var request = NewRequest();
        using (var first = await FileAsync(citizen.Token, request, key))
            first.StatusCode.Should().Be(HttpStatusCode.Created);

        request["subject"] = "Something else entirely";
        using var second = await FileAsync(citizen.Token, request, key);

        var problem = await second.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.Detail().Should().Contain("Idempotency-Key");
        (await ListAsync(citizen.Token, "pageSize=100")).GetProperty("total").GetInt64().Should().Be(1);
    }

    [Fact]
    public async Task Recording_an_event_twice_with_the_same_idempotency_key_applies_it_once()
    {
        var citizen = await RegisterCitizenAsync();
        var id = await FileIdAsync(citizen.Token, NewRequest());
        var key = Guid.NewGuid().ToString("N");

        using var first = await PostEventAsync(citizen.Token, id, "note", new { note = "Called the registry; they have it." }, key);
        using var second = await PostEventAsync(citizen.Token, id, "note", new { note = "Called the registry; they have it." }, key);

        (await first.ReadJsonAsync()).GetProperty("replayed").GetBoolean().Should().BeFalse();
        (await second.ReadJsonAsync()).GetProperty("replayed").GetBoolean().Should().BeTrue();
        var request = await GetRequestAsync(citizen.Token, id);
        request.GetProperty("timeline").EnumerateArray().Count(entry => entry.GetProperty("kind").GetString() == "event:note").Should().Be(1);
    }

    [Fact]
    public async Task A_replayed_stage_change_does_not_move_the_request_twice()
    {
        var citizen = await RegisterCitizenAsync();
        var id = await FileIdAsync(citizen.Token, NewRequest());
        var key = Guid.NewGuid().ToString("N");

        using var first = await PostEventAsync(citizen.Token, id, "extension_notice", new { }, key);
        using var second = await PostEventAsync(citizen.Token, id, "extension_notice", new { }, key);

        (await first.ReadJsonAsync()).GetProperty("stage").GetString().Should().Be("extended");
        var replay = await second.ReadJsonAsync();
        replay.GetProperty("replayed").GetBoolean().Should().BeTrue();
        replay.GetProperty("stage").GetString().Should().Be("extended");
        (await GetRequestAsync(citizen.Token, id)).GetProperty("timeline").EnumerateArray()
            .Count(entry => entry.GetProperty("kind").GetString() == "event:extension_notice").Should().Be(1);
    }

    [Fact]
    public async Task Reusing_an_event_idempotency_key_for_another_kind_of_event_is_a_conflict()
    {
        var citizen = await RegisterCitizenAsync();
        var id = await FileIdAsync(citizen.Token, NewRequest());
        var key = Guid.NewGuid().ToString("N");

        using var first = await PostEventAsync(citizen.Token, id, "note", new { note = "First." }, key);
        using var second = await PostEventAsync(citizen.Token, id, "extension_notice", new { }, key);

        (await first.ReadJsonAsync()).GetProperty("replayed").GetBoolean().Should().BeFalse();
        var problem = await second.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.Detail().Should().Contain("Idempotency-Key").And.Contain("note");
        (await GetRequestAsync(citizen.Token, id)).GetProperty("stage").GetString().Should().Be("submitted");
    }

    // ---- Queue -------------------------------------------------------------------------------

    [Fact]
    public async Task The_staff_queue_with_overdue_lists_only_overdue_requests()
    {
        var citizen = await RegisterCitizenAsync();
        var adminToken = await _client.GetAdminTokenAsync();
        var late = NewRequest();
        late["submittedAt"] = DateTimeOffset.UtcNow.AddDays(-40);
        var lateId = await FileIdAsync(citizen.Token, late);
        var freshId = await FileIdAsync(citizen.Token, NewRequest());
        await SweepTimersAsync();

        var overdue = await GetRequestAsync(citizen.Token, lateId);
        overdue.GetProperty("stage").GetString().Should().Be("overdue");
        overdue.GetProperty("overdueSince").ValueKind.Should().Be(JsonValueKind.String);
        overdue.GetProperty("timeline").EnumerateArray().Select(entry => entry.GetProperty("kind").GetString()).Should().Contain("timer:deadline_passed");

        var queue = await ListAsync(adminToken, "overdue=true&pageSize=100");

        var items = queue.Items().ToList();
        items.Select(item => item.GetProperty("id").GetGuid()).Should().Contain(lateId).And.NotContain(freshId);
        items.Should().AllSatisfy(item =>
        {
            item.GetProperty("stage").GetString().Should().BeOneOf("overdue", "complaint_overdue");
            item.GetProperty("overdueSince").ValueKind.Should().Be(JsonValueKind.String);
        });
        items.Select(item => Date(item.GetProperty("overdueSince"))).Should().BeInAscendingOrder("the oldest overdue come first");
    }

    [Fact]
    public async Task The_staff_queue_filters_by_body_and_stage()
    {
        var citizen = await RegisterCitizenAsync();
        var adminToken = await _client.GetAdminTokenAsync();
        var goriId = await FileIdAsync(citizen.Token, NewRequest());
        var kaspi = NewRequest();
        kaspi["bodyKey"] = KaspiCityHall;
        kaspi["draft"] = true;
        var kaspiId = await FileIdAsync(citizen.Token, kaspi);

        var gori = (await ListAsync(adminToken, $"body={CityHall}&pageSize=100")).Items().ToList();
        var drafts = (await ListAsync(adminToken, "stage=draft&pageSize=100")).Items().ToList();

        gori.Should().AllSatisfy(item => item.GetProperty("bodyKey").GetString().Should().Be(CityHall));
        gori.Select(item => item.GetProperty("id").GetGuid()).Should().Contain(goriId).And.NotContain(kaspiId);
        drafts.Should().AllSatisfy(item => item.GetProperty("stage").GetString().Should().Be("draft"));
        drafts.Select(item => item.GetProperty("id").GetGuid()).Should().Contain(kaspiId).And.NotContain(goriId);
    }

    [Fact]
    public async Task A_citizen_lists_only_their_own_requests()
    {
        var alice = await RegisterCitizenAsync();
        var bob = await RegisterCitizenAsync();
        var aliceIds = new[] { await FileIdAsync(alice.Token, NewRequest()), await FileIdAsync(alice.Token, NewRequest()) };
        var bobId = await FileIdAsync(bob.Token, NewRequest());

        var alices = await ListAsync(alice.Token, "pageSize=100");
        var bobs = await ListAsync(bob.Token, "pageSize=100");

        alices.Items().Select(item => item.GetProperty("id").GetGuid()).Should().BeEquivalentTo(aliceIds);
        alices.GetProperty("total").GetInt64().Should().Be(2);
        bobs.Items().Select(item => item.GetProperty("id").GetGuid()).Should().Equal(bobId);
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("stage=Not-A-Stage", "stage")]
    public async Task Listing_with_an_invalid_parameter_is_400_naming_it(string query, string field)
    {
        var adminToken = await _client.GetAdminTokenAsync();

        using var response = await _client.GetAsAsync(adminToken, $"/api/requests?{query}");

        await response.ShouldBeValidationProblemForAsync(field);
    }

    [Fact]
    public async Task Listing_with_a_page_size_that_is_not_a_number_is_400_naming_it()
    {
        var adminToken = await _client.GetAdminTokenAsync();

        using var response = await _client.GetAsAsync(adminToken, "/api/requests?pageSize=ten");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.Detail().Should().Contain("pageSize");
    }

    [Fact]
    public async Task Listing_anonymously_is_401()
    {
        using var response = await _client.GetAsync("/api/requests");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    // ---- Documents and errors ----------------------------------------------------------------

    [Fact]
    public async Task No_error_answer_about_requests_shows_a_stack_trace()
    {
        var citizen = await RegisterCitizenAsync();
        var id = await FileIdAsync(citizen.Token, NewRequest());
        var calls = new List<Func<Task<HttpResponseMessage>>>
        {
            () => SendRawAsync(citizen.Token, "/api/requests", "{"),
            () => SendRawAsync(citizen.Token, "/api/requests", "[1, 2, 3]"),
            () => SendRawAsync(citizen.Token, "/api/requests", """{ "draft": 17 }"""),
            () => SendRawAsync(citizen.Token, $"/api/requests/{id}/events/answered", """{ "outcome": 3 }"""),
            () => SendRawAsync(citizen.Token, $"/api/requests/{id}/events/delivered", """{ "registeredOn": "yesterday" }"""),
            () => PostEventAsync(citizen.Token, id, "Not A Kind", new { }),
            () => PostEventAsync(citizen.Token, id, "answered", new { outcome = "splendid" }),
            () => PostEventAsync(citizen.Token, id, "answered", new { outcome = "forwarded", forwardedTo = "ge-nowhere" }),
            () => PostEventAsync(citizen.Token, id, "answered", new { outcome = "forwarded", forwardedTo = CityHall }),
            () => _client.GetAsAsync(citizen.Token, "/api/requests?page=x"),
        };

        foreach (var call in calls)
        {
            using var response = await call();
            var body = await response.Content.ReadAsStringAsync();
            ((int)response.StatusCode).Should().BeInRange(400, 499, "the body was: {0}", body);
            await response.ShouldBeProblemAsync(response.StatusCode);
        }
    }

    [Fact]
    public async Task The_openapi_document_describes_the_request_endpoints()
    {
        using var response = await _client.GetAsync("/openapi/v1.json");

        var document = await response.ReadJsonAsync();
        var paths = document.GetProperty("paths").EnumerateObject().ToDictionary(path => path.Name, path => path.Value);
        paths.Should().ContainKey("/api/requests").And.ContainKey("/api/requests/{id}").And.ContainKey("/api/requests/{id}/events/{kind}");
        paths["/api/requests"].TryGetProperty("post", out _).Should().BeTrue();
        paths["/api/requests"].TryGetProperty("get", out _).Should().BeTrue();
        paths["/api/requests/{id}/events/{kind}"].TryGetProperty("post", out _).Should().BeTrue();
    }

    // ---- Helpers -----------------------------------------------------------------------------

    private sealed record Citizen(string Token, string Email);

    // Accounts and requests live for the whole class, so each test signs up its own citizens.
    private async Task<Citizen> RegisterCitizenAsync()
    {
        var email = $"citizen-{Guid.NewGuid():N}@example.org";
        using (var registered = await _client.PostAsJsonAsync("/api/auth/register", new { email, displayName = "Nino Beridze", password = Password }))
            registered.StatusCode.Should().Be(HttpStatusCode.Created);
        return new Citizen(await _client.GetTokenAsync(email, Password), email);
    }

    private static Dictionary<string, object?> NewRequest() => new()
    {
        ["bodyKey"] = CityHall,
        ["subject"] = "Road repair contracts 2025",
        ["text"] = "Please send copies of all road repair contracts the city hall signed in 2025, with their annexes.",
        ["requester"] = new Dictionary<string, object?> { ["name"] = "Nino Beridze", ["email"] = "nino@example.org" },
    };

    private async Task<HttpResponseMessage> FileAsync(string? token, object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/requests") { Content = JsonContent.Create(body) };
        Authorize(request, token, idempotencyKey);
        return await _client.SendAsync(request);
    }

    private async Task<Guid> FileIdAsync(string token, object body)
    {
        using var response = await FileAsync(token, body);
        return (await response.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    private async Task<HttpResponseMessage> PostEventAsync(string? token, Guid id, string kind, object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/requests/{id}/events/{Uri.EscapeDataString(kind)}")
        {
            Content = JsonContent.Create(body),
        };
        Authorize(request, token, idempotencyKey);
        return await _client.SendAsync(request);
    }

    private async Task<JsonElement> RecordAsync(string token, Guid id, string kind, object? body = null)
    {
        using var response = await PostEventAsync(token, id, kind, body ?? new { });
        return await response.ReadJsonAsync();
    }

    private async Task<HttpResponseMessage> SendRawAsync(string token, string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        Authorize(request, token, idempotencyKey: null);
        return await _client.SendAsync(request);
    }

    private static void Authorize(HttpRequestMessage request, string? token, string? idempotencyKey)
    {
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
    }

    private async Task<JsonElement> GetRequestAsync(string? token, Guid id)
    {
        using var response = await _client.GetAsAsync(token, $"/api/requests/{id}");
        return await response.ReadJsonAsync();
    }

    private async Task<JsonElement> ListAsync(string token, string query)
    {
        using var response = await _client.GetAsAsync(token, $"/api/requests?{query}");
        return await response.ReadJsonAsync();
    }

    // The test host runs without the scheduler, so the sweep it would run is sent by hand, through
    // the same mediator and handler; it goes on while it says more timers are due, as the job does.
    private async Task SweepTimersAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        for (var round = 0; round < 50; round++)
        {
            var result = await mediator.Send(new SweepTimersCommand());
            if (!result.More)
                return;
        }

        throw new InvalidOperationException("The timer sweep still reported more due timers after 50 rounds.");
    }

    private static DateOnly Date(JsonElement value) => DateOnly.ParseExact(value.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
