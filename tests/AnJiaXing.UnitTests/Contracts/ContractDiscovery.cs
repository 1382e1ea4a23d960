using System.Reflection;
using System.Reflection.Emit;
using System.Text.Json;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AnJiaXing.UnitTests.Contracts;

/// <summary>
/// Finds the contracts of the application by reflection, never by namespace: the application assemblies are every
/// <c>AnJiaXing.*.dll</c> beside the tests (so splitting the API into AnJiaXing.Platform, AnJiaXing.Hazards … changes
/// nothing here), and types are named by their short name only.
/// </summary>
public static class ContractDiscovery
{
    public static readonly IReadOnlyList<Assembly> AppAssemblies = Directory
        .GetFiles(AppContext.BaseDirectory, "AnJiaXing.*.dll")
        .Where(p => !Path.GetFileName(p).Contains("Tests", StringComparison.OrdinalIgnoreCase)
                    && !Path.GetFileName(p).Contains("Benchmarks", StringComparison.OrdinalIgnoreCase))
        .Select(p => Assembly.Load(AssemblyName.GetAssemblyName(p)))
        .Append(typeof(Actor).Assembly)
        .Distinct()
        .ToList();

    private static readonly HashSet<Assembly> AppSet = [.. AppAssemblies];

    public static bool IsAppType(Type t) => AppSet.Contains(t.Assembly);

    private static IEnumerable<Type> AllTypes => AppAssemblies.SelectMany(a =>
    {
        try { return a.GetTypes(); }
        catch (ReflectionTypeLoadException e) { return e.Types.OfType<Type>(); }
    });

    private const BindingFlags Everything =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    // ---- JSON, exactly as the application configures it ----

