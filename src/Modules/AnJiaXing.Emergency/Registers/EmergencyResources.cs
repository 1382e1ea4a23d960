namespace AnJiaXing.Emergency.Registers;

/// <summary>The decisions on register entries, and each register's route and required fields: one mechanism, five registers.</summary>
public static class EmergencyResources
{
    /// <summary>api.md's route segment of each register (<c>/api/emergency/{segment}</c>).</summary>
    public static readonly IReadOnlyDictionary<string, EmergencyRegister> Routes = new Dictionary<string, EmergencyRegister>
    {
        ["supplies"] = EmergencyRegister.Supplies,
        ["fire-stations"] = EmergencyRegister.FireStations,
        ["teams"] = EmergencyRegister.Teams,
        ["experts"] = EmergencyRegister.Experts,
        ["fire-facilities"] = EmergencyRegister.FireFacilities
    };

    public static readonly IReadOnlyDictionary<EmergencyRegister, Noun> Names = new Dictionary<EmergencyRegister, Noun>
    {
        [EmergencyRegister.Supplies] = new("应急物资", "Emergency supply"),
        [EmergencyRegister.FireStations] = new("微型消防站", "Micro fire station"),
        [EmergencyRegister.Teams] = new("应急队伍", "Emergency team"),
        [EmergencyRegister.Experts] = new("应急专家", "Emergency expert"),
        [EmergencyRegister.FireFacilities] = new("消防设施", "Fire facility")
    };

    public static string RouteOf(EmergencyRegister register) => Routes.First(r => r.Value == register).Key;

    /// <summary>The register a route names; any other segment is a 404, as for an unknown route.</summary>
    public static EmergencyRegister Parse(string segment) =>
        Routes.TryGetValue(segment, out var register) ? register : throw ApiProblemException.NotFound("应急台账", "Emergency register", segment);

    /// <summary>What each register demands beyond a name (field → message), checked on create, update and import alike.</summary>
    public static Dictionary<string, string[]> Problems(EmergencyRegister register, EmergencyResourceDetails d)
    {
        var errors = new Dictionary<string, string[]>();
        void Require(bool present, string field, string message) { if (!present) errors[field] = [message]; }
        switch (register)
        {
            case EmergencyRegister.Supplies:
                Require(!string.IsNullOrWhiteSpace(d.Category), "category", ProblemLanguage.Say("请填写物资类别。", "Enter the supply's category."));
                Require(d.Quantity is not null, "quantity", ProblemLanguage.Say("请填写物资数量。", "Enter the supply's quantity."));
                Require(!string.IsNullOrWhiteSpace(d.Unit), "unit", ProblemLanguage.Say("请填写计量单位。", "Enter the unit of measure."));
                Require(!string.IsNullOrWhiteSpace(d.Location), "location", ProblemLanguage.Say("请填写存放地点。", "Enter where the supply is stored."));
                break;
            case EmergencyRegister.FireStations:
                Require(!string.IsNullOrWhiteSpace(d.Location), "location", ProblemLanguage.Say("请填写站点位置。", "Enter the station's location."));
                Require(!string.IsNullOrWhiteSpace(d.Phone), "phone", ProblemLanguage.Say("请填写值班电话。", "Enter the duty phone number."));
                Require(d.Members is not null, "members", ProblemLanguage.Say("请填写队员人数。", "Enter the number of members."));
                break;
            case EmergencyRegister.Teams:
                Require(!string.IsNullOrWhiteSpace(d.Leader), "leader", ProblemLanguage.Say("请填写队伍负责人。", "Enter the team's leader."));
                Require(!string.IsNullOrWhiteSpace(d.Phone), "phone", ProblemLanguage.Say("请填写联系电话。", "Enter a contact phone number."));
                break;
            case EmergencyRegister.Experts:
                Require(!string.IsNullOrWhiteSpace(d.Speciality), "speciality", ProblemLanguage.Say("请填写专业领域。", "Enter the expert's speciality."));
                Require(!string.IsNullOrWhiteSpace(d.Phone), "phone", ProblemLanguage.Say("请填写联系电话。", "Enter a contact phone number."));
                break;
            case EmergencyRegister.FireFacilities:
                Require(!string.IsNullOrWhiteSpace(d.Category), "category", ProblemLanguage.Say("请填写设施类型。", "Enter the facility's type."));
                Require(!string.IsNullOrWhiteSpace(d.Location), "location", ProblemLanguage.Say("请填写设施位置。", "Enter the facility's location."));
                break;
        }
        return errors;
    }

    public static EmergencyResourceRegistered Register(Guid id, EmergencyRegister register, EmergencyOwner owner,
        EmergencyResourceDetails details, Actor by)
    {
        var clean = Clean(details);
        Demand(register, clean);
        return new EmergencyResourceRegistered(id, register, owner, clean, by);
    }

    /// <summary>The replacement of an entry's details, or nothing when they are already exactly these (PUT is idempotent).</summary>
    public static IReadOnlyList<object> Update(EmergencyResourceView current, EmergencyResourceDetails details, Actor by)
    {
        var clean = Clean(details);
        Demand(current.Register, clean);
        return clean == current.Details ? [] : [new EmergencyResourceUpdated(current.Id, current.Register, clean, by)];
    }

    public static IReadOnlyDictionary<string, object?> State(EmergencyResourceView r) =>
        new Dictionary<string, object?> { ["register"] = r.Register.ToString(), ["version"] = r.Version };

    private static void Demand(EmergencyRegister register, EmergencyResourceDetails details)
    {
        var errors = Problems(register, details);
        if (errors.Count > 0) throw new ValidationProblemException(errors.ToDictionary(kv => kv.Key, kv => kv.Value));
    }

    private static EmergencyResourceDetails Clean(EmergencyResourceDetails d) => d with
    {
        Name = d.Name.Trim(),
        Category = Clean(d.Category),
        Location = Clean(d.Location),
        Unit = Clean(d.Unit),
        Keeper = Clean(d.Keeper),
        Equipment = Clean(d.Equipment),
        Leader = Clean(d.Leader),
        Phone = Clean(d.Phone),
        Speciality = Clean(d.Speciality),
        WorkUnit = Clean(d.WorkUnit),
        Remarks = Clean(d.Remarks)
    };

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Who may act on a register entry, for the command path.</summary>
public static class EmergencyResourceAccess
{
    public static readonly CommandRules<EmergencyResourceView> Keep = new(
        new Noun("应急台账记录", "Emergency register record"), EmergencyAccess.Sees, EmergencyAccess.MayKeep,
        r => ProblemLanguage.Say($"您的角色不能修改{r.EnterpriseName ?? r.TownName ?? "区级"}的{EmergencyResources.Names[r.Register].Zh}。",
            $"Your role may not change the {EmergencyResources.Names[r.Register].En.ToLowerInvariant()} register of {r.EnterpriseName ?? r.TownName ?? "the district"}."),
        EmergencyResources.State);
}
