namespace AnJiaXing.RiskControl.RiskPoints;

/// <summary>The risk point's decisions: each returns the event of a command. The level always follows from the assessment.</summary>
public static class RiskPoint
{
    public static RiskPointRegistered Register(
        Guid id, Organisation? enterprise, Organisation town, IndustryDomain domain, string name, string? location,
        double? latitude, double? longitude, string category, string? hazardFactors, string? possibleAccidents,
        IReadOnlyList<string> controlMeasures, string? emergencyMeasures, string? emergencyPhone, Person? responsible,
        RiskAssessment assessment, Actor by)
    {
        var score = assessment.Score;
        return new RiskPointRegistered(id, enterprise?.Id, enterprise?.Name, town.Id, town.Name, domain, enterprise is null,
            name.Trim(), location?.Trim(), latitude, longitude, category.Trim(), hazardFactors?.Trim(), possibleAccidents?.Trim(),
            controlMeasures.Select(m => m.Trim()).Where(m => m.Length > 0).ToList(), emergencyMeasures?.Trim(), emergencyPhone?.Trim(),
            responsible is null ? null : new RiskResponsible(responsible.Id, responsible.DisplayName),
            assessment, score, RiskScoring.LevelOf(assessment.Method, score), by);
    }

    public static RiskPointReassessed Reassess(this RiskPointView p, RiskAssessment assessment, string? reason, Actor by)
    {
        var score = assessment.Score;
        return new RiskPointReassessed(p.Id, assessment, score, RiskScoring.LevelOf(assessment.Method, score), p.Level, reason?.Trim(), by);
    }
}
