using AnJiaXing.Platform.Logging;

namespace AnJiaXing.Api;

/// <summary>
/// An <see cref="IHostBuilder"/> over a <see cref="WebApplicationBuilder"/> that is not built yet, for JasperFx commands
/// that configure the host before they build it, or need none (<c>ledger verify-bundle</c> builds nothing). Handed an already built host instead, <c>projections</c> prints
/// "Cannot override services when the IHost is already constructed" and runs with the service's logging (issue 12).
/// Configuration goes to the web application's builder; <see cref="Build"/> builds it and lays the request pipeline.
/// </summary>
public sealed class DeferredHostBuilder(WebApplicationBuilder builder, Action<WebApplication> configure) : IHostBuilder
{
    public IDictionary<object, object> Properties => ((IHostBuilder)builder.Host).Properties;

    // The command's own configuration hooks are forwarded as they come; the analyzer's advice is for application code.
#pragma warning disable ASP0013
    public IHostBuilder ConfigureHostConfiguration(Action<IConfigurationBuilder> configureDelegate)
    {
        builder.Host.ConfigureHostConfiguration(configureDelegate);
        return this;
    }

    public IHostBuilder ConfigureAppConfiguration(Action<HostBuilderContext, IConfigurationBuilder> configureDelegate)
    {
        builder.Host.ConfigureAppConfiguration(configureDelegate);
        return this;
    }
#pragma warning restore ASP0013

    public IHostBuilder ConfigureServices(Action<HostBuilderContext, IServiceCollection> configureDelegate)
    {
        builder.Host.ConfigureServices(configureDelegate);
        return this;
    }

    public IHostBuilder UseServiceProviderFactory<TContainerBuilder>(IServiceProviderFactory<TContainerBuilder> factory) where TContainerBuilder : notnull
    {
        builder.Host.UseServiceProviderFactory(factory);
        return this;
    }

    public IHostBuilder UseServiceProviderFactory<TContainerBuilder>(Func<HostBuilderContext, IServiceProviderFactory<TContainerBuilder>> factory)
        where TContainerBuilder : notnull
    {
        builder.Host.UseServiceProviderFactory(factory);
        return this;
    }

    public IHostBuilder ConfigureContainer<TContainerBuilder>(Action<HostBuilderContext, TContainerBuilder> configureDelegate)
    {
        builder.Host.ConfigureContainer(configureDelegate);
        return this;
    }

    public IHost Build()
    {
        CommandLineOutput.VerbBegins();
        var app = builder.Build();
        configure(app);
        return app;
    }
}
