namespace EnergyOperator.Install.Tests.Helm;

/// <summary>A chart the test renderer will not render: it left the supported template subset, or broke a rule of it.</summary>
internal sealed class TemplateException(string message) : Exception(message);