    private static readonly Lazy<StoreOptions> MartenOptions = new(() =>
    {
        // The store options the app itself builds (AddAnJiaXingMarten); building them connects to nothing.
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{MartenSetup.ConnectionStringName}"] = "Host=contract-tests.invalid;Database=none"
        }).Build());
        services.AddHttpContextAccessor();
        services.AddLogging();
        services.AddSingleton<LedgerGuard>(); // the metadata listener's (the platform registers it in AddAnJiaXingPlatform)
        services.AddAnJiaXingMarten(AnJiaXingHost.Modules);
        return services.BuildServiceProvider().GetRequiredService<StoreOptions>();
    });

    /// <summary>The serializer Marten writes event data (and documents) with.</summary>
    public static ISerializer EventSerializer => MartenOptions.Value.Serializer();

    /// <summary>The HTTP JSON options: ASP.NET's web defaults, then the application's own settings.</summary>
    public static readonly JsonSerializerOptions HttpJson = CreateHttpJson();

    private static JsonSerializerOptions CreateHttpJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        PlatformSetup.ConfigureJson(options);
        return options;
    }

    // ---- events ----

    private static readonly HashSet<string> AppendMethods = ["StartStream", "Append", "AppendOne", "AppendMany", "AppendOptimistic", "AppendExclusive"];
    private static readonly HashSet<string> FoldMethods = ["Apply", "Create", "Evolve", "ShouldDelete", "DetermineAction"];

    private static bool NamesItsActor(Type t) =>
        t.GetProperty("By", BindingFlags.Public | BindingFlags.Instance)?.PropertyType == typeof(Actor);

    private static bool IsConcrete(Type t) => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && IsAppType(t);

    /// <summary>
    /// Every event type the application stores, found three ways so that a new event cannot hide:
    /// (1) <c>IEvent&lt;T&gt;</c> in the signature of any method (aggregates, projections);
    /// (2) a parameter of an Apply/Create/Evolve method that names its actor (<c>Actor By</c>), e.g. <c>Apply(AccountDisabled _)</c>;
    /// (3) an object that names its actor and is constructed in a method body (IL) that calls an event-store append
    ///     (StartStream/Append/AppendOne/AppendMany): events that are only ever appended, never folded, such as audit records.
    /// Rules (2) and (3) need the actor because every event of ADR 0006 records who caused it; that keeps projection
    /// inputs like HazardStep and HTTP bodies like CreatedResponse out.
    /// </summary>
    public static IReadOnlyCollection<Type> EventTypes() => LazyEvents.Value;

    private static readonly Lazy<IReadOnlyCollection<Type>> LazyEvents = new(() =>
    {
        var found = new HashSet<Type>();
        foreach (var type in AllTypes)
        foreach (var method in Methods(type))
        {
            ParameterInfo[] parameters;
            try { parameters = method.GetParameters(); }
            catch { continue; }
            foreach (var p in parameters)
            {
                var pt = p.ParameterType;
                if (pt.IsGenericType && pt.GetGenericTypeDefinition() == typeof(IEvent<>) && IsConcrete(pt.GetGenericArguments()[0]))
                    found.Add(pt.GetGenericArguments()[0]);
                else if (FoldMethods.Contains(method.Name) && IsConcrete(pt) && NamesItsActor(pt))
                    found.Add(pt);
            }

            var (calls, constructed) = Il.Scan(method);
            if (calls.Any(c => AppendMethods.Contains(c.Name) && c.DeclaringType?.Assembly.GetName().Name is { } a
                                && (a.StartsWith("Marten", StringComparison.Ordinal) || a.StartsWith("JasperFx", StringComparison.Ordinal))))
                foreach (var t in constructed.Where(t => IsConcrete(t) && NamesItsActor(t)))
                    found.Add(t);
        }
        return found;
    });

    private static IEnumerable<MethodBase> Methods(Type type)
    {
        MethodBase[] methods;
        try { methods = [.. type.GetMethods(Everything), .. type.GetConstructors(Everything)]; }
        catch { return []; }
        return methods;
    }

    // ---- HTTP answers ----

    /// <summary>
    /// The body types of every Wolverine HTTP endpoint (attributes WolverineGet/Post/Put/Delete/Patch), unwrapped from
    /// Task, tuples, lists and generic envelopes: PagedResult&lt;HazardView&gt; yields PagedResult and HazardView.
    /// Endpoints answering IResult are invisible here; their bodies are listed by the read-model tests.
    /// </summary>
    public static IReadOnlyCollection<Type> ResponseTypes()
    {
        var found = new HashSet<Type>();
        foreach (var method in AllTypes.SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)))
        {
            if (!method.GetCustomAttributes(true).Any(a => a.GetType().Name is "WolverineGetAttribute" or "WolverinePostAttribute"
                    or "WolverinePutAttribute" or "WolverineDeleteAttribute" or "WolverinePatchAttribute")) continue;
            Collect(method.ReturnType, found);
        }
        return found;
    }

    private static void Collect(Type t, HashSet<Type> found)
    {
        if (t.IsArray) { Collect(t.GetElementType()!, found); return; }
        if (t.IsGenericType)
        {
            var definition = t.GetGenericTypeDefinition();
            if (IsAppType(definition)) found.Add(definition);
            foreach (var argument in t.GetGenericArguments()) Collect(argument, found);
            return;
        }
        if (IsAppType(t) && !t.IsEnum && !t.IsInterface) found.Add(t);
    }

    /// <summary>The short name a snapshot uses: no namespace, no generic arity (PagedResult`1 → PagedResult).</summary>
    public static string ShortName(Type t) => t.IsGenericType ? t.Name[..t.Name.IndexOf('`')] : t.Name;

    /// <summary>A minimal IL reader: which methods a body calls and which types it constructs.</summary>
    private static class Il
    {
        private static readonly Dictionary<short, OpCode> Codes = typeof(OpCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!)
            .ToDictionary(o => o.Value);

        public static (List<MethodBase> Calls, List<Type> Constructed) Scan(MethodBase method)
        {
            var calls = new List<MethodBase>();
            var constructed = new List<Type>();
            byte[]? il;
            try { il = method.GetMethodBody()?.GetILAsByteArray(); }
            catch { return (calls, constructed); }
            if (il is null) return (calls, constructed);

            var typeArgs = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
            var methodArgs = method is MethodInfo { IsGenericMethod: true } m ? m.GetGenericArguments() : null;
            var i = 0;
            while (i < il.Length)
            {
                short value = il[i++];
                if (value == 0xFE && i < il.Length) value = unchecked((short)(0xFE00 | il[i++]));
                if (!Codes.TryGetValue(value, out var code)) break;
                var size = code.OperandType switch
                {
                    OperandType.InlineNone => 0,
                    OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                    OperandType.InlineVar => 2,
                    OperandType.InlineI8 or OperandType.InlineR => 8,
                    OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, i),
                    _ => 4
                };
                if (code == OpCodes.Call || code == OpCodes.Callvirt || code == OpCodes.Newobj)
                {
                    try
                    {
                        var target = method.Module.ResolveMethod(BitConverter.ToInt32(il, i), typeArgs, methodArgs);
                        if (target is not null)
                        {
                            calls.Add(target);
                            if (code == OpCodes.Newobj && target.DeclaringType is { } created) constructed.Add(created);
                        }
                    }
                    catch (Exception e) when (e is ArgumentException or BadImageFormatException or TypeLoadException) { }
                }
                i += size;
            }
            return (calls, constructed);
        }
    }
}
