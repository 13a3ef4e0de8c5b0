using AssumeRolePipeline.Stacks.CreateRole;
using Pulumi;

return await Deployment.RunAsync<CreateRoleStack>();
