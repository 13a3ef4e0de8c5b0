using AssumeRolePipeline.Stacks.SetUp;
using Pulumi;

return await Deployment.RunAsync<SetUpStack>();
