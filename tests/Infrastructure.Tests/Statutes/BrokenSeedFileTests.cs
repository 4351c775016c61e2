using System.Text.Json.Nodes;
using FoiTracker.Infrastructure.Statutes;

namespace FoiTracker.Infrastructure.Tests.Statutes;

public sealed class BrokenSeedFileTests : IDisposable
{
    private readonly string _seeds = Seeds.CopyToTemp();

    public void Dispose() => Directory.Delete(_seeds, recursive: true);

    private void Edit(string relative, Action<JsonObject> change)
    {
        var path = Path.Combine(_seeds, relative);
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        change(json);
        File.WriteAllText(path, json.ToJsonString());
    }

    private SeedFileException LoadFails() =>
        FluentActions.Invoking(() => StatuteCatalog.Load(_seeds)).Should().Throw<SeedFileException>().Which;

    [Fact]
    public void Load_UnknownDeadlineUnit_NamesFileEntryAndField()
    {
        Edit("statutes/ge-gac.json", json => json["deadlines"]!["response"]!["unit"] = "fortnights");

        var error = LoadFails();

        (error.File, error.Entry, error.Field).Should().Be(("statutes/ge-gac.json", "deadlines.response", "unit"));
        error.Message.Should().Contain("statutes/ge-gac.json").And.Contain("deadlines.response").And.Contain("'unit'").And.Contain("fortnights");
    }

    [Fact]
    public void Load_RegistrationRuleForAnUnknownKindOfBody_NamesTheField()
    {
        Edit("statutes/ge-gac.json", json => json["deadlines"]!["response"]!["fromRegistration"]!["bodyKinds"] = new JsonArray("ministry", "embassy"));

        var error = LoadFails();

        (error.Entry, error.Field).Should().Be(("deadlines.response", "fromRegistration.bodyKinds"));
        error.Message.Should().Contain("embassy").And.Contain("ministry");
    }

    [Fact]
    public void Load_HolidayWithMonth13_NamesTheHolidayAndRuleField()
    {
        Edit("calendars/ge.json", json => json["holidays"]![2]!["rule"]!["month"] = 13);

        var error = LoadFails();

        (error.File, error.Entry, error.Field).Should().Be(("calendars/ge.json", "holidays[2] 'christmas'", "rule.month"));
    }

    [Fact]
    public void Load_MissingGeorgianName_InAGeorgianFile_IsRefused()
    {
        Edit("calendars/ge.json", json => json["holidays"]![0]!["name"]!.AsObject().Remove("ka"));

        var error = LoadFails();

        (error.Entry, error.Field).Should().Be(("holidays[0] 'new-year'", "name.ka"));
    }

    [Fact]
    public void Load_EnglishCopiedIntoGeorgian_IsRefused()
    {
        Edit("calendars/gb-eng.json", json => json["holidays"]![2]!["name"] = new JsonObject { ["en"] = "Easter Monday", ["ka"] = "Easter Monday" });

        LoadFails().Field.Should().Be("name.ka");
    }

    [Fact]
    public void Load_StatuteOnAnUnknownCalendar_NamesTheCalendarField()
    {
        Edit("statutes/uk-foia.json", json => json["calendar"] = "gb-wls");

        var error = LoadFails();

        (error.File, error.Entry, error.Field).Should().Be(("statutes/uk-foia.json", "(root)", "calendar"));
        error.Problem.Should().Contain("gb-wls").And.Contain("gb-eng");
    }

    [Fact]
    public void Load_MisspelledField_IsRefusedRatherThanDefaulted()
    {
        Edit("statutes/us-foia.json", json =>
        {
            var response = json["deadlines"]!["response"]!.AsObject();
            response.Remove("rollForward");
            response["rollforward"] = true;
        });

        var error = LoadFails();

        (error.Entry, error.Field).Should().Be(("deadlines.response", "rollforward"));
    }

    [Fact]
    public void Load_IdDifferentFromFileName_IsRefused()
    {
        Edit("calendars/de.json", json => json["id"] = "at");

        LoadFails().Should().Match<SeedFileException>(e => e.File == "calendars/de.json" && e.Field == "id");
    }

    [Fact]
    public void Load_BadOverrideDate_NamesTheOverride()
    {
        Edit("calendars/us-federal.json", json => json["overrides"]![0]!["date"] = "2018-02-30");

        var error = LoadFails();

        (error.Entry, error.Field).Should().Be(("overrides[0] '2018-02-30'", "date"));
    }

    [Fact]
    public void Load_UnknownTimeZone_NamesTheTimeZoneField()
    {
        Edit("statutes/ua-api.json", json => json["timeZone"] = "Europe/Kiev-Old");

        LoadFails().Should().Match<SeedFileException>(e => e.File == "statutes/ua-api.json" && e.Field == "timeZone");
    }

    [Fact]
    public void Load_InvalidJson_NamesTheFileAndLine()
    {
        File.WriteAllText(Path.Combine(_seeds, "statutes", "de-ifg.json"), "{\n  \"id\": \"de-ifg\",\n  \"version\": 1,,\n}");

        var error = LoadFails();

        error.File.Should().Be("statutes/de-ifg.json");
        error.Problem.Should().Contain("line 3");
    }

    [Fact]
    public void Load_NegativeDeadlineValue_NamesTheValueField()
    {
        Edit("statutes/eu-1049.json", json => json["deadlines"]!["confirmatory_application"]!["value"] = -15);

        var error = LoadFails();

        (error.Entry, error.Field).Should().Be(("deadlines.confirmatory_application", "value"));
    }

    [Fact]
    public void Load_ReadyToPrintStageThatSubmitDoesNotLeave_IsRefused()
    {
        Edit("statutes/uk-foia.json", json => json["workflow"]!["stages"]!["ready_to_print"]!["events"]!.AsObject().Remove("submit"));

        var error = LoadFails();

        error.File.Should().Be("statutes/uk-foia.json");
        error.Message.Should().Contain("'ready_to_print' needs an event 'submit'");
    }

    [Fact]
    public void Load_ATargetThatIsNoStageKey_NamesWhereItIs()
    {
        Edit("statutes/ge-gac.json", json => json["workflow"]!["stages"]!["refused"]!["events"]!["escalate"]!["to"] = "complaint filed");

        var error = LoadFails();

        error.Field.Should().EndWith("stages.refused.events.escalate.to");
        error.Problem.Should().Contain("'complaint filed' is not a stage key");
    }

    [Fact]
    public void Load_ARouteMappingAStageToTheReopenTarget_IsRefused()
    {
        Edit("statutes/ge-gac.json", json => json["workflow"]!["routes"]!["direct_to_court"]!["stages"]!["refused"] = "$reopen");

        var error = LoadFails();

        error.Field.Should().EndWith("routes.direct_to_court.stages");
        error.Problem.Should().Contain("'$reopen' is not a stage key");
    }

    [Fact]
    public void Load_DuplicateHolidayKey_NamesTheSecondOne()
    {
        Edit("calendars/ie.json", json => json["holidays"]![1]!["key"] = "new-year");

        var error = LoadFails();

        (error.Entry, error.Field).Should().Be(("holidays[1] 'new-year'", "key"));
    }
}
