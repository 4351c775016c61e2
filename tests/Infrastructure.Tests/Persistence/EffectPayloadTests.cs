using System.Text.Json;
using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Requests;
using FoiTracker.Domain.Workflows;
using FoiTracker.Infrastructure.Persistence.Repositories;

namespace FoiTracker.Infrastructure.Tests.Persistence;

/// <summary>The outbox payload written field by field is the JSON the serializer wrote for the same values.</summary>
public sealed class EffectPayloadTests
{
    [Fact]
    public void EffectPayload_IsTheSerializersJson()
    {
        var request = FoiRequest.Import(
            RequestId.New(), RequestNumber.From(2026, 42), PublicBodyKey.Create("ge-gori-city-hall"), "ge-gac", 3,
            "ინფორმაცია", "ტექსტი \"quoted\" \\ </script>", new Requester("ნინო", null, "გორი, ჭავჭავაძის 1"), new StageKey("overdue"),
            new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.FromHours(4)), new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.FromHours(4)));
        var at = new DateTimeOffset(2026, 11, 26, 20, 0, 0, 123, TimeSpan.Zero).AddTicks(4567);

        var payload = RequestStepWriter.EffectPayload(request, at);

        var expected = JsonSerializer.Serialize(new
        {
            requestId = request.Id.Value, number = request.Number.Value, stage = request.Stage.Value, statute = request.StatuteId,
            statuteVersion = request.StatuteVersion, at,
        });
        payload.Should().Be(expected);
        using var document = JsonDocument.Parse(payload);
        document.RootElement.GetProperty("at").GetDateTimeOffset().Should().Be(at);
        document.RootElement.GetProperty("number").GetString().Should().Be("2026-000042");
    }
}
