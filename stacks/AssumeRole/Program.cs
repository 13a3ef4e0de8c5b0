using AssumeRolePipeline.Stacks.AssumeRole;
using Pulumi;

return await Deployment.RunAsync<AssumeRoleStack>();
