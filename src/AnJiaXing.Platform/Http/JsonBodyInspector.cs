using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace AnJiaXing.Platform.Http;

/// <summary>
/// Reads a JSON body against the shape of the type it will be deserialized into (its System.Text.Json contract) and
/// collects, per camelCase field path, what would otherwise become a 500 or a parser's text: a NUL character in any
/// string, a value of the wrong JSON kind, an enum value that is no declared name, a date outside
/// <see cref="AcceptedDates"/>, a null where the type allows none. Unknown members are ignored, as the deserializer does.
/// </summary>
public sealed class JsonBodyInspector(JsonSerializerOptions options)
{
    private const int MaxErrors = 20;
    private static readonly NullabilityInfoContext Nullability = new();
    private static readonly ConcurrentDictionary<MemberInfo, NullabilityInfo?> MemberNullability = new();

    private readonly Dictionary<string, List<string>> _errors = new();

    public IReadOnlyDictionary<string, List<string>> Errors => _errors;

    public void Inspect(JsonElement root, Type type)
    {
        FindNul(root, "");
        if (_errors.Count == 0) Walk(root, type, "", NullabilityState.NotNull, null);
    }

    private void Add(string path, string message)
    {
        var key = path.Length == 0 ? "body" : path;
        if (_errors.Count >= MaxErrors && !_errors.ContainsKey(key)) return;
        if (!_errors.TryGetValue(key, out var list)) _errors[key] = list = [];
        list.Add(message);
    }

    private static string Field(string path) => path.Length == 0 ? "body" : path;

