using System.Reflection;
using AnJiaXing.Api;
using AnJiaXing.Platform.Modules;
using NetArchTest.Rules;

namespace AnJiaXing.ArchitectureTests;

/// <summary>
/// The one-way rule of ADR 0019 (docs/modules.md): the platform knows no module and no host; no module knows the host;
/// a module uses another module only through that module's published contracts (its <c>.Contracts</c> namespace), and
/// those contracts use nothing of their own module's internals. A forbidden reference fails the build's test run,
/// naming the offending types.
/// </summary>
public class DependencyRules
{
    private static readonly Assembly Platform = typeof(IAnJiaXingModule).Assembly;
    private static readonly Assembly Host = typeof(AnJiaXingHost).Assembly;
    private static readonly IReadOnlyList<Assembly> Modules = AnJiaXingHost.Modules.Select(m => m.GetType().Assembly).ToList();

    public static TheoryData<string> ModuleNames()
    {
        var data = new TheoryData<string>();
        foreach (var m in AnJiaXingHost.Modules.Select(m => m.GetType().Assembly.GetName().Name!)) data.Add(m);
        return data;
    }

    private static Assembly Module(string name) => Modules.Single(a => a.GetName().Name == name);
    private static string Root(Assembly module) => module.GetName().Name!;
    private static string ContractsOf(Assembly module) => Root(module) + ".Contracts";

    /// <summary>Full names of a module's types outside its contracts (nested and compiler-generated ones included).</summary>
    private static string[] InternalsOf(Assembly module) => module.GetTypes()
        .Where(t => t.FullName is not null && t.Namespace is { } ns && ns.StartsWith(Root(module), StringComparison.Ordinal)
                    && !ns.StartsWith(ContractsOf(module), StringComparison.Ordinal))
        .Select(t => t.FullName!)
        .Distinct()
        .ToArray();

    private static void AssertHolds(TestResult result, string rule) =>
        Assert.True(result.IsSuccessful, $"{rule}: {string.Join(", ", result.FailingTypeNames ?? [])}");

    [Fact]
    public void the_host_lists_every_module_project()
    {
        var referenced = Host.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("AnJiaXing.", StringComparison.Ordinal));
        Assert.Equal(referenced.Where(n => n != Root(Platform)).Order(), Modules.Select(Root).Order());
    }

    [Fact]
    public void the_platform_depends_on_no_module_and_not_on_the_host()
    {
        var forbidden = Modules.Select(Root).Append(Root(Host)).ToArray();
        Assert.DoesNotContain(Platform.GetReferencedAssemblies(), a => forbidden.Contains(a.Name));
        AssertHolds(Types.InAssembly(Platform).ShouldNot().HaveDependencyOnAny(forbidden).GetResult(), "platform types using a module or the host");
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void a_module_does_not_depend_on_the_host(string module) =>
        AssertHolds(Types.InAssembly(Module(module)).ShouldNot().HaveDependencyOn(Root(Host)).GetResult(), $"{module} types using the host");

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void a_module_uses_other_modules_only_through_their_contracts(string module)
    {
        var self = Module(module);
        foreach (var other in Modules.Where(m => m != self))
        {
            var internals = InternalsOf(other);
            if (internals.Length == 0) continue;
            AssertHolds(Types.InAssembly(self).ShouldNot().HaveDependencyOnAny(internals).GetResult(),
                $"{module} types using internals of {Root(other)} (only {ContractsOf(other)} is published)");
        }
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void a_modules_contracts_stand_on_their_own(string module)
    {
        var self = Module(module);
        AssertHolds(Types.InAssembly(self).That().ResideInNamespace(ContractsOf(self))
                .ShouldNot().HaveDependencyOnAny(InternalsOf(self)).GetResult(),
            $"{ContractsOf(self)} types using their own module's internals");
    }

    [Fact]
    public void module_assemblies_reference_each_other_only_downwards()
    {
        // Project references form the order the host lists the modules in; a reference to a later module would be a cycle in waiting.
        for (var i = 0; i < Modules.Count; i++)
        {
            var later = Modules.Skip(i + 1).Select(Root).ToHashSet();
            Assert.DoesNotContain(Modules[i].GetReferencedAssemblies(), a => later.Contains(a.Name!));
        }
    }
}
