using k8s.Exceptions;
using EnergyOperator.Operator.Hosting;
using Prometheus;

// Slim: the endpoints are plain HTTP, and the full builder also loads IIS integration, Kestrel's QUIC transport and MVC.
var builder = WebApplication.CreateSlimBuilder(args);
if (builder.Configuration["urls"] is null)
{
    builder.WebHost.UseUrls("http://+:8080");
}

// In-flight reconciles drain and the Lease is released well inside the pod's 30 s termination grace period.
builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(15));
builder.Logging.ClearProviders();
builder.Logging.AddJsonConsole(json =>
{
    // Without a format the JSON formatter writes no timestamp at all.
    json.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
    json.UseUtcTimestamp = true;
});

try
{
    OperatorConfiguration.AddTo(builder.Services, builder.Configuration);
}
// InvalidOperationException: the configuration binder could not convert a value; its message names the key.
catch (Exception e) when (e is KubeConfigException or ArgumentException or InvalidOperationException)
{
    Console.Error.WriteLine($"energy-operator: {e.Message}");
    return 2;
}

var app = builder.Build();
app.MapGet("/healthz", () => Results.Text("ok"));
app.MapGet("/readyz", (OperatorService service) => service.IsReady ? Results.Text("ready") : Results.Text("not ready", statusCode: 503));
app.MapMetrics("/metrics", app.Services.GetRequiredService<CollectorRegistry>());
await app.RunAsync();
return Environment.ExitCode;
