using EnergyOperator.Runner.Pod;

return await PodProgram.RunAsync();
