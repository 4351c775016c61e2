using FluentAssertions;
using FoiTracker.Domain.Workflows;
using Xunit;

namespace FoiTracker.Domain.Tests.Workflows;

public sealed class WorkflowWordsTests
{
    [Fact]
    public void AnEventEntry_IsStoredWithItsCategory_AndReadBackAsTheEvent()
    {
        var kind = TimelineKind.Of(EventKind.Answered);

        kind.Value.Should().Be("event:answered");
        kind.IsEvent.Should().BeTrue();
        kind.IsTimer.Should().BeFalse();
        kind.Event.Should().Be(EventKind.Answered);
        TimelineKind.Parse("event:answered").Should().Be(kind);
    }

    [Fact]
    public void ATimerEntry_IsStoredWithItsCategory_AndReadBackAsTheTimer()
    {
        var kind = TimelineKind.Parse("timer:deadline_passed");

        kind.IsTimer.Should().BeTrue();
        kind.IsEvent.Should().BeFalse();
        kind.Timer.Should().Be(new TimerKind("deadline_passed"));
        kind.Should().Be(TimelineKind.Of(new TimerKind("deadline_passed")));
    }

    [Theory]
    [InlineData("correction", true)]
    [InlineData("mail:sent", false)]
    [InlineData("flag:refused_without_reasons", false)]
    public void AnEntryThatIsNeitherEventNorTimer_SaysSo(string stored, bool correction)
    {
        var kind = TimelineKind.Parse(stored);

        kind.IsEvent.Should().BeFalse();
        kind.IsTimer.Should().BeFalse();
        kind.IsCorrection.Should().Be(correction);
        kind.Value.Should().Be(stored);
        var asEvent = () => kind.Event;
        asEvent.Should().Throw<InvalidOperationException>();
    }

    [Theory]
    [InlineData("")]
    [InlineData("mail sent")]
    [InlineData("event:")]
    [InlineData("event:two words")]
    [InlineData("timer:a:b")]
    public void AKindThatIsNotOneToken_OrWhoseWordIsMalformed_IsRefused(string stored)
    {
        var parse = () => TimelineKind.Parse(stored);

        parse.Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData("")]
    [InlineData("event:answered")]
    [InlineData("two words")]
    public void AWordOfTheStatute_HasNoSpaceOrColon(string word)
    {
        var create = () => new EventKind(word);

        create.Should().Throw<ArgumentException>().WithMessage($"'{word}' is not an event kind*");
    }

    [Fact]
    public void TheAnswerOutcomes_AreTheFiveABodyCanGive()
    {
        Outcome[] answers = [Outcome.Complete, Outcome.Partial, Outcome.Refused, Outcome.NotHeld, Outcome.Forwarded];

        answers.Should().OnlyContain(outcome => outcome.IsAnswer);
        new[] { Outcome.Upheld, Outcome.Rejected, Outcome.Won, new Outcome("lost") }.Should().OnlyContain(outcome => !outcome.IsAnswer);
    }

    [Fact]
    public void AStageKey_IsItsText_ComparedExactly()
    {
        var submitted = new StageKey("submitted");

        submitted.Should().Be(new StageKey("submitted"));
        submitted.Should().NotBe(new StageKey("Submitted"));
        submitted.ToString().Should().Be("submitted");
    }

    [Fact]
    public void TheReopenTarget_IsNoStageAPersonCouldName()
    {
        var named = () => new StageKey(StageKey.Reopen.Value);

        named.Should().Throw<ArgumentException>().WithMessage("'$reopen' is not a stage key*");
    }

    [Theory]
    [InlineData("$reopen", true)]
    [InlineData("complaint_filed", false)]
    public void ATarget_IsAStageKey_OrTheReopenTarget(string text, bool reopen)
    {
        var target = StageKey.Target(text);

        target.Value.Should().Be(text);
        (target == StageKey.Reopen).Should().Be(reopen);
    }

    [Theory]
    [InlineData("$back")]
    [InlineData("two words")]
    public void ATargetThatIsNeither_IsRefused(string text)
    {
        var read = () => StageKey.Target(text);

        read.Should().Throw<ArgumentException>().WithMessage($"'{text}' is not a stage key*");
    }
}
