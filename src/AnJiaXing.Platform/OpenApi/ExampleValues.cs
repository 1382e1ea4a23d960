using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AnJiaXing.Platform.OpenApi;

/// <summary>
/// A plausible example body for a request type, built from its properties (camelCase, enums by name), so every
/// operation shows one even where its module gave none. Values read as a district supervisor would fill them in.
/// </summary>
public static class ExampleValues
{
    public static JsonNode? For(Type type) => Value(type, "", 0);

    private static JsonNode? Value(Type type, string name, int depth)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var lower = name.ToLowerInvariant();
        if (type == typeof(string)) return JsonValue.Create(Text(lower));
        if (type == typeof(Guid)) return JsonValue.Create("0193a3b0-7c3e-7d2a-9f10-3c5e8a1b2c4d");
        if (type == typeof(bool)) return JsonValue.Create(true);
        if (type == typeof(DateTimeOffset) || type == typeof(DateTime)) return JsonValue.Create("2026-11-20T09:30:00+08:00");
        if (type == typeof(DateOnly)) return JsonValue.Create("2026-11-20");
        if (type == typeof(TimeOnly)) return JsonValue.Create("09:30:00");
        if (type == typeof(TimeSpan)) return JsonValue.Create("01:00:00");
        if (type.IsEnum) return JsonValue.Create(Enum.GetNames(type).FirstOrDefault());
        if (type == typeof(double) || type == typeof(decimal) || type == typeof(float))
            return JsonValue.Create(lower.Contains("lat") ? 30.27 : lower.Contains("lon") || lower.Contains("lng") ? 120.15 : 12.5);
        if (type == typeof(int) || type == typeof(long) || type == typeof(short))
            return JsonValue.Create(lower.Contains("version") ? 3 : 1);
        if (type == typeof(byte[])) return JsonValue.Create("AAEC");
        if (depth > 4) return null;
        if (type != typeof(string) && typeof(IDictionary).IsAssignableFrom(type)) return new JsonObject();
        var element = type.IsArray ? type.GetElementType()
            : type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) ? type.GetGenericArguments()[0] : null;
        if (element is not null)
        {
            if (type.IsGenericType && type.GetGenericArguments().Length > 1) return new JsonObject();
            return new JsonArray(Value(element, Singular(name), depth + 1));
        }
        if (!type.IsClass && !type.IsValueType || type.IsPrimitive) return null;

        var result = new JsonObject();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetCustomAttribute<System.Text.Json.Serialization.JsonIgnoreAttribute>() is not null) continue;
            result[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = Value(property.PropertyType, property.Name, depth + 1);
        }
        return result;
    }

    private static string Singular(string name) => name.EndsWith("ies", StringComparison.Ordinal) ? name[..^3] + "y" : name.TrimEnd('s');

    private static string Text(string name) => name switch
    {
        _ when name.Contains("password") => "Secret#2026",
        _ when name.Contains("username") => "zhang.wei",
        _ when name.Contains("email") => "zhang.wei@example.cn",
        _ when name.Contains("phone") || name.Contains("mobile") => "13800138000",
        _ when name.Contains("creditcode") => "91330100MA2B3C4D5E",
        _ when name.Contains("code") => "A-01",
        _ when name.Contains("displayname") || name.Contains("contact") || name.Contains("person") => "张伟",
        _ when name.Contains("name") || name.Contains("title") => "城东化工有限公司",
        _ when name.Contains("location") || name.Contains("address") => "二号仓库东侧通道",
        _ when name.Contains("reason") || name.Contains("remark") || name.Contains("note") || name.Contains("comment") => "现场核实属实",
        _ when name.Contains("description") || name.Contains("content") || name.Contains("body") || name.Contains("summary") => "消防通道被杂物堵塞，影响人员疏散",
        _ when name.Contains("legal") || name.Contains("basis") => "《中华人民共和国消防法》第二十八条",
        _ when name.Contains("url") || name.Contains("uri") => "https://example.cn/callback",
        _ when name.Contains("month") => "2026-11",
        _ => "示例"
    };
}