    private static string Member(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    /// <summary>PostgreSQL refuses U+0000 in text: reject it in every string and member name, whatever the type.</summary>
    private void FindNul(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String when element.GetString()!.Contains('\0'):
                Add(path, ProblemLanguage.Say($"{Field(path)}: 不能包含 NUL 字符（\\u0000）", $"{Field(path)}: may not contain a NUL character (\\u0000)"));
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var child = Member(path, ScalarBinding.Shorten(property.Name));
                    if (property.Name.Contains('\0')) Add(child, ProblemLanguage.Say($"{child}: 字段名不能包含 NUL 字符（\\u0000）", $"{child}: a field name may not contain a NUL character (\\u0000)"));
                    else FindNul(property.Value, child);
                }
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray()) FindNul(item, $"{path}[{i++}]");
                break;
        }
    }

    private void Walk(JsonElement element, Type type, string path, NullabilityState nullState, NullabilityInfo? nullInfo)
    {
        if (_errors.Count >= MaxErrors) return;
        var field = Field(path);
        var underlying = Nullable.GetUnderlyingType(type);
        var t = underlying ?? type;

        if (element.ValueKind == JsonValueKind.Null)
        {
            var allowsNull = underlying is not null || (!t.IsValueType && nullState != NullabilityState.NotNull);
            if (!allowsNull) Add(path, path.Length == 0
                ? ProblemLanguage.Say("请求体不能为空（收到 null）", "The body is empty (null)")
                : ProblemLanguage.Say($"{field}: 不能为 null", $"{field}: may not be null"));
            return;
        }

        if (t == typeof(object) || t == typeof(JsonElement) || t == typeof(JsonDocument) || typeof(System.Text.Json.Nodes.JsonNode).IsAssignableFrom(t))
            return;

        if (t == typeof(string))
        {
            if (element.ValueKind != JsonValueKind.String) Add(path, ScalarBinding.Expected(field, t, null));
            return;
        }

        if (t.IsEnum)
        {
            var raw = element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
            if (element.ValueKind != JsonValueKind.String || ScalarBinding.EnumName(t, raw) is null)
                Add(path, ScalarBinding.Expected(field, t, raw));
            return;
        }

        if (t == typeof(bool))
        {
            if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) Add(path, ScalarBinding.Expected(field, t, Raw(element)));
            return;
        }

        if (t == typeof(Guid))
        {
            if (element.ValueKind != JsonValueKind.String || !element.TryGetGuid(out _)) Add(path, ScalarBinding.Expected(field, t, Raw(element)));
            return;
        }

        if (ScalarBinding.IsDate(t))
        {
            if (element.ValueKind != JsonValueKind.String) Add(path, ScalarBinding.Expected(field, t, Raw(element)));
            else if (ScalarBinding.Check(field, element.GetString()!, t) is { } message) Add(path, message);
            else if (t != typeof(DateOnly) && !element.TryGetDateTimeOffset(out _)) Add(path, ScalarBinding.Expected(field, t, Raw(element)));
            return;
        }

        if (IsNumber(t))
        {
            var fromString = element.ValueKind == JsonValueKind.String
                             && options.NumberHandling.HasFlag(System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString);
            if (element.ValueKind != JsonValueKind.Number && !fromString) Add(path, ScalarBinding.Expected(field, t, Raw(element)));
            else if (fromString && ScalarBinding.Check(field, element.GetString()!, t) is { } message) Add(path, message);
            else if (element.ValueKind == JsonValueKind.Number && !FitsNumber(element, t)) Add(path, ProblemLanguage.Say($"{field}: 数值超出范围", $"{field}: the number is out of range"));
            return;
        }

        JsonTypeInfo info;
        try { info = options.GetTypeInfo(t); }
        catch (NotSupportedException) { return; }

        switch (info.Kind)
        {
            case JsonTypeInfoKind.Enumerable:
                if (element.ValueKind != JsonValueKind.Array) { Add(path, ProblemLanguage.Say($"{field}: 必须是数组", $"{field}: must be an array")); return; }
                var elementType = info.ElementType ?? typeof(object);
                var elementNull = nullInfo?.ElementType ?? nullInfo?.GenericTypeArguments.FirstOrDefault();
                var i = 0;
                foreach (var item in element.EnumerateArray())
                    Walk(item, elementType, $"{path}[{i++}]", elementNull?.ReadState ?? NullabilityState.Unknown, elementNull);
                return;
            case JsonTypeInfoKind.Dictionary:
                if (element.ValueKind != JsonValueKind.Object) { Add(path, ProblemLanguage.Say($"{field}: 必须是对象", $"{field}: must be an object")); return; }
                var valueType = info.ElementType ?? typeof(object);
                var valueNull = nullInfo?.GenericTypeArguments.LastOrDefault();
                foreach (var property in element.EnumerateObject())
                    Walk(property.Value, valueType, Member(path, property.Name), valueNull?.ReadState ?? NullabilityState.Unknown, valueNull);
                return;
            case JsonTypeInfoKind.Object:
                if (element.ValueKind != JsonValueKind.Object) { Add(path, path.Length == 0 ? ProblemLanguage.Say("请求体必须是 JSON 对象", "The body must be a JSON object") : ProblemLanguage.Say($"{field}: 必须是对象", $"{field}: must be an object")); return; }
                var comparison = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
                foreach (var property in element.EnumerateObject())
                {
                    var member = info.Properties.FirstOrDefault(p => string.Equals(p.Name, property.Name, comparison));
                    if (member is null || member.Set is null && member.AssociatedParameter is null) continue;
                    var memberNull = NullabilityOf(member);
                    Walk(property.Value, member.PropertyType, Member(path, member.Name),
                        memberNull?.WriteState is { } w and not NullabilityState.Unknown ? w : memberNull?.ReadState ?? NullabilityState.Unknown,
                        memberNull);
                }
                return;
        }
    }

    private static string Raw(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : element.ValueKind switch
        {
            JsonValueKind.Object => "{…}",
            JsonValueKind.Array => "[…]",
            _ => element.GetRawText()
        };

    private static bool IsNumber(Type t) =>
        t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(byte) || t == typeof(uint) || t == typeof(ulong)
        || t == typeof(ushort) || t == typeof(sbyte) || t == typeof(decimal) || t == typeof(double) || t == typeof(float);

    private static bool FitsNumber(JsonElement e, Type t) => t switch
    {
        _ when t == typeof(int) => e.TryGetInt32(out _),
        _ when t == typeof(long) => e.TryGetInt64(out _),
        _ when t == typeof(short) => e.TryGetInt16(out _),
        _ when t == typeof(byte) => e.TryGetByte(out _),
        _ when t == typeof(uint) => e.TryGetUInt32(out _),
        _ when t == typeof(ulong) => e.TryGetUInt64(out _),
        _ when t == typeof(ushort) => e.TryGetUInt16(out _),
        _ when t == typeof(sbyte) => e.TryGetSByte(out _),
        _ when t == typeof(decimal) => e.TryGetDecimal(out _),
        _ when t == typeof(double) => e.TryGetDouble(out var d) && double.IsFinite(d),
        _ => e.TryGetSingle(out var f) && float.IsFinite(f)
    };

    private static NullabilityInfo? NullabilityOf(JsonPropertyInfo property) =>
        property.AttributeProvider is MemberInfo member
            ? MemberNullability.GetOrAdd(member, m =>
            {
                lock (Nullability)
                {
                    return m switch
                    {
                        PropertyInfo p => Nullability.Create(p),
                        FieldInfo f => Nullability.Create(f),
                        _ => null
                    };
                }
            })
            : null;
}
