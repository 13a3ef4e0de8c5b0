using System.Text.RegularExpressions;
using AssumeRolePipeline.Contracts.Stacks;
using YamlDotNet.RepresentationModel;

namespace AssumeRolePipeline.Contracts.Tests;

public sealed class StackContractTests
{
    [Theory]
    [InlineData(CreateRoleContract.ProjectDirectory, CreateRoleContract.ProjectName)]
    [InlineData(AssumeRoleContract.ProjectDirectory, AssumeRoleContract.ProjectName)]
    public void Pulumi_yaml_names_the_project_the_contract_names(string directory, string project)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(Path.Combine(RepositoryRoot.Path, directory, "Pulumi.yaml")))
            yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;

        Assert.Equal(project, ((YamlScalarNode)root["name"]).Value);
        Assert.Equal("dotnet", ((YamlScalarNode)root["runtime"]).Value);
        Assert.Single(Directory.GetFiles(Path.Combine(RepositoryRoot.Path, directory), "*.csproj"));
    }

    [Fact]
    public void Create_role_exports_the_outputs_of_the_original_example_and_the_key_date_with_only_the_secret_key_secret()
    {
        Assert.Equal(["roleArn", "accessKeyId", "secretAccessKey", "accessKeyCreated"], CreateRoleContract.Outputs.Select(o => o.Name));
        Assert.Equal(["secretAccessKey"], CreateRoleContract.Outputs.Where(o => o.IsSecret).Select(o => o.Name));
    }

    [Theory]
    [InlineData("dev", "urn:pulumi:dev::create-role::aws:iam/accessKey:AccessKey::unprivileged-user-key")]
    [InlineData("acme/prod.eu_1", "urn:pulumi:prod.eu_1::create-role::aws:iam/accessKey:AccessKey::unprivileged-user-key")]
    [InlineData("acme/create-role/qa", "urn:pulumi:qa::create-role::aws:iam/accessKey:AccessKey::unprivileged-user-key")]
    public void The_access_keys_URN_names_only_the_stacks_own_name(string stack, string urn) =>
        Assert.Equal(urn, CreateRoleContract.AccessKeyUrn(stack));

    [Fact]
    public void The_stack_program_names_its_key_with_the_contracts_constant()
    {
        var program = File.ReadAllText(Path.Combine(RepositoryRoot.Path, CreateRoleContract.ProjectDirectory, "CreateRoleStack.cs"));

        Assert.Contains("CreateRoleContract.AccessKeyResourceName", program, StringComparison.Ordinal);
        Assert.DoesNotContain($"\"{CreateRoleContract.AccessKeyResourceName}\"", program, StringComparison.Ordinal);
    }

    [Fact]
    public void Assume_role_exports_the_bucket_name_in_the_clear() =>
        Assert.Equal(new StackOutput("bucketName", IsSecret: false), Assert.Single(AssumeRoleContract.Outputs));

    [Fact]
    public void Full_config_keys_carry_the_project_namespace()
    {
        Assert.Equal("create-role:unprivilegedUsername", CreateRoleContract.FullKey(CreateRoleContract.UnprivilegedUsernameKey));
        Assert.Equal("assume-role:roleToAssumeARN", AssumeRoleContract.FullKey(AssumeRoleContract.RoleToAssumeArnKey));
    }

    [Fact]
    public void Resource_tags_name_project_stack_and_owner_in_characters_AWS_tags_allow()
    {
        var tags = ResourceTags.For("create-role", "acme/prod.eu_1");

        Assert.Equal("create-role", tags["Project"]);
        Assert.Equal("acme/prod.eu_1", tags["Stack"]);
        Assert.Equal(ResourceTags.ManagedBy, tags["ManagedBy"]);
        Assert.All(tags, tag => Assert.Matches(new Regex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,256}$"), tag.Value));
    }
}
