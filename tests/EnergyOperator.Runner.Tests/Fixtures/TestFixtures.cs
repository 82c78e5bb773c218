namespace EnergyOperator.Runner.Tests.Fixtures;

internal static class TestFixtures
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
}
