using FoiTracker.Application.Letters;

namespace FoiTracker.Application.Tests.Letters;

public sealed class GeorgianDatesTests
{
    // Each month on the 16th of 2026, in the nominative, dative and genitive, written out by hand.
    [Theory]
    [InlineData(1, "იანვარი", "იანვარს", "იანვრის")]
    [InlineData(2, "თებერვალი", "თებერვალს", "თებერვლის")]
    [InlineData(3, "მარტი", "მარტს", "მარტის")]
    [InlineData(4, "აპრილი", "აპრილს", "აპრილის")]
    [InlineData(5, "მაისი", "მაისს", "მაისის")]
    [InlineData(6, "ივნისი", "ივნისს", "ივნისის")]
    [InlineData(7, "ივლისი", "ივლისს", "ივლისის")]
    [InlineData(8, "აგვისტო", "აგვისტოს", "აგვისტოს")]
    [InlineData(9, "სექტემბერი", "სექტემბერს", "სექტემბრის")]
    [InlineData(10, "ოქტომბერი", "ოქტომბერს", "ოქტომბრის")]
    [InlineData(11, "ნოემბერი", "ნოემბერს", "ნოემბრის")]
    [InlineData(12, "დეკემბერი", "დეკემბერს", "დეკემბრის")]
    public void Every_month_takes_its_own_nominative_dative_and_genitive_after_the_year_in_the_genitive(int month, string nominative, string dative, string genitive)
    {
        var date = new DateOnly(2026, month, 16);

        GeorgianDates.Format(date, DateCase.Nominative).Should().Be($"2026 წლის 16 {nominative}");
        GeorgianDates.Format(date, DateCase.Dative).Should().Be($"2026 წლის 16 {dative}");
        GeorgianDates.Format(date, DateCase.Genitive).Should().Be($"2026 წლის 16 {genitive}");
    }

    [Fact]
    public void The_date_line_keeps_its_short_plain_form_and_English_has_one_form_for_every_case()
    {
        var date = new DateOnly(2026, 10, 16);

        LetterComposer.FormatDate(date, "ka").Should().Be("16 ოქტომბერი 2026");
        LetterComposer.FormatDate(date, "ka", DateCase.Dative).Should().Be("2026 წლის 16 ოქტომბერს");
        LetterComposer.FormatDate(date, "en", DateCase.Genitive).Should().Be("16 October 2026");
    }

    [Fact]
    public void Putting_a_date_fills_the_field_and_each_of_its_cases_and_a_missing_date_leaves_all_empty()
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);

        LetterComposer.PutDate(values, LetterFields.DueOn, new DateOnly(2026, 9, 1), "ka");
        LetterComposer.PutDate(values, LetterFields.RefusalDatedOn, null, "ka");

        values[LetterFields.DueOn].Should().Be("1 სექტემბერი 2026");
        values["request.due_on:dative"].Should().Be("2026 წლის 1 სექტემბერს");
        values["request.due_on:genitive"].Should().Be("2026 წლის 1 სექტემბრის");
        values["request.due_on:nominative"].Should().Be("2026 წლის 1 სექტემბერი");
        values.Where(pair => pair.Key.StartsWith(LetterFields.RefusalDatedOn, StringComparison.Ordinal)).Should().HaveCount(4).And.OnlyContain(pair => pair.Value == null);
    }

    [Theory]
    [InlineData(1, "პირველი")]
    [InlineData(2, "მე-2")]
    [InlineData(20, "მე-20")]
    [InlineData(21, "21-ე")]
    [InlineData(37, "37-ე")]
    [InlineData(40, "მე-40")]
    [InlineData(62, "62-ე")]
    [InlineData(80, "მე-80")]
    [InlineData(100, "მე-100")]
    [InlineData(177, "177-ე")]
    [InlineData(200, "მე-200")]
    public void Ordinals_are_written_as_Georgian_law_texts_write_them(int number, string written) =>
        CitationText.Ordinal(number).Should().Be(written);

    [Theory]
    [InlineData("LSG 62(1)", "ka", "ადგილობრივი თვითმმართველობის კოდექსის 62-ე მუხლის პირველი ნაწილი")]
    [InlineData("LSG 62(2)", "ka", "ადგილობრივი თვითმმართველობის კოდექსის 62-ე მუხლის მე-2 ნაწილი")]
    [InlineData("GAC 178", "ka", "ზოგადი ადმინისტრაციული კოდექსის 178-ე მუხლი")]
    [InlineData("APC 22(3)", "ka", "ადმინისტრაციული საპროცესო კოდექსის 22-ე მუხლის მე-3 ნაწილი")]
    [InlineData("LSG 62(1)", "en", "Article 62(1) of the Local Self-Government Code")]
    [InlineData("GAC 178", "en", "Article 178 of the General Administrative Code")]
    public void A_short_citation_from_the_data_is_written_out_in_the_letters_language(string citation, string language, string written) =>
        CitationText.InLanguage(citation, language).Should().Be(written);

    [Theory]
    [InlineData("CPC 60(2)")]
    [InlineData("LSG sixty-two")]
    [InlineData("")]
    public void A_citation_that_cannot_be_written_in_Georgian_gives_no_text_rather_than_Latin_letters(string citation) =>
        CitationText.InLanguage(citation, "ka").Should().BeNull();
}
