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
    // A question after a breach ("是否未…", "是否仍…") found NonCompliant: the breach is what was found, not "未未…".
    [InlineData("甲、乙类生产场所和仓库是否未设在建筑的地下室或半地下室。", null, "甲、乙类生产场所和仓库设在建筑的地下室或半地下室")]
    [InlineData("是否仍在使用淘汰落后安全技术工艺、设备目录所列的工艺或设备。", "仍用氨直接蒸发制冷", "仍在使用淘汰落后安全技术工艺、设备目录所列的工艺或设备：仍用氨直接蒸发制冷")]
    public void a_checklist_question_becomes_what_was_found(string content, string? notes, string expected) =>
        Assert.Equal(expected, InspectionFindings.Describe(Item(content, notes)));

    [Fact]
    public void the_items_own_finding_is_what_the_hazard_says_with_the_inspectors_notes() =>
        Assert.Equal("未制定生产安全事故应急预案或未按规定备案：应急演练记录缺失",
            InspectionFindings.Describe(Item("是否制定生产安全事故应急预案并按规定备案？", "应急演练记录缺失"), "未制定生产安全事故应急预案或未按规定备案"));

    [Fact]
    public void a_free_text_finding_keeps_its_words() =>
        Assert.Equal("二楼配电箱门缺失：线路裸露", InspectionFindings.Describe(Item("二楼配电箱门缺失", "线路裸露", fromChecklist: false)));
}
