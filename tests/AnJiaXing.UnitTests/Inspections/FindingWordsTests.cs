namespace AnJiaXing.UnitTests.Inspections;

/// <summary>A hazard raised from a checklist item reads as a finding, not as the item's question.</summary>
public class FindingWordsTests
{
    private static InspectionItem Item(string content, string? notes, bool fromChecklist = true) =>
        new("HC-02", fromChecklist, "人员资质", content, null, HazardLevel.General, ItemResult.NonCompliant, notes, [], null,
            HazardCategory.Management, DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData("从事危险化工工艺操作等特种作业的人员是否全部持有效证件上岗。", null, "从事危险化工工艺操作等特种作业的人员未全部持有效证件上岗")]
    [InlineData("是否制定生产安全事故应急预案并定期演练？", "应急演练记录缺失", "未制定生产安全事故应急预案并定期演练：应急演练记录缺失")]
    [InlineData("消防通道畅通", "堆放杂物", "不符合：消防通道畅通：堆放杂物")]
    public void a_checklist_question_becomes_what_was_found(string content, string? notes, string expected) =>
        Assert.Equal(expected, InspectionFindings.Describe(Item(content, notes)));

    [Fact]
    public void a_free_text_finding_keeps_its_words() =>
        Assert.Equal("二楼配电箱门缺失：线路裸露", InspectionFindings.Describe(Item("二楼配电箱门缺失", "线路裸露", fromChecklist: false)));
}
