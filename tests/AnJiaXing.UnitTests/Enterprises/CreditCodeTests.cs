
namespace AnJiaXing.UnitTests.Enterprises;

public class CreditCodeTests
{
    // The standard's own example and codes of publicly registered enterprises.
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91110000802100433B")]
    [InlineData("91310000132200821H")]
    public void published_codes_are_valid(string code) => Assert.Null(CreditCode.Problem(code));

    [Fact]
    public void lower_case_and_surrounding_spaces_are_normalised_away() =>
        Assert.True(CreditCode.IsValid("  91350100m000100y43 "));

    [Fact]
    public void every_other_check_character_is_refused()
    {
        const string first17 = "91350100M000100Y4";
        foreach (var c in CreditCode.Alphabet.Where(c => c != '3'))
            Assert.Contains("check character should be '3'", CreditCode.Problem(first17 + c));
    }

    [Theory]
    [InlineData("91350100M000100Y4")]
    [InlineData("91350100M000100Y433")]
    [InlineData("")]
    public void a_code_of_the_wrong_length_is_refused(string code) =>
        Assert.Contains("18 characters", CreditCode.Problem(code));

    [Theory]
    [InlineData("91350100I000100Y43", 'I')]
    [InlineData("91350100O000100Y43", 'O')]
    [InlineData("91350100Z000100Y43", 'Z')]
    [InlineData("91350100S000100Y43", 'S')]
    [InlineData("91350100V000100Y43", 'V')]
    [InlineData("91350100-000100Y43", '-')]
    [InlineData("9135010０M000100Y43", '０')]
    public void characters_outside_the_31_character_set_are_refused(string code, char bad) =>
        Assert.Contains($"'{bad}'", CreditCode.Problem(code));

    [Fact]
    public void complete_appends_the_check_character_that_validation_expects()
    {
        for (var i = 0; i < 500; i++)
        {
            var code = CreditCode.Complete($"91310114MA1{i * 7919 % 1_000_000:D6}");
            Assert.True(CreditCode.IsValid(code), code);
        }
    }

    [Fact]
    public void the_alphabet_has_the_standards_31_characters() =>
        Assert.Equal(31, CreditCode.Alphabet.Distinct().Count());
}
