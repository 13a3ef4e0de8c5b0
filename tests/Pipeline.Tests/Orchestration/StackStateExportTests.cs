using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Stages;

namespace AssumeRolePipeline.Pipeline.Tests.Orchestration;

/// <summary>The state as <c>pulumi stack export --show-secrets</c> prints it (deployment version 3).</summary>
public sealed class StackStateExportTests
{
    private const string Signature = "\"4dabf18193072939515e22adb298388d\": \"1b47061264138c4ac30d75fd1eb44270\"";

    private static string Secret(string json) => $"{{{Signature}, \"plaintext\": {System.Text.Json.JsonSerializer.Serialize(json)}}}";

    private static readonly string Export = $$"""
        {
          "version": 3,
          "deployment": {
            "manifest": { "time": "2026-11-29T10:00:00Z" },
            "resources": [
              {
                "urn": "urn:pulumi:dev::create-role::pulumi:pulumi:Stack::create-role-dev",
                "type": "pulumi:pulumi:Stack",
                "outputs": {
                  "roleArn": "arn:aws:iam::123456789012:role/allow-s3",
                  "accessKeyId": "AKIAIOSFODNN7EXAMPLE",
                  "secretAccessKey": {{Secret("\"exported/secret+value\"")}},
                  "count": 3
                }
              },
              { "urn": "urn:pulumi:dev::create-role::pulumi:providers:aws::default", "type": "pulumi:providers:aws", "outputs": {} },
              {
                "urn": "urn:pulumi:dev::create-role::aws:iam/accessKey:AccessKey::key",
                "type": "aws:iam/accessKey:AccessKey",
                "outputs": { "id": "AKIANEWKEY", "secret": {{Secret("\"new/secret-born-in-a-failed-update\"")}} }
              },
              {
                "urn": "urn:pulumi:dev::create-role::custom:Thing::nested",
                "type": "custom:Thing",
                "inputs": { "block": {{Secret("{\"password\":\"nested-password-1\",\"list\":[\"nested-item-2\"]}")}} }
              }
            ]
          }
        }
        """;

    [Fact]
    public void Outputs_come_from_the_stack_resource_with_their_secrecy()
    {
        var state = StackStateExport.Read(Export);

        Assert.True(state.Exists);
        Assert.Equal(4, state.ResourceCount);
        Assert.Equal(new StackOutputValue("arn:aws:iam::123456789012:role/allow-s3", false), state.Outputs["roleArn"]);
        Assert.Equal(new StackOutputValue("exported/secret+value", true), state.Outputs["secretAccessKey"]);
        Assert.Equal(new StackOutputValue("3", false), state.Outputs["count"]);
    }

    [Fact]
    public void Every_secret_in_the_state_is_found_also_one_the_stack_does_not_export()
    {
        var state = StackStateExport.Read(Export);

        Assert.Contains("exported/secret+value", state.Secrets);
        Assert.Contains("new/secret-born-in-a-failed-update", state.Secrets);
        Assert.Contains("nested-password-1", state.Secrets);
        Assert.Contains("nested-item-2", state.Secrets);
        Assert.DoesNotContain("AKIANEWKEY", state.Secrets);
        Assert.DoesNotContain("arn:aws:iam::123456789012:role/allow-s3", state.Secrets);
    }

    [Fact]
    public void A_destroyed_stack_has_no_resources_outputs_or_secrets()
    {
        var state = StackStateExport.Read("""{"version":3,"deployment":{"manifest":{}}}""");

        Assert.True(state.Exists);
        Assert.Equal(0, state.ResourceCount);
        Assert.Empty(state.Outputs);
        Assert.Empty(state.Secrets);
    }

    [Fact]
    public void The_state_never_prints_its_secrets()
    {
        var state = StackStateExport.Read(Export);

        Assert.DoesNotContain("secret", state.ToString().Replace("Secrets = 4", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("exported/secret+value", state.ToString(), StringComparison.Ordinal);
    }
}
